import type { ViewRow } from './view-page.js';

/**
 * The leading rows of a view sorted by a date in its first column, earliest first, whose date is
 * before `day` (`YYYY-MM-DD`): an overdue list. `cut` tells whether a later row was left out, so
 * that a reader stops paging.
 */
export function rowsBeforeDay(rows: readonly ViewRow[], day: string): { rows: ViewRow[]; cut: boolean } {
  const end = rows.findIndex((row) => row.kind !== 'document' || typeof row.values[0] !== 'string' || row.values[0].slice(0, 10) >= day);
  return end < 0 ? { rows: [...rows], cut: false } : { rows: rows.slice(0, end), cut: true };
}
