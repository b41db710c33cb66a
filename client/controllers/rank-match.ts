import { fold, textKeys } from '../../design/sort-key.js';

/** A name a document is looked up by: its Chinese name (also by pinyin), English name, code. */
export interface RankedName {
  readonly text: string;
  /** Whether it is also matched by its pinyin and initials; `personName` reads surnames as such (单 shan). */
  readonly pinyin: boolean;
  readonly personName?: boolean;
}

/** Best first. A document found only in its other text (address, notes) ranks after every name match. */
export const RANK = { exact: 0, prefix: 1, wordPrefix: 2, within: 3, elsewhere: 4 } as const;

const SPACES = /\s+/g;
/** Where a word starts inside a name: after a space or punctuation (`广州 Atlas Co.` → atlas). */
const WORD_START = /[\s\p{P}\p{S}]+/u;

/** What a name is compared with: its folded text without spaces, its pinyin and initials, and its words. */
export interface NameForms {
  readonly whole: readonly string[];
  readonly words: readonly string[];
}

/** Worked out once per document (pinyin conversion is the costly part), then ranked against each query. */
export function nameForms(names: readonly RankedName[]): NameForms {
  const whole: string[] = [];
  const words: string[] = [];
  for (const name of names) {
    const folded = fold(name.text);
    whole.push(folded.replace(SPACES, ''));
    if (name.pinyin) {
      const keys = textKeys(name.text, { personName: name.personName === true });
      whole.push(keys.full, keys.initials);
    }
    words.push(...folded.split(WORD_START).filter((word) => word !== ''));
  }
  return { whole, words };
}

/**
 * How well what was typed names a document, for ordering matches: an exact name (宏达, hongda,
 * hd, Atlas Pumps, C0012) before a name that starts with it, before a name with a word starting
 * with it, before a name merely containing it, before a match only somewhere in its other text.
 * Typing `atlas` therefore puts Atlas Ltd before 广州汇川水务 whose English name is `广州 Atlas Co.`.
 */
export function rankMatch(query: string, names: NameForms): number {
  const wanted = fold(query).replace(SPACES, '');
  if (wanted === '') return RANK.elsewhere;
  if (names.whole.includes(wanted)) return RANK.exact;
  if (names.whole.some((text) => text.startsWith(wanted))) return RANK.prefix;
  if (names.words.some((word) => word.startsWith(wanted))) return RANK.wordPrefix;
  return names.whole.some((text) => text.includes(wanted)) ? RANK.within : RANK.elsewhere;
}
