import type { AbstractLevel, AbstractSublevel } from 'abstract-level';
import { toIndexableString } from 'pouchdb-collate';
import type { CompiledView } from '../views/compile-view.js';
import type { MapDoc } from '../views/map-spec.js';
import type { CategoryTotals, IndexRow, Key, ResponseRow, RowAccess, Totals, ViewSource } from './view-source.js';

/** The part of a PouchDB database the index reads: the changes feed of winning revisions. */
export interface ChangesFeed {
  changes(options: { since: number | string; limit: number; include_docs: true; return_docs: true }): Promise<{
    results: { id: string; seq: number | string; deleted?: boolean; doc?: MapDoc }[];
    last_seq: number | string;
  }>;
  info(): Promise<{ update_seq: number | string }>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- abstract-level's own signatures use any for sublevel parents
type Level = AbstractLevel<any, string, any>;
type Sub = AbstractSublevel<Level, string | Buffer | Uint8Array, string, unknown>;

interface Meta {
  /** The view's map source: a different source means the index is rebuilt. */
  readonly source: string;
  seq: number | string;
  total: Totals;
}

/** What one document contributed, so it can be taken out again when it changes. */
interface DocEntry {
  readonly rows: { readonly key: Key; readonly totals: number[] }[];
  readonly response?: { readonly parent: string; readonly created: string | null };
}

const BATCH = 2000;
const SUBLEVEL = { valueEncoding: 'json' } as const;

/**
 * A persistent view index on any abstract-level store (LevelDB on the server, IndexedDB in the
 * browser), fed from a PouchDB changes feed and running the view's map natively. It keeps per
 * category the count and sums, so a page opens with its headers and totals without a reduce.
 * Rows are stored under `toIndexableString([key, id])`: byte order is CouchDB's view order.
 */
export class LevelViewIndex implements ViewSource {
  private readonly rowsDb: Sub;
  private readonly docsDb: Sub;
  private readonly responsesDb: Sub;
  private readonly metaDb: Sub;
  private readonly categoryDbs: Sub[];
  private readonly source: string;
  private meta: Meta | null = null;
  /** Category totals by `toIndexableString(key)`; loaded once, kept in step with the store. */
  private categories_: Map<string, CategoryTotals> | null = null;
  private updating: Promise<void> | null = null;

  constructor(readonly view: CompiledView, private readonly feed: ChangesFeed, private readonly level: Level) {
    const root = level.sublevel(`view-${view.id}`, SUBLEVEL) as Sub;
    this.rowsDb = root.sublevel('rows', SUBLEVEL) as Sub;
    this.docsDb = root.sublevel('docs', SUBLEVEL) as Sub;
    this.responsesDb = root.sublevel('responses', SUBLEVEL) as Sub;
    this.metaDb = root.sublevel('meta', SUBLEVEL) as Sub;
    this.categoryDbs = Array.from({ length: view.categoryCount }, (_, i) => root.sublevel(`cat${i + 1}`, SUBLEVEL) as Sub);
    this.source = JSON.stringify(view.designDoc.views);
  }

  /** Brings the index up to the database's current sequence; concurrent callers share one run. */
  async refresh(): Promise<void> {
    while (this.updating) await this.updating;
    const meta = await this.loadMeta();
    const { update_seq } = await this.feed.info();
    if (String(update_seq) === String(meta.seq)) return;
    this.updating = this.update(meta).finally(() => {
      this.updating = null;
    });
    await this.updating;
  }

  async documents(prefix: Key, after: { key: Key; id: string } | null, limit: number): Promise<IndexRow[]> {
    const rows: IndexRow[] = [];
    const range = {
      gt: after ? toIndexableString([after.key, after.id]) : toIndexableString([prefix]),
      lt: toIndexableString([[...prefix, {}]]),
      limit,
    };
    for await (const value of this.rowsDb.values(range)) {
      const [key, id, [rowValue, access]] = value as [Key, string, [unknown[], RowAccess]];
      rows.push({ id, key, value: rowValue, access });
    }
    return rows;
  }

  async categories(prefix: Key, after: Key | null, limit: number): Promise<CategoryTotals[]> {
    const db = this.categoryDbs[prefix.length];
    if (!db) return [];
    const out: CategoryTotals[] = [];
    const range = { gt: toIndexableString(after ?? prefix), lt: toIndexableString([...prefix, {}]), limit };
    for await (const value of db.values(range)) out.push(value as CategoryTotals);
    return out;
  }

  async total(): Promise<Totals> {
    return (await this.loadMeta()).total;
  }

  async responses(parentIds: readonly string[]): Promise<ResponseRow[]> {
    const out: ResponseRow[] = [];
    for (const parent of parentIds) {
      for await (const value of this.responsesDb.values({ gt: toIndexableString([parent]), lt: toIndexableString([parent, {}]) })) {
        out.push(value as ResponseRow);
      }
    }
    return out;
  }

  private async loadMeta(): Promise<Meta> {
    if (this.meta) return this.meta;
    const stored = (await this.metaDb.get('meta')) as Meta | undefined;
    if (stored && stored.source === this.source) {
      this.meta = stored;
    } else {
      await Promise.all([this.rowsDb, this.docsDb, this.responsesDb, this.metaDb, ...this.categoryDbs].map((db) => db.clear()));
      this.meta = { source: this.source, seq: 0, total: { count: 0, sums: zeros(this.view.totalCount) } };
      this.categories_ = new Map();
    }
    return this.meta;
  }

  private async loadCategories(): Promise<Map<string, CategoryTotals>> {
    if (this.categories_) return this.categories_;
    const map = new Map<string, CategoryTotals>();
    for (const db of this.categoryDbs) {
      for await (const [key, value] of db.iterator()) map.set(key, value as CategoryTotals);
    }
    this.categories_ = map;
    return map;
  }

