import iconv from 'iconv-lite';
import { createError } from '../../engine/errors.js';

export interface VCardProperty {
  /** Upper case, without its group (`item1.EMAIL` is `EMAIL`). */
  readonly name: string;
  /** Parameter names in upper case; values as given, split at commas. vCard 2.1's bare `CELL` is `TYPE=CELL`. */
  readonly params: ReadonlyMap<string, readonly string[]>;
  /** The value after any QUOTED-PRINTABLE or BASE64 and CHARSET decoding, still escaped; a photo's stays base64. */
  readonly value: string;
}

export interface VCard {
  readonly version: string;
  /** The line of the file where the card begins. */
  readonly line: number;
  readonly properties: readonly VCardProperty[];
}

const VERSIONS = new Set(['2.1', '3.0', '4.0']);
const BARE_ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);
/** Properties whose BASE64 value is bytes (a photo), kept as the base64 text instead of decoded to text. */
const BINARY = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);

/**
 * vCards 2.1, 3.0 and 4.0, several to a file, as phones and mail programs write them: folded
 * lines, QUOTED-PRINTABLE with soft line breaks and a CHARSET (GB2312 from older Chinese phones),
 * grouped properties. A card without END:VCARD, or of another version, is an error naming its line.
 */
export function parseVCards(text: string): VCard[] {
  const cards: VCard[] = [];
  let open: { line: number; properties: VCardProperty[] } | null = null;
  for (const { line, text: logical } of logicalLines(text)) {
    const marker = /^(BEGIN|END):VCARD$/i.exec(logical.trim())?.[1]?.toUpperCase();
    if (marker === 'BEGIN') {
      if (open) throw createError('bad_request', `The vCard that begins on line ${open.line} has no END:VCARD before the next one begins on line ${line}`);
      open = { line, properties: [] };
    } else if (marker === 'END') {
      if (!open) throw createError('bad_request', `END:VCARD on line ${line} ends no vCard`);
      const version = open.properties.find((p) => p.name === 'VERSION')?.value.trim() ?? '';
      if (!VERSIONS.has(version)) throw createError('bad_request', `The vCard that begins on line ${open.line} is of version ${JSON.stringify(version)}; versions 2.1, 3.0 and 4.0 can be read`);
      cards.push({ version, line: open.line, properties: open.properties });
      open = null;
    } else if (open) {
      open.properties.push(parseProperty(logical, line));
    }
    // Anything between cards (a mail program's header, blank lines) is not part of any card.
  }
  if (open) throw createError('bad_request', `The vCard that begins on line ${open.line} has no END:VCARD`);
  if (cards.length === 0) throw createError('bad_request', 'The file holds no vCard (BEGIN:VCARD … END:VCARD)');
  return cards;
}

/** A text value with its escapes undone: `\n`, `\,`, `\;`, `\\`. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\,;nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

/** The components of a structured value (N, ADR, ORG), split at unescaped semicolons, each unescaped. */
export function components(value: string): string[] {
  return splitUnescaped(value, ';').map(unescapeText);
}

/** The property's TYPE values in lower case (`work`, `cell`, `fax`, …). */
export function typesOf(property: VCardProperty): string[] {
  return (property.params.get('TYPE') ?? []).map((type) => type.toLowerCase());
}

/**
 * Lines with their folds undone (a line that starts with a space or tab continues the one
 * before), and QUOTED-PRINTABLE soft line breaks (a value ending in `=`) joined to the next line.
 */
function* logicalLines(text: string): Generator<{ line: number; text: string }> {
  const raw = text.split(/\r\n|\r|\n/);
  let current: { line: number; text: string } | null = null;
  for (const [index, line] of raw.entries()) {
    if (current && (line.startsWith(' ') || line.startsWith('\t'))) {
      current.text += line.slice(1);
    } else if (current && current.text.endsWith('=') && isQuotedPrintable(current.text)) {
      current.text = current.text.slice(0, -1) + line;
    } else {
      if (current && current.text.trim() !== '') yield current;
      current = { line: index + 1, text: line };
    }
  }
  if (current && current.text.trim() !== '') yield current;
}

function isQuotedPrintable(logical: string): boolean {
  const head = logical.slice(0, indexOutsideQuotes(logical, ':'));
  return /;(ENCODING=)?QUOTED-PRINTABLE\b/i.test(head);
}

function parseProperty(logical: string, line: number): VCardProperty {
  const colon = indexOutsideQuotes(logical, ':');
  if (colon < 0) throw createError('bad_request', `Line ${line} of the vCard file is not a property (NAME:value): ${JSON.stringify(logical.slice(0, 60))}`);
  const [nameWithGroup = '', ...rawParams] = splitOutsideQuotes(logical.slice(0, colon), ';');
  const params = new Map<string, string[]>();
  for (const raw of rawParams) {
    const equals = raw.indexOf('=');
    const bare = raw.trim().toUpperCase();
    const [key, values] = equals < 0
      ? [BARE_ENCODINGS.has(bare) ? 'ENCODING' : 'TYPE', [raw.trim()]]
      : [raw.slice(0, equals).trim().toUpperCase(), splitOutsideQuotes(raw.slice(equals + 1), ',').map((v) => v.trim().replace(/^"(.*)"$/, '$1'))];
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  const name = nameWithGroup.slice(nameWithGroup.lastIndexOf('.') + 1).trim().toUpperCase();
  const raw = logical.slice(colon + 1);
  return { name, params, value: BINARY.has(name) ? raw.replace(/\s+/g, '') : decodeValue(raw, params, line) };
}

function decodeValue(value: string, params: ReadonlyMap<string, readonly string[]>, line: number): string {
  const encoding = params.get('ENCODING')?.[0]?.toUpperCase();
  const charset = params.get('CHARSET')?.[0] ?? 'utf-8';
  if (encoding !== 'QUOTED-PRINTABLE' && encoding !== 'B' && encoding !== 'BASE64') return value;
  if (!iconv.encodingExists(charset)) throw createError('bad_request', `Line ${line} of the vCard file names an unknown CHARSET ${JSON.stringify(charset)}`);
  const bytes = encoding === 'QUOTED-PRINTABLE' ? quotedPrintableBytes(value) : Buffer.from(value.replace(/\s+/g, ''), 'base64');
  return iconv.decode(bytes, charset);
}

function quotedPrintableBytes(value: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(value[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function indexOutsideQuotes(text: string, char: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === char) return i;
  }
  return -1;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let at = indexOutsideQuotes(rest, separator); at >= 0; at = indexOutsideQuotes(rest, separator)) {
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}

/** Splits at `separator` where it is not escaped by a backslash (a backslash escapes itself too). */
function splitUnescaped(value: string, separator: string): string[] {
  const parts: string[] = [];
  let part = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\' && i + 1 < value.length) {
      part += char + value[i + 1];
      i++;
    } else if (char === separator) {
      parts.push(part);
      part = '';
    } else {
      part += char;
    }
  }
  parts.push(part);
  return parts;
}
