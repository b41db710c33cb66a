import { collate } from 'pouchdb-collate';
import type { CategoryTotals, IndexRow, Key, ResponseRow, RowAccess, Totals, ViewSource } from '../../engine/view-source.js';
import type { CompiledView } from '../../views/compile-view.js';
import type { PouchDatabase } from './store.js';

/** Reads a view's pages from CouchDB's own view index through the documented `_view` API. */
export class CouchViewSource implements ViewSource {
  constructor(readonly view: CompiledView, private readonly pouch: PouchDatabase) {}

  private query(name: 'rows' | 'totals' | 'responses', options: PouchDB.Query.Options<object, object>) {
    return this.pouch.query(`${this.view.id}/${name}`, options);
  }

  async documents(prefix: Key, after: { key: Key; id: string } | null, limit: number): Promise<IndexRow[]> {
    const { rows } = await this.query('rows', {
      startkey: after ? after.key : prefix,
      ...(after ? { startkey_docid: after.id } : {}),
      endkey: [...prefix, {}],
      limit: limit + (after ? 1 : 0),
    });
    return rows
      .filter((row) => !after || row.id !== after.id || collate(row.key, after.key) !== 0)
      .slice(0, limit)
      .map((row) => {
        const [value, access] = row.value as [unknown[], RowAccess];
        return { id: row.id, key: row.key as Key, value, access };
      });
  }

  async categories(prefix: Key, after: Key | null, limit: number): Promise<CategoryTotals[]> {
    if (prefix.length >= this.view.categoryCount) return [];
    const { rows } = await this.query('totals', {
      group_level: prefix.length + 1,
      startkey: after ?? prefix,
      endkey: [...prefix, {}],
      limit: limit + (after ? 1 : 0),
    });
    return rows
      .filter((row) => !after || collate(row.key, after) !== 0)
      .slice(0, limit)
      .map((row) => {
        const [count, ...sums] = row.value as number[];
        return { key: row.key as Key, count: count!, sums };
      });
  }

  async total(): Promise<Totals> {
    if (this.view.designDoc.views.totals) {
      const { rows } = await this.query('totals', { reduce: true });
      const [count = 0, ...sums] = (rows[0]?.value as number[] | undefined) ?? [];
      return { count, sums: sums.length > 0 ? sums : Array.from({ length: this.view.totalCount }, () => 0) };
    }
    const { total_rows } = await this.query('rows', { limit: 0 });
    return { count: total_rows, sums: [] };
  }

  async responses(parentIds: readonly string[]): Promise<ResponseRow[]> {
    if (parentIds.length === 0) return [];
    const { rows } = await this.query('responses', { keys: [...parentIds] });
    return rows.map((row) => {
      const [created, value, access] = row.value as [string | null, unknown[], RowAccess];
      return { id: row.id, parent: row.key as string, created, value, access };
    });
  }
}