  private async update(meta: Meta): Promise<void> {
    try {
      await this.indexChanges(meta, await this.loadCategories());
    } catch (error) {
      // The in-memory totals may be ahead of what was written: reload them from the store next time.
      this.meta = null;
      this.categories_ = null;
      throw error;
    }
  }

  private async indexChanges(meta: Meta, categories: Map<string, CategoryTotals>): Promise<void> {
    // On a first build nothing is indexed yet, so a document seen for the first time has nothing to take out.
    const firstBuild = meta.seq === 0;
    const seen = new Set<string>();
    for (;;) {
      const { results, last_seq } = await this.feed.changes({ since: meta.seq, limit: BATCH, include_docs: true, return_docs: true });
      if (results.length === 0) break;
      const changed = results.filter((change) => !change.id.startsWith('_design/'));
      const lookups = changed.filter((change) => !firstBuild || seen.has(change.id));
      const previous = new Map<string, DocEntry>();
      if (lookups.length > 0) {
        const entries = await this.docsDb.getMany(lookups.map((change) => change.id));
        entries.forEach((entry, i) => entry && previous.set(lookups[i]!.id, entry as DocEntry));
      }
      const batch = new IndexBatch(this, categories, meta.total);
      for (const change of changed) {
        seen.add(change.id);
        const old = previous.get(change.id);
        if (old) batch.remove(change.id, old);
        const entry = change.deleted || !change.doc ? null : batch.add(change.id, change.doc);
        if (entry) batch.put(this.docsDb, change.id, entry);
        else if (old) batch.del(this.docsDb, change.id);
      }
      meta.seq = last_seq;
      batch.put(this.metaDb, 'meta', meta);
      await batch.commit(this.level);
    }
  }

  /** @internal used by IndexBatch */
  subs(): { rows: Sub; responses: Sub; categories: Sub[] } {
    return { rows: this.rowsDb, responses: this.responsesDb, categories: this.categoryDbs };
  }
}

type Operation = { type: 'put'; sublevel: Sub; key: string; value: unknown } | { type: 'del'; sublevel: Sub; key: string };

/** One atomic write to the index: rows, document entries, category totals and the sequence. */
class IndexBatch {
  private readonly ops: Operation[] = [];
  private readonly dirty = new Set<string>();
  private readonly subs: ReturnType<LevelViewIndex['subs']>;

  constructor(private readonly index: LevelViewIndex, private readonly categories: Map<string, CategoryTotals>, private readonly total: Totals) {
    this.subs = index.subs();
  }

  add(id: string, doc: MapDoc): DocEntry | null {
    const view = this.index.view;
    const rows = view.map(doc, 'rows');
    const totals = view.totalCount > 0 || view.categoryCount > 0 ? view.map(doc, 'totals') : [];
    const entry: { rows: DocEntry['rows']; response?: DocEntry['response'] } = { rows: [] };
    rows.forEach((row, i) => {
      const rowTotals = (totals[i]?.value as number[] | undefined)?.slice(1) ?? [];
      this.put(this.subs.rows, toIndexableString([row.key, id]), [row.key, id, row.value]);
      this.count(row.key, rowTotals, 1);
      entry.rows.push({ key: row.key, totals: rowTotals });
    });
    if (view.def.responses) {
      for (const response of view.map(doc, 'responses')) {
        const [created, value, access] = response.value as [string | null, unknown[], RowAccess];
        const parent = String(response.key);
        this.put(this.subs.responses, toIndexableString([parent, created, id]), { id, parent, created, value, access });
        entry.response = { parent, created };
      }
    }
    return entry.rows.length > 0 || entry.response ? entry : null;
  }

  remove(id: string, entry: DocEntry): void {
    for (const row of entry.rows) {
      this.del(this.subs.rows, toIndexableString([row.key, id]));
      this.count(row.key, row.totals, -1);
    }
    if (entry.response) this.del(this.subs.responses, toIndexableString([entry.response.parent, entry.response.created, id]));
  }

  put(sublevel: Sub, key: string, value: unknown): void {
    this.ops.push({ type: 'put', sublevel, key, value });
  }

  del(sublevel: Sub, key: string): void {
    this.ops.push({ type: 'del', sublevel, key });
  }

  async commit(db: Level): Promise<void> {
    for (const key of this.dirty) {
      const category = this.categories.get(key)!;
      const sublevel = this.subs.categories[category.key.length - 1]!;
      if (category.count === 0) {
        this.categories.delete(key);
        this.del(sublevel, key);
      } else {
        this.put(sublevel, key, category);
      }
    }
    await db.batch(this.ops);
  }

  private count(key: Key, totals: number[], sign: 1 | -1): void {
    this.total.count += sign;
    addInto(this.total.sums, totals, sign);
    for (let depth = 1; depth <= this.index.view.categoryCount; depth++) {
      const prefix = key.slice(0, depth);
      const indexKey = toIndexableString(prefix);
      let category = this.categories.get(indexKey);
      if (!category) {
        category = { key: prefix, count: 0, sums: zeros(totals.length) };
        this.categories.set(indexKey, category);
      }
      (category as { count: number }).count += sign;
      addInto(category.sums, totals, sign);
      this.dirty.add(indexKey);
    }
  }
}

/** Sums are kept to a millionth, so that adding and taking out amounts leaves no binary residue. */
function addInto(sums: number[], values: readonly number[], sign: 1 | -1): void {
  values.forEach((value, i) => {
    sums[i] = Math.round(((sums[i] ?? 0) + sign * value) * 1e6) / 1e6;
  });
}

function zeros(n: number): number[] {
  return Array.from({ length: n }, () => 0);
}
