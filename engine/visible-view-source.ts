import type { CategoryTotals, IndexRow, Key, ResponseRow, RowAccess, Totals, ViewSource } from './view-source.js';

const SCAN = 500;

/** What the caller knows of the index's state, to spare recounts (a recount reads every row under a category). */
export interface Recounts {
  /** The user may read every document the index holds: its totals are theirs, nothing is recounted. */
  readonly readsEverything?: boolean;
  /** Totals recounted earlier on this very index state for the same user, by category key (JSON); new ones are added. */
  readonly kept?: Map<string, Totals>;
}

/**
 * A view as one user may see it: only rows whose documents they may read, with category counts
 * and totals over those rows alone (so that no total betrays a hidden document). The index keeps
 * totals over all rows, so here they are recounted by reading the category's rows: this serves the
 * server's own API (printing, export, a filling workstation's first screens, reread every few
 * seconds: at 100,000 documents a recount takes seconds); workstations hold only what they may
 * read and need no filter.
 */
export function visibleTo(source: ViewSource, names: ReadonlySet<string>, { readsEverything = false, kept }: Recounts = {}): ViewSource {
  const readable = (access: RowAccess) => access === null || access.some((name) => names.has(name));
  const totalColumns = source.view.specs.rows.cols.flatMap((col, i) => (col.total ? [i] : []));

  async function* rowsUnder(prefix: Key, from: { key: Key; id: string } | null = null): AsyncGenerator<IndexRow> {
    let after = from;
    for (;;) {
      const rows = await source.documents(prefix, after, SCAN);
      for (const row of rows) if (readable(row.access)) yield row;
      if (rows.length < SCAN) return;
      const last = rows[rows.length - 1]!;
      after = { key: last.key, id: last.id };
    }
  }

  async function totalsUnder(prefix: Key): Promise<Totals> {
    const key = JSON.stringify(prefix);
    const known = kept?.get(key);
    if (known) return { count: known.count, sums: [...known.sums] };
    const totals: Totals = { count: 0, sums: totalColumns.map(() => 0) };
    for await (const row of rowsUnder(prefix)) {
      totals.count++;
      totalColumns.forEach((column, i) => {
        const value = row.value[column];
        if (typeof value === 'number' && Number.isFinite(value)) totals.sums[i] = Math.round((totals.sums[i]! + value) * 1e6) / 1e6;
      });
    }
    kept?.set(key, { count: totals.count, sums: [...totals.sums] });
    return totals;
  }

  return {
    view: source.view,
    async documents(prefix, after, limit) {
      const out: IndexRow[] = [];
      if (limit <= 0) return out;
      for await (const row of rowsUnder(prefix, after)) {
        out.push(row);
        if (out.length === limit) break;
      }
      return out;
    },
    categories: readsEverything ? (prefix, after, limit) => source.categories(prefix, after, limit) : async (prefix, after, limit) => {
      const out: CategoryTotals[] = [];
      let cursor = after;
      while (out.length < limit) {
        const categories = await source.categories(prefix, cursor, SCAN);
        for (const category of categories) {
          const totals = await totalsUnder(category.key);
          if (totals.count > 0) out.push({ key: category.key, ...totals });
          if (out.length === limit) return out;
        }
        if (categories.length < SCAN) return out;
        cursor = categories[categories.length - 1]!.key;
      }
      return out;
    },
    total: readsEverything ? () => source.total() : () => totalsUnder([]),
    async responses(parentIds): Promise<ResponseRow[]> {
      return (await source.responses(parentIds)).filter((row) => readable(row.access));
    },
  };
}
