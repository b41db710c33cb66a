import type { Lang } from '../../design/label.js';
import { writeCsv } from '../exchange/csv-write.js';
import type { ListKind } from './list-kinds.js';
import type { ListEntry } from './list-rows.js';

/**
 * A list as CSV: a spreadsheet wants one record a row, so the categories become leading columns
 * (titled as the view's categorised columns) instead of heading rows.
 */
export function renderListCsv(entries: readonly ListEntry[], kind: ListKind, lang: Lang, categoryTitles: readonly string[] = []): string {
  const header = [...categoryTitles, ...kind.columns.map((column) => column.title[lang])];
  const rows = entries.map(({ addressee, categories }) => [
    ...categoryTitles.map((_, level) => categories[level] ?? ''),
    ...kind.columns.map((column) => column.value(addressee, lang)),
  ]);
  return writeCsv(header, rows);
}
