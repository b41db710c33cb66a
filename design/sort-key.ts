import { pinyin } from 'pinyin-pro';

/**
 * The only characters a sort key may contain. CouchDB (ICU collation), PouchDB
 * (JS string comparison) and LevelDB (byte order) all order strings over this
 * alphabet the same way, digits before letters, so views sort identically everywhere.
 */
export const SORT_KEY_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export interface SortKeyOptions {
  /** The text is a person's name: read the leading character(s) as a surname (曾 zeng, 单 shan). */
  readonly personName?: boolean;
}

// Only the Latin-style accent blocks: dropping every \p{M} would also merge か/が and erase Indic vowel signs.
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
// Punctuation, separators and invisible control/format characters carry no sorting meaning.
const DROPPED = /^[\p{P}\p{Z}\p{Cc}\p{Cf}]$/u;
const WHITESPACE = /\s+/g;
// A toneless syllable. pinyin-pro's dictionaries are global and can be extended by
// addDict/customPinyin, so anything that does not read as one is treated as an ordinary character.
const SYLLABLE = /^[a-z]+$/;
// Combining marks of the tones after NFD: macron 1, acute 2, caron 3, grave 4; diaeresis makes u ü (v).
const TONE_MARKS: Record<string, number> = { '\u0304': 1, '\u0301': 2, '\u030c': 3, '\u0300': 4 };
const DIAERESIS = '\u0308';
// pinyin-pro only ever reads Han characters; skipping it for other text is the main saving on Latin names.
const HAN = /\p{Script=Han}/u;

// Whole-string conversion so that pinyin-pro resolves polyphones from context (银行 hang, 重庆 chong).
// Tone sandhi is off: a dictionary lists 一 and 不 under their citation tones, whatever follows them.
// The array form (one entry per code point, non-Chinese characters passed through) is much cheaper
// than type 'all', and tone marks (toneType 'symbol') are about seven times cheaper than pinyin-pro's
// own conversion to tone numbers, so syllables are converted here, each distinct one once.
const PINYIN_OPTIONS = { type: 'array', toneType: 'symbol', toneSandhi: false } as const;
const PERSON_NAME_OPTIONS = { ...PINYIN_OPTIONS, mode: 'surname', surname: 'head' } as const;

type CharClass = 'letter' | 'digit' | 'dropped' | 'other';

/** Full-width to half-width, compatibility forms to plain ones, lower case, é to e. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(DIACRITICS, '').normalize('NFC');
}

/** A toneless syllable, and its part of a sort key: the syllable and its tone digit. */
interface Syllable {
  readonly syllable: string;
  readonly sortPart: string;
}

const syllables = new Map<string, Syllable | null>();

/** `lǜ` → lv, tone 4. No tone mark is the neutral tone, 5, which sorts after the four full tones. */
function syllableOf(marked: string): Syllable | null {
  let reading = syllables.get(marked);
  if (reading === undefined) {
    let syllable = '';
    let tone = 5;
    for (const ch of marked.normalize('NFD')) {
      if (ch === DIAERESIS) syllable = syllable.endsWith('u') ? `${syllable.slice(0, -1)}v` : syllable;
      else if (TONE_MARKS[ch] !== undefined) tone = TONE_MARKS[ch];
      else syllable += ch;
    }
    reading = SYLLABLE.test(syllable) ? { syllable, sortPart: syllable + tone } : null;
    syllables.set(marked, reading);
  }
  return reading;
}

/** Classifies a non-Chinese character of folded text (already lower case). */
function classify(char: string): CharClass {
  const code = char.charCodeAt(0);
  if (code >= 0x61 && code <= 0x7a) return 'letter';
  if (code >= 0x30 && code <= 0x39) return 'digit';
  // The rest of ASCII is controls, spaces, punctuation and symbols such as & and +.
  if (code < 0x80 || DROPPED.test(char)) return 'dropped';
  return 'other';
}

// Any other character is `zz` + its code point in 4 base-36 digits: injective, and after Latin text with the same prefix.
function encodeOther(char: string): string {
  return 'zz' + (char.codePointAt(0) ?? 0).toString(36).padStart(4, '0');
}

