import { stringify } from 'csv-stringify/sync';

// A cell that starts with one of these is a formula to Excel, LibreOffice and Google Sheets
// ("=HYPERLINK(…)", "+cmd|…", "@SUM(…)"), and a tab or carriage return can hide one.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises a cell that a spreadsheet program would run as a formula: a leading apostrophe makes it text. */
export function safeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** What `safeCell` added, taken off again on import, so that an exported `+86 21 …` comes back as it was. */
export function unsafeCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** A cell's text: lists joined with "; ", nothing for null. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).filter((v) => v !== '').join('; ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * CSV as Excel opens it correctly in any locale: UTF-8 with a byte-order mark (without it,
 * Chinese Excel reads the file as GBK), CRLF line ends, every cell safe against formula injection.
 */
export function writeCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return stringify([header, ...rows].map((row) => row.map((value) => safeCell(cellText(value)))), { bom: true, record_delimiter: 'windows' });
}
