import type { AbstractLevel } from 'abstract-level';
import { toIndexableString } from 'pouchdb-collate';
import type { CompiledView } from '../views/compile-view.js';
import type { MapDoc } from '../views/map-spec.js';
import type { CategoryTotals, IndexRow, Key, ResponseRow, RowAccess, Totals, ViewSource } from './view-source.js';
import { compareKeys, tiersToMerge, PackedRows, viewLayout, type Operation, type Packing, type Run, type StoredRow, type Sub } from './view-rows.js';
import { RunKeys } from './run-keys.js';

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

interface Meta {
  /** The view's map source: a different source means the index is rebuilt. */
  readonly source: string;
  /** The index's layout (FORMAT): an index of another layout is rebuilt. */
  readonly format: number;
  /** Names this build of the index: what documents contributed to an earlier build is ignored. */
  readonly generation: string;
  seq: number | string;
  total: Totals;
  /** The view's packed runs of rows (PackedRows), oldest first, and the number the next one takes. */
  runs?: Run[];
  nextRun?: number;
}

/**
 * 2: what a document contributed to every view of the store is one entry (DocEntries); it was one
 * per view, most of a new replica's IndexedDB writes.
 */
const FORMAT = 2;

/** What a run works on: the index's sequence and totals, updated as it goes. */
interface RunState {
  readonly meta: Meta;
  readonly categories: Map<string, CategoryTotals>;
}

/** What one document contributed to a view, so it can be taken out again when it changes. */
interface DocEntry {
  /** `inRun`: the row went into a packed run, so taking it out leaves a tombstone. */
  readonly rows: { readonly key: Key; readonly totals: number[]; inRun?: true }[];
  readonly response?: { readonly parent: string; readonly created: string | null };
}

/** What one document contributed to each view of the store, by view id, with the build it went into. */
type StoredEntries = Record<string, DocEntry & { readonly generation: string }>;

const BATCH = 2000;
const SUBLEVEL = { valueEncoding: 'json' } as const;

/**
 * A persistent view index on any abstract-level store (LevelDB on the server, IndexedDB in the
 * browser), fed from a PouchDB changes feed and running the view's map natively. It keeps per
 * category the count and sums, so a page opens with its headers and totals without a reduce.
 * Rows are stored under `toIndexableString([key, id])`: byte order is CouchDB's view order.
 */
export class LevelViewIndex implements ViewSource {
  private readonly rows: PackedRows;
  /** The layout before FORMAT 2 kept document entries per view: cleared when the index is rebuilt. */
  private readonly oldDocsDb: Sub;
  private readonly responsesDb: Sub;
  private readonly metaDb: Sub;
  private readonly categoryDbs: Sub[];
  private readonly source: string;
  private meta: Meta | null = null;
  /** Category totals by `toIndexableString(key)`; loaded once, kept in step with the store. */
  private categories_: Map<string, CategoryTotals> | null = null;

  /**
   * `readOnly`: another context (the browser's views worker) writes this index; this one reads it
   * as stored, never clears or rebuilds it (that writer's build of the views may differ in its
   * source text only, e.g. minified apart), and cannot be refreshed. `pack`: a batch of many new
   * rows is written as a packed run (PackedRows), for a store where each record costs much.
   */
  constructor(readonly view: CompiledView, private readonly feed: ChangesFeed, private readonly level: Level, private readonly options: { readonly readOnly?: boolean; readonly pack?: Packing } = {}) {
    const root = level.sublevel(`view-${view.id}`, SUBLEVEL) as Sub;
    this.rows = new PackedRows(viewLayout(root, SUBLEVEL));
    this.oldDocsDb = root.sublevel('docs', SUBLEVEL) as Sub;
    this.responsesDb = root.sublevel('responses', SUBLEVEL) as Sub;
    this.metaDb = root.sublevel('meta', SUBLEVEL) as Sub;
    this.categoryDbs = Array.from({ length: view.categoryCount }, (_, i) => root.sublevel(`cat${i + 1}`, SUBLEVEL) as Sub);
    this.source = JSON.stringify(view.designDoc.views);
  }

  /** Brings the index up to the database's current sequence; concurrent callers share one run. */
  async refresh(): Promise<void> {
    await refreshTogether([this]);
  }

