import type { Addressee } from './addressee.js';

export interface ListEntry {
  readonly addressee: Addressee;
  /** Titles of the view categories the entry is listed under, outermost first. */
  readonly categories: readonly string[];
}

export type ListRow =
  | { readonly kind: 'category'; readonly level: number; readonly title: string; readonly count: number }
  | { readonly kind: 'entry'; readonly addressee: Addressee };

/**
 * Entries in view order with a heading wherever their category changes, as the view pane shows
 * them; each heading counts the entries under it.
 */
export function listRows(entries: readonly ListEntry[]): ListRow[] {
  const rows: ListRow[] = [];
  const counts = new Map<number, number>();
  // Row indexes of the headings the current entry sits under, outermost first.
  const open: number[] = [];
  let path: readonly string[] = [];
  for (const { addressee, categories } of entries) {
    let same = 0;
    while (same < path.length && same < categories.length && path[same] === categories[same]) same++;
    open.length = same;
    for (let level = same; level < categories.length; level++) {
      open.push(rows.length);
      rows.push({ kind: 'category', level, title: categories[level]!, count: 0 });
    }
    for (const heading of open) counts.set(heading, (counts.get(heading) ?? 0) + 1);
    rows.push({ kind: 'entry', addressee });
    path = categories;
  }
  return rows.map((row, index) => (row.kind === 'category' ? { ...row, count: counts.get(index) ?? 0 } : row));
}
