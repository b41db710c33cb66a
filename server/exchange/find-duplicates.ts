import { textKeys } from '../../design/sort-key.js';

export type MatchKind = 'name' | 'email' | 'phone';

/** What identifies a record: its normalised names, e-mail addresses and phone numbers. */
export interface RecordKeys {
  readonly names: readonly string[];
  readonly emails: readonly string[];
  readonly phones: readonly string[];
}

export interface Match {
  readonly id: string;
  readonly by: MatchKind;
}

const HAN = /\p{Script=Han}/gu;
const EXTENSION = /\s*(ext|x|转|分机)\.?\s*\d+\s*$/i;
// Shorter numbers are extensions, short codes or typing errors, and would match far too much.
const MIN_PHONE_DIGITS = 6;

/**
 * A name as a duplicate key: the pinyin sort key folds width, case, accents, spaces and
 * punctuation (`ＡＢＣ Co., Ltd.` is `ABC co ltd`); the Han characters are added back because the
 * sort key alone would take homophones (张伟, 章伟) for the same name.
 */
export function nameKey(name: string): string {
  const { sort } = textKeys(name);
  return sort === '' ? '' : `${sort}|${(name.normalize('NFKC').match(HAN) ?? []).join('')}`;
}

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Digits only, without the country code for China (+86, 0086, 86) or the trunk 0 after it, and
 * without an extension: `+86 (0)21 5555-1234`, `021 55551234` and `86-21-55551234` are one number.
 */
export function phoneKey(phone: string): string | null {
  let digits = phone.replace(EXTENSION, '').replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length >= 12) digits = digits.slice(2);
  digits = digits.replace(/^0+/, '');
  return digits.length >= MIN_PHONE_DIGITS ? digits : null;
}

/** Keys of a record from its name, e-mail addresses and phone numbers; `scope` narrows names (a contact's name counts within its customer). */
export function recordKeys(name: unknown, emails: readonly unknown[], phones: readonly unknown[], scope = ''): RecordKeys {
  const key = typeof name === 'string' ? nameKey(name) : '';
  return {
    names: key === '' ? [] : [`${scope}\u0000${key}`],
    emails: emails.filter((e): e is string => typeof e === 'string' && e.trim() !== '').map(emailKey),
    phones: phones.flatMap((p) => (typeof p === 'string' ? [phoneKey(p)] : [])).filter((p): p is string => p !== null),
  };
}

/** Records seen so far (stored, then added while importing), found again by any one key. */
export class DuplicateIndex {
  private readonly maps: Record<MatchKind, Map<string, string>> = { name: new Map(), email: new Map(), phone: new Map() };

  add(id: string, keys: RecordKeys): void {
    for (const [kind, values] of this.entries(keys)) {
      for (const value of values) if (!this.maps[kind].has(value)) this.maps[kind].set(value, id);
    }
  }

  /** The first record sharing a name, else an e-mail address, else a phone number. */
  find(keys: RecordKeys): Match | null {
    for (const [kind, values] of this.entries(keys)) {
      for (const value of values) {
        const id = this.maps[kind].get(value);
        if (id !== undefined) return { id, by: kind };
      }
    }
    return null;
  }

  private entries(keys: RecordKeys): [MatchKind, readonly string[]][] {
    return [['name', keys.names], ['email', keys.emails], ['phone', keys.phones]];
  }
}