  /**
   * Brings several indexes of one feed and one store up to date, reading the feed once for all
   * those at the same sequence and writing each batch of changes to all of them in one store
   * batch: a new replica's twenty views cost one pass over its documents, not twenty.
   */
  static async refreshTogether(indexes: readonly LevelViewIndex[]): Promise<void> {
    await refreshTogether(indexes);
  }

  async documents(prefix: Key, after: { key: Key; id: string } | null, limit: number): Promise<IndexRow[]> {
    const gt = after ? toIndexableString([after.key, after.id]) : toIndexableString([prefix]);
    const stored = await this.rows.read(gt, toIndexableString([[...prefix, {}]]), limit, (await this.loadMeta()).runs ?? []);
    return stored.map((row) => {
      const [key, id, [value, access]] = row as [Key, string, [unknown[], RowAccess]];
      return { id, key, value, access };
    });
  }

  async categories(prefix: Key, after: Key | null, limit: number): Promise<CategoryTotals[]> {
    const db = this.categoryDbs[prefix.length];
    if (!db) return [];
    const out: CategoryTotals[] = [];
    const range = { gt: toIndexableString(after ?? prefix), lt: toIndexableString([...prefix, {}]), limit };
    for await (const value of db.values(range)) out.push(value as CategoryTotals);
    return out;
  }

