import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import type { Doc } from '../../design/form.js';
import type { ForumPost, InterestReason } from '../../design/interest-match.js';

const REASON_LABELS: Record<InterestReason['kind'], string> = { category: '类别 Category', author: '作者 Author', word: '关键词 Word', thread: '关注的主题 Followed thread' };

/** Where the workstation opens a post (its address `#/<db>/<view>/<id>`). */
export function postLink(postId: string): string {
  return `#/discussion/all-documents/${postId}`;
}

const DIGEST_LIMIT = 19000;
const MORE = '更多新帖请见论坛 More posts in the forum';

/** One notice per person and post, whichever server or replay makes it: a second save is a conflict. */
export function interestNoticeId(owner: string, postId: string): string {
  return `interest-${hexOfUtf8(owner)}-${postId}`;
}

const DIGEST_PREFIX = 'interest-digest-';

/** One digest per person and delivery time. */
export function digestNoticeId(owner: string, due: string): string {
  return `${DIGEST_PREFIX}${hexOfUtf8(owner)}-${due.slice(0, 13).replace(/[^0-9]/g, '')}`;
}

export function isDigestNoticeId(id: string): boolean {
  return id.startsWith(DIGEST_PREFIX);
}

function describe(post: ForumPost, reasons: readonly InterestReason[]): string {
  const why = reasons.map((r) => `${REASON_LABELS[r.kind]}: ${r.kind === 'thread' ? post.threadId : r.value}`).join('; ');
  return `${post.subject} — ${post.author} (${why}) ${postLink(post.id)}`;
}

export function immediateNotice(owner: string, post: ForumPost, reasons: readonly InterestReason[]): Doc {
  const excerpt = post.body.length > 500 ? `${post.body.slice(0, 500)}…` : post.body;
  return {
    _id: interestNoticeId(owner, post.id),
    form: 'Notice',
    kind: 'interest',
    recipients: [owner],
    subject: `论坛新帖 New post: ${post.subject}`.slice(0, 300),
    body: `${describe(post, reasons)}\n\n${excerpt}`,
    linkDb: 'discussion',
    linkId: post.id,
  };
}

/** A post and why it interests the person, waiting to go into their digest. */
export interface DigestEntry {
  readonly post: ForumPost;
  readonly reasons: readonly InterestReason[];
}

/**
 * The digest due at `due` with these posts added, once each (posts already listed are left out);
 * null when none is new. A notice's body holds 20,000 characters; past that the digest ends with
 * a line pointing to the forum.
 */
export function addToDigest(digest: Doc | null, owner: string, due: string, entries: readonly DigestEntry[]): { doc: Doc; added: number } | null {
  const lines = typeof digest?.body === 'string' && digest.body !== '' ? digest.body.split('\n') : [];
  const listed = new Set(lines.map((line) => line.slice(line.lastIndexOf(' ') + 1)));
  let length = lines.join('\n').length;
  let added = 0;
  for (const { post, reasons } of entries) {
    if (lines.at(-1) === MORE) break;
    if (listed.has(postLink(post.id))) continue;
    const line = describe(post, reasons);
    const next = length + line.length < DIGEST_LIMIT ? line : MORE;
    lines.push(next);
    listed.add(postLink(post.id));
    length += next.length + 1;
    if (next !== MORE) added++;
  }
  if (added === 0) return null;
  const body = lines.join('\n');
  const doc: Doc = digest ? { ...digest, body } : {
    _id: digestNoticeId(owner, due),
    form: 'Notice',
    kind: 'interest',
    recipients: [owner],
    subject: `论坛摘要 Forum digest ${due.slice(0, 10)}`,
    body,
    linkDb: 'discussion',
    due,
  };
  return { doc, added };
}

/**
 * One digest from the leaves two servers wrote at once (on a cluster a write short of its quorum
 * is not a conflict to its writer): the winner's lines, then each line only a loser holds.
 */
export function mergeDigestLeaves(winner: Doc, losers: readonly Doc[]): Doc {
  const linesOf = (doc: Doc) => (typeof doc.body === 'string' && doc.body !== '' ? doc.body.split('\n') : []);
  const lines = linesOf(winner).filter((line) => line !== MORE);
  let more = linesOf(winner).includes(MORE);
  for (const line of losers.flatMap(linesOf)) {
    if (line === MORE) more = true;
    else if (!lines.includes(line)) lines.push(line);
  }
  while (lines.length > 0 && lines.join('\n').length + (more ? MORE.length + 1 : 0) >= DIGEST_LIMIT) {
    lines.pop();
    more = true;
  }
  return { ...winner, body: [...lines, ...(more ? [MORE] : [])].join('\n') };
}

/** The next delivery time of daily digests after `now`: the day's `hourUtc`, or tomorrow's. */
export function nextDigestTime(now: Date, hourUtc: number): string {
  const due = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  if (due.getTime() <= now.getTime()) due.setUTCDate(due.getUTCDate() + 1);
  return due.toISOString();
}
