import { fold } from './sort-key.js';

/** A new forum post as interest matching sees it: responses carry their thread's categories. */
export interface ForumPost {
  readonly id: string;
  readonly subject: string;
  readonly body: string;
  readonly author: string;
  /** The categories of the post's main topic. */
  readonly categories: readonly string[];
  /** The main topic's id (the post's own for a main topic). */
  readonly threadId: string;
}

/** What one person asked to hear about (an InterestProfile document). */
export interface Interests {
  readonly owner: string;
  readonly categories: readonly string[];
  readonly authors: readonly string[];
  readonly words: readonly string[];
  readonly threads: readonly string[];
}

export type InterestReason =
  | { readonly kind: 'category' | 'author' | 'word' | 'thread'; readonly value: string };

/**
 * Why a post interests a person, in the order of their profile; empty when it does not, and
 * always for their own posts. Categories and authors compare as folded text (全角/半角, case);
 * a word matches anywhere in the subject or body for Chinese, which has no spaces, and as a whole
 * word for Latin letters and digits (`ISO` finds "ISO 9001", not "isolate").
 */
export function matchInterests(interests: Interests, post: ForumPost): InterestReason[] {
  if (post.author === interests.owner) return [];
  const reasons: InterestReason[] = [];
  const { categories, author, text } = foldedPost(post);
  for (const value of interests.categories) if (categories.has(fold(value))) reasons.push({ kind: 'category', value });
  for (const value of interests.authors) if (fold(value) === author) reasons.push({ kind: 'author', value });
  for (const value of interests.words) if (containsWord(text, fold(value).trim())) reasons.push({ kind: 'word', value });
  if (post.threadId !== post.id && interests.threads.includes(post.threadId)) reasons.push({ kind: 'thread', value: post.threadId });
  return reasons;
}

/** A post is matched against every profile: its text is folded once. */
const folded = new WeakMap<ForumPost, { categories: Set<string>; author: string; text: string }>();

function foldedPost(post: ForumPost): { categories: Set<string>; author: string; text: string } {
  let entry = folded.get(post);
  if (!entry) {
    entry = { categories: new Set(post.categories.map(fold)), author: fold(post.author), text: fold(`${post.subject}\n${post.body}`) };
    folded.set(post, entry);
  }
  return entry;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

function containsWord(text: string, word: string): boolean {
  if (word === '') return false;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (isBoundary(text, at - 1, word[0]!) && isBoundary(text, at + word.length, word[word.length - 1]!)) return true;
  }
  return false;
}

/** Is the character at `index` a word boundary next to `edge`, the word's own first or last character? */
function isBoundary(text: string, index: number, edge: string): boolean {
  if (index < 0 || index >= text.length) return true;
  // Chinese is written without spaces: a Chinese word may sit between any characters.
  if (HAN.test(edge)) return true;
  const neighbour = text[index]!;
  return HAN.test(neighbour) || !WORD_CHAR.test(neighbour);
}