  /** A copy: the index goes on updating its own totals as later runs index changes. */
  async total(): Promise<Totals> {
    const { count, sums } = (await this.loadMeta()).total;
    return { count, sums: [...sums] };
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

  /** @internal */
  async loadMeta(): Promise<Meta> {
    if (this.meta) return this.meta;
    const stored = (await this.metaDb.get('meta')) as Meta | undefined;
    if (stored && ((stored.source === this.source && stored.format === FORMAT) || this.options.readOnly)) {
      this.meta = stored;
    } else if (this.options.readOnly) {
      // Not written yet: empty for now, read again next time.
      return this.emptyMeta();
    } else {
      await Promise.all([...this.rows.stores(stored?.runs ?? []), this.oldDocsDb, this.responsesDb, this.metaDb, ...this.categoryDbs].map((db) => db.clear()));
      this.meta = this.emptyMeta();
      this.categories_ = new Map();
    }
    return this.meta;
  }

  private emptyMeta(): Meta {
    const generation = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    return { source: this.source, format: FORMAT, generation, seq: 0, total: { count: 0, sums: zeros(this.view.totalCount) } };
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

  /** @internal The index's state for a run; null when it is up to date with `seq`. */
  async begin(seq: number | string): Promise<RunState | null> {
    if (this.options.readOnly) throw new Error(`view ${this.view.id}: this index is read only here, written elsewhere`);
    const meta = await this.loadMeta();
    if (String(seq) === String(meta.seq)) return null;
    return { meta, categories: await this.loadCategories() };
  }

  /** @internal After a failed run the in-memory totals may be ahead of what was written: reload them next time. */
  forget(): void {
    this.meta = null;
    this.categories_ = null;
  }

  /** @internal The store operations for one batch of changes, the sequence included; what each document contributed goes to `entries`. */
  operations(state: RunState, changed: readonly Change[], lastSeq: number | string, entries: DocEntries): Operation[] {
    const { meta, categories } = state;
    const batch = new IndexBatch(this, categories, meta);
    for (const change of changed) {
      const old = entries.previous(this.view.id, meta.generation, change.id);
      if (old) batch.remove(change.id, old);
      const entry = change.deleted || !change.doc ? null : batch.add(change.id, change.doc);
      entries.set(this.view.id, meta.generation, change.id, entry);
    }
    const ops = batch.finish(this.options.pack);
    meta.seq = lastSeq;
    ops.push({ type: 'put', sublevel: this.metaDb, key: 'meta', value: meta });
    return ops;
  }

  /**
   * @internal After a batch was written: the operations that merge the view's newest runs if they
   * make a full tier (tiersToMerge), or with `all` every run into one (the meta included); or none.
   */
  async mergeRuns(state: RunState, all = false): Promise<Operation[]> {
    if (this.options.readOnly) throw new Error(`view ${this.view.id}: this index is read only here, written elsewhere`);
    const { meta } = state;
    const runs = meta.runs ?? [];
    const merging = all ? (runs.length > 1 ? runs : []) : tiersToMerge(runs);
    if (!this.options.pack || merging.length === 0) return [];
    const { run, ops } = await this.rows.merge(merging, merging.length === runs.length, meta.nextRun!, this.options.pack.chunkRows);
    meta.runs = [...runs.slice(0, runs.length - merging.length), run];
    meta.nextRun = run.n + 1;
    ops.push({ type: 'put', sublevel: this.metaDb, key: 'meta', value: meta });
    return ops;
  }

  /**
   * Merges each view's packed runs into one (after a new replica's first fill: its pages then read
   * one run), once the runs under way on the store have ended. The document entries stay in their
   * tiers: a lookup by id gains nothing from one run, and merging them rewrote every entry once
   * more (3 s of CPU at 100,000 documents, Node).
   */
  static compactTogether(indexes: readonly LevelViewIndex[]): Promise<void> {
    return afterRunning(indexes, async () => {
      for (const index of indexes) {
        const ops = await index.mergeRuns({ meta: await index.loadMeta(), categories: new Map() }, true);
        if (ops.length > 0) await index.store.batch(ops);
      }
    });
  }

  /** @internal */
  get store(): Level {
    return this.level;
  }

  /** @internal */
  get packing(): Packing | undefined {
    return this.options.pack;
  }

  /** @internal */
  get changesFeed(): ChangesFeed {
    return this.feed;
  }

  /** @internal used by IndexBatch */
  subs(): { rows: PackedRows; responses: Sub; categories: Sub[] } {
    return { rows: this.rows, responses: this.responsesDb, categories: this.categoryDbs };
  }
}

type Change = Awaited<ReturnType<ChangesFeed['changes']>>['results'][number];

/** The run under way on each store: runs on one store go in turn, so no two index the same changes. */
const running = new WeakMap<Level, Promise<void>>();

/** See LevelViewIndex.refreshTogether. */
function refreshTogether(indexes: readonly LevelViewIndex[]): Promise<void> {
  return afterRunning(indexes, () => refreshNow(indexes));
}

/** Runs `work` on the indexes' store once the run under way there has ended. */
function afterRunning(indexes: readonly LevelViewIndex[], work: () => Promise<void>): Promise<void> {
  if (indexes.length === 0) return Promise.resolve();
  const { store } = indexes[0]!;
  const run = (running.get(store) ?? Promise.resolve()).catch(() => undefined).then(work);
  running.set(store, run);
  return run;
}

/** Indexes at different sequences (one opened before the others) are brought up in turn, each group in one pass. */
async function refreshNow(indexes: readonly LevelViewIndex[]): Promise<void> {
  const { store, changesFeed: feed } = indexes[0]!;
  if (indexes.some((index) => index.store !== store || index.changesFeed !== feed)) throw new Error('indexes refreshed together share one store and one feed');
  const { update_seq } = await feed.info();
  const groups = new Map<string, { index: LevelViewIndex; state: RunState }[]>();
  for (const index of indexes) {
    const state = await index.begin(update_seq);
    if (!state) continue;
    const seq = String(state.meta.seq);
    groups.set(seq, [...(groups.get(seq) ?? []), { index, state }]);
  }
  for (const group of groups.values()) {
    try {
      await indexGroup(store, feed, group);
    } catch (error) {
      for (const { index } of group) index.forget();
      EntriesStore.of(store).forget();
      throw error;
    }
  }
}

async function indexGroup(store: Level, feed: ChangesFeed, group: readonly { index: LevelViewIndex; state: RunState }[]): Promise<void> {
  let since = group[0]!.state.meta.seq;
  const packing = group[0]!.index.packing;
  const entriesStore = EntriesStore.of(store);
  const known = await entriesStore.knownIds();
  for (;;) {
    const { results, last_seq } = await feed.changes({ since, limit: BATCH, include_docs: true, return_docs: true });
    if (results.length === 0) break;
    const changed = results.filter((change) => !change.id.startsWith('_design/'));
    const entries = await DocEntries.read(entriesStore, changed.map((change) => change.id).filter((id) => known === null || known.has(id)));
    const operations: Operation[] = [];
    for (const { index, state } of group) {
      const ops = index.operations(state, changed, last_seq, entries);
      operations.push(...ops);
      // Each view that took in rows ends its task, so a page indexing a new replica stays responsive
      // (one with only its sequence to write, of another form, took no time).
      if (ops.length > 1) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    operations.push(...await entries.operations(packing));
    await store.batch(operations);
    for (const change of changed) known?.add(change.id);
    for (const { index, state } of group) {
      // A merged tier may complete the next one.
      for (let merges = await index.mergeRuns(state); merges.length > 0; merges = await index.mergeRuns(state)) await store.batch(merges);
    }
    if (packing) await entriesStore.mergeTiers(packing);
    since = last_seq;
  }
}

/** The document entries of every view of a store (StoredEntries), beside the views' own: single records, packed runs, tombstones, and which runs there are. */
class EntriesStore {
  private static readonly byStore = new WeakMap<Level, EntriesStore>();
  readonly rows: PackedRows<StoredEntries>;
  private readonly single: Sub;
  private readonly metaDb: Sub;
  private runs_: { runs: Run[]; nextRun: number } | null = null;
  /**
   * The ids that have document entries in this store, when known: the store had none when this
   * process first indexed it, and every id written since is here. A document not among them has
   * nothing to take out, so the first revisions of a new replica cost no reads. Null when unknown:
   * then every change is looked up.
   */
  private known: Promise<Set<string> | null> | null = null;

  static of(store: Level): EntriesStore {
    let entries = EntriesStore.byStore.get(store);
    if (!entries) EntriesStore.byStore.set(store, (entries = new EntriesStore(store)));
    return entries;
  }

  private constructor(private readonly store: Level) {
    // Single entries keep the sublevel they had before runs; the runs, their keys and the tombstones are beside it.
    this.single = store.sublevel(ENTRIES, SUBLEVEL) as Sub;
    this.metaDb = store.sublevel(`${ENTRIES}-meta`, SUBLEVEL) as Sub;
    const run = (n: number) => store.sublevel(`${ENTRIES}-run-${n}`, SUBLEVEL) as Sub;
    const keys = new RunKeys(store.sublevel(`${ENTRIES}-keys`, SUBLEVEL) as Sub, run);
    this.rows = new PackedRows<StoredEntries>({ single: this.single, gone: store.sublevel(`${ENTRIES}-gone`, SUBLEVEL) as Sub, run, keys });
  }

  /** The runs of entries, oldest first, and the number the next one takes. */
  async runs(): Promise<{ runs: Run[]; nextRun: number }> {
    this.runs_ ??= ((await this.metaDb.get('runs')) as { runs: Run[]; nextRun: number } | undefined) ?? { runs: [], nextRun: 1 };
    return this.runs_;
  }

  /** After a failed run the runs in memory may be ahead of what was written: read them again next time. */
  forget(): void {
    this.runs_ = null;
  }

  /** The operation that records the runs as they are now. */
  runsOperation(): Operation {
    return { type: 'put', sublevel: this.metaDb, key: 'runs', value: this.runs_ };
  }

  knownIds(): Promise<Set<string> | null> {
    this.known ??= (async () => {
      let empty = (await this.runs()).runs.length === 0;
      for await (const _key of this.single.keys({ limit: 1 })) empty = false;
      return empty ? new Set<string>() : null;
    })();
    return this.known;
  }

  /** Merges the runs that make a full tier, as the views' rows are merged. */
  async mergeTiers(packing: Packing): Promise<void> {
    const state = await this.runs();
    for (;;) {
      const merging = tiersToMerge(state.runs);
      if (merging.length === 0) return;
      const { run, ops } = await this.rows.merge(merging, merging.length === state.runs.length, state.nextRun, packing.chunkEntries);
      state.runs = [...state.runs.slice(0, state.runs.length - merging.length), run];
      state.nextRun = run.n + 1;
      await this.store.batch([...ops, this.runsOperation()]);
    }
  }
}

/** The sublevel of every view's document entries (StoredEntries), beside the views' own. */
const ENTRIES = 'doc-entries';

/**
 * What the documents of one batch of changes contributed to the views, as stored and as the
 * batch leaves it: one entry per document for all the views of the store, so a new document costs
 * one write however many views take it (or, packed, a share of one). Views indexed in another run
 * keep their part of an entry.
 */
class DocEntries {
  private readonly changed = new Map<string, StoredEntries>();

  private constructor(private readonly store: EntriesStore, private readonly stored: ReadonlyMap<string, StoredEntries>) {}

  static async read(store: EntriesStore, ids: readonly string[]): Promise<DocEntries> {
    const stored = new Map<string, StoredEntries>();
    if (ids.length > 0) (await store.rows.getMany(ids, (await store.runs()).runs)).forEach((entry, i) => entry && stored.set(ids[i]!, entry));
    return new DocEntries(store, stored);
  }

  /** What the document contributed to this build of the view. */
  previous(viewId: string, generation: string, id: string): DocEntry | undefined {
    const entry = (this.changed.get(id) ?? this.stored.get(id))?.[viewId];
    return entry?.generation === generation ? entry : undefined;
  }

  set(viewId: string, generation: string, id: string, entry: DocEntry | null): void {
    const current = this.changed.get(id) ?? this.stored.get(id);
    if (!entry && !current?.[viewId]) return;
    const next: Record<string, StoredEntries[string]> = { ...current };
    if (entry) next[viewId] = { ...entry, generation };
    else delete next[viewId];
    this.changed.set(id, next);
  }

  /**
   * The writes: with packing, the entries of many documents seen for the first time go in as one
   * run; a changed entry is a single record (over its runs), an emptied one is deleted and, where
   * runs may hold it, hidden by a tombstone.
   */
  async operations(packing: Packing | undefined): Promise<Operation[]> {
    const ops: Operation[] = [];
    const state = await this.store.runs();
    const full = (entry: StoredEntries) => Object.keys(entry).length > 0;
    const fresh = [...this.changed].filter(([id, entry]) => !this.stored.has(id) && full(entry));
    const packed = packing !== undefined && fresh.length >= packing.minRows;
    if (packed) {
      fresh.sort((a, b) => compareKeys(a[0], b[0]));
      this.store.rows.putRun(ops, state.nextRun, fresh, packing.chunkEntries);
      state.runs = [...state.runs, { n: state.nextRun, rows: fresh.length }];
      state.nextRun += 1;
      ops.push(this.store.runsOperation());
    }
    for (const [id, entry] of this.changed) {
      if (full(entry)) {
        if (!packed || this.stored.has(id)) this.store.rows.putSingle(ops, id, entry);
      } else {
        this.store.rows.remove(ops, id, false, state.nextRun);
        if (state.runs.length > 0) this.store.rows.remove(ops, id, true, state.nextRun);
      }
    }
    return ops;
  }
}

/** One atomic write to the index: rows, document entries, category totals and the sequence. */
class IndexBatch {
  private readonly ops: Operation[] = [];
  private readonly dirty = new Set<string>();
  private readonly subs: ReturnType<LevelViewIndex['subs']>;
  /** The rows added, with their part of the document's entry: written one by one or as a packed run in finish(). */
  private readonly added: { readonly key: string; readonly row: StoredRow; readonly entryRow: DocEntry['rows'][number] }[] = [];

  constructor(private readonly index: LevelViewIndex, private readonly categories: Map<string, CategoryTotals>, private readonly meta: Meta) {
    this.subs = index.subs();
  }

  add(id: string, doc: MapDoc): DocEntry | null {
    const view = this.index.view;
    const rows = view.map(doc, 'rows');
    const entry: { rows: DocEntry['rows']; response?: DocEntry['response'] } = { rows: [] };
    rows.forEach((row) => {
      const rowTotals = view.rowTotals(row.value);
      const entryRow = { key: row.key, totals: rowTotals };
      this.added.push({ key: toIndexableString([row.key, id]), row: [row.key, id, row.value], entryRow });
      this.count(row.key, rowTotals, 1);
      entry.rows.push(entryRow);
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
      this.subs.rows.remove(this.ops, toIndexableString([row.key, id]), row.inRun === true, this.meta.nextRun ?? 1);
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

  /** The batch's operations; with `pack`, many new rows go in as one packed run (the entries say so). */
  finish(pack: Packing | undefined): Operation[] {
    if (pack && this.added.length >= pack.minRows) {
      const n = this.meta.nextRun ?? 1;
      this.added.sort((a, b) => compareKeys(a.key, b.key));
      this.subs.rows.putRun(this.ops, n, this.added.map(({ key, row }) => [key, row] as const), pack.chunkRows);
      for (const { entryRow } of this.added) entryRow.inRun = true;
      this.meta.runs = [...(this.meta.runs ?? []), { n, rows: this.added.length }];
      this.meta.nextRun = n + 1;
    } else {
      for (const { key, row } of this.added) this.subs.rows.putSingle(this.ops, key, row);
    }
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
    return this.ops;
  }

  private count(key: Key, totals: number[], sign: 1 | -1): void {
    const total = this.meta.total;
    total.count += sign;
    addInto(total.sums, totals, sign);
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
