import type { DbName } from '../../design/databases.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { createError, GuanxiError, toGuanxiError } from '../../engine/errors.js';
import { readViewPage, type ViewPage, type ViewPageRequest } from '../../engine/view-page.js';
import type { ViewSource } from '../../engine/view-source.js';
import { viewById } from '../../views/catalog.js';
import type { CompiledView } from '../../views/compile-view.js';
import { checkDocId } from './doc-id.js';
import type { PreparePool } from './prepare-pool.js';
import { prepareWrite } from './prepare-write.js';
import type { Database, PouchDatabase, SaveResult, StoredDoc } from './store.js';

/** How an engine answers view queries: an up-to-date source for one view. */
interface Written {
  readonly id: string;
  readonly rev: string;
}

export type ViewSourceFactory = (view: CompiledView) => Promise<ViewSource>;

/** The write and read rules every engine shares; engines differ only in their PouchDB and views. */
export class StoreDatabase implements Database {
  constructor(
    readonly name: DbName,
    readonly pouch: PouchDatabase,
    private readonly viewSource: ViewSourceFactory,
    private readonly pool: PreparePool,
  ) {}

  async get(id: string): Promise<StoredDoc> {
    try {
      return (await this.pouch.get(checkDocId(id))) as StoredDoc;
    } catch (error) {
      throw toGuanxiError(error);
    }
  }

  async save(doc: Doc, ctx: SaveContext): Promise<StoredDoc> {
    const [outcome] = await this.write([doc], ctx);
    if (outcome instanceof GuanxiError) throw outcome;
    return this.get(outcome!.id);
  }

  async saveMany(docs: readonly Doc[], ctx: SaveContext): Promise<SaveResult[]> {
    const outcomes = await this.write(docs, ctx);
    return outcomes.map((outcome, i) => outcome instanceof GuanxiError
      ? { ok: false, id: docs[i]?._id ?? null, ...outcome.toJSON() }
      : { ok: true, ...outcome });
  }

  async remove(id: string, rev: string, ctx: SaveContext): Promise<void> {
    const [outcome] = await this.write([{ _id: id, _rev: rev, _deleted: true }], ctx);
    if (outcome instanceof GuanxiError) throw outcome;
  }

  private async write(docs: readonly Doc[], ctx: SaveContext): Promise<(Written | GuanxiError)[]> {
    const versions = await this.currentVersions(docs);
    const olds = docs.map((doc) => versions.get(doc?._id ?? ''));
    const parallel = docs.length >= PARALLEL_FROM;
    const chunks = parallel ? chunkRanges(docs.length, CHUNK) : [[0, docs.length] as const];
    // All chunks go to the worker at once; each is written as soon as it is ready.
    const preparing = chunks.map(([from, to]) => parallel
      ? this.pool.prepare(docs.slice(from, to), olds.slice(from, to), ctx)
      : Promise.resolve(docs.slice(from, to).map((doc, i) => prepareWrite(doc, olds[from + i], ctx))));
    const outcomes: (Written | GuanxiError)[] = [];
    for (const [k, [from]] of chunks.entries()) {
      const prepared = await preparing[k]!;
      const toWrite: { index: number; doc: Doc }[] = [];
      prepared.forEach((p, i) => {
        if ('doc' in p) toWrite.push({ index: from + i, doc: p.doc });
        else outcomes[from + i] = new GuanxiError(p.refused.kind, p.refused.reason, p.refused.fields);
      });
      if (toWrite.length === 0) continue;
      const written = await this.pouch.bulkDocs(toWrite.map((w) => w.doc));
      written.forEach((result, i) => {
        outcomes[toWrite[i]!.index] = 'ok' in result && result.ok ? { id: result.id, rev: result.rev } : toGuanxiError(result);
      });
    }
    return outcomes;
  }

  async view(viewId: string, request?: ViewPageRequest): Promise<ViewPage> {
    const view = viewById(viewId);
    if (!view || view.def.db !== this.name) throw createError('not_found', `No view ${viewId} in database ${this.name}`);
    try {
      return await readViewPage(await this.viewSource(view), request);
    } catch (error) {
      throw toGuanxiError(error);
    }
  }

  async info(): Promise<{ docCount: number; updateSeq: string }> {
    const info = await this.pouch.info();
    return { docCount: info.doc_count, updateSeq: String(info.update_seq) };
  }

  /** The stored versions that updates replace, fetched in one round trip. */
  private async currentVersions(docs: readonly Doc[]): Promise<Map<string, StoredDoc | null>> {
    const ids = docs.filter((doc) => typeof doc._rev === 'string' && typeof doc._id === 'string').map((doc) => doc._id!);
    const versions = new Map<string, StoredDoc | null>();
    if (ids.length === 0) return versions;
    const { rows } = await this.pouch.allDocs({ keys: ids, include_docs: true });
    for (const row of rows) {
      if ('doc' in row && row.doc) versions.set(row.id, row.doc as StoredDoc);
      else if ('value' in row && row.value?.deleted) versions.set(row.key, null);
    }
    return versions;
  }
}

/** Batches this large are prepared on the worker thread, in chunks of CHUNK. */
const PARALLEL_FROM = 200;
const CHUNK = 100;

function chunkRanges(length: number, size: number): (readonly [number, number])[] {
  const ranges: (readonly [number, number])[] = [];
  for (let from = 0; from < length; from += size) ranges.push([from, Math.min(length, from + size)]);
  return ranges;
}