/** The three keys in one pass over the characters of the folded text. */
function keysOf(text: string, options?: SortKeyOptions): TextKeys {
  const normalised = fold(text);
  const chars = Array.from(normalised);
  const converted = HAN.test(normalised)
    ? pinyin(normalised, options?.personName ? PERSON_NAME_OPTIONS : PINYIN_OPTIONS)
    : undefined;
  let sort = '';
  let full = '';
  let initials = '';
  let inWord = false;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    const entry = converted?.[i];
    const reading = entry === undefined || entry === char ? null : syllableOf(entry);
    if (reading) {
      sort += reading.sortPart;
      full += reading.syllable;
      initials += reading.syllable[0];
      inWord = false;
      continue;
    }
    switch (classify(char)) {
      case 'letter':
        sort += char;
        full += char;
        if (!inWord) initials += char;
        inWord = true;
        break;
      case 'digit':
        sort += char;
        full += char;
        initials += char;
        inWord = false;
        break;
      case 'dropped':
        inWord = false;
        break;
      case 'other':
        // Letters of other scripts continue the word (Søren gives s, not sr) and sort after Latin ones.
        sort += encodeOther(char);
        break;
    }
  }
  return { sort, full, initials };
}

export interface TextKeys {
  readonly sort: string;
  readonly full: string;
  readonly initials: string;
}

// Saves repeat the same regions, cities, owners and categories over and over; converting each
// distinct text once keeps bulk imports close to the store's raw write speed.
const CACHE_LIMIT = 20000;
const cache = new Map<string, TextKeys>();

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The same keys as the general path for printable ASCII (codes, e-mail, English names), without normalising. */
function asciiKeys(text: string): TextKeys {
  let sort = '';
  let initials = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    const letter = code >= 0x61 && code <= 0x7a;
    const digit = code >= 0x30 && code <= 0x39;
    if (letter || digit) sort += String.fromCharCode(code);
    if (letter && !inWord) initials += String.fromCharCode(code);
    else if (digit) initials += String.fromCharCode(code);
    inWord = letter;
  }
  return { sort, full: sort, initials };
}

/** Printable ASCII only: its keys are its lower-cased letters and digits, no conversion needed. */
export function isPlainAscii(text: string): boolean {
  return PRINTABLE_ASCII.test(text);
}

/** All three keys of a text from one pinyin conversion. */
export function textKeys(text: string, options?: SortKeyOptions): TextKeys {
  if (isPlainAscii(text)) return asciiKeys(text);
  const cacheKey = (options?.personName ? 'p' : 't') + text;
  let keys = cache.get(cacheKey);
  if (!keys) {
    keys = keysOf(text, options);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(cacheKey, keys);
  }
  return keys;
}

/**
 * The key a view sorts by: pinyin syllables each followed by their tone digit
 * (5 for neutral), Latin letters and digits as they are, punctuation and spaces
 * dropped. Syllable-by-syllable order puts 西安 (xi1an1) before 先 (xian1).
 */
export function sortKey(text: string, options?: SortKeyOptions): string {
  return textKeys(text, options).sort;
}

/** First letters: 张小明 → zxm, John Smith → js, 3M中国 → 3mzg (every digit is kept). */
export function pinyinInitials(text: string, options?: SortKeyOptions): string {
  return textKeys(text, options).initials;
}

/** Toneless pinyin with Latin letters and digits, no separators: ABC贸易 → abcmaoyi. */
export function pinyinFull(text: string, options?: SortKeyOptions): string {
  return textKeys(text, options).full;
}

/**
 * Whether what was typed in a search box finds `text`: by initials (zs), by
 * full pinyin (zhangs) or by the characters themselves (张三, 三).
 */
export function matchesPinyin(query: string, text: string, options?: SortKeyOptions): boolean {
  const wanted = fold(query).replace(WHITESPACE, '');
  if (wanted === '') return false;
  if (fold(text).replace(WHITESPACE, '').includes(wanted)) return true;
  const keys = textKeys(text, options);
  return keys.initials.includes(wanted) || keys.full.includes(wanted);
}
