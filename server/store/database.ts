import type { DbName } from '../../design/databases.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { validate } from '../../design/validate.js';
import { createError, GuanxiError, toGuanxiError } from '../../engine/errors.js';
import { readViewPage, type ViewPage, type ViewPageRequest } from '../../engine/view-page.js';
import type { ViewSource } from '../../engine/view-source.js';
import { viewById } from '../../views/catalog.js';
import type { CompiledView } from '../../views/compile-view.js';
import { checkDocId, newDocId } from './doc-id.js';
import type { Database, PouchDatabase, SaveResult, StoredDoc } from './store.js';

/** How an engine answers view queries: an up-to-date source for one view. */
interface Written {
  readonly id: string;
  readonly rev: string;
}

export type ViewSourceFactory = (view: CompiledView) => Promise<ViewSource>;

/** The write and read rules every engine shares; engines differ only in their PouchDB and views. */
export class StoreDatabase implements Database {
  constructor(readonly name: DbName, readonly pouch: PouchDatabase, private readonly viewSource: ViewSourceFactory) {}

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
    const outcomes: (Written | GuanxiError)[] = [];
    const prepared: { index: number; doc: Doc }[] = [];
    const olds = await this.currentVersions(docs);
    docs.forEach((doc, index) => {
      try {
        prepared.push({ index, doc: this.prepare(doc, olds.get(doc?._id ?? ''), ctx) });
      } catch (error) {
        outcomes[index] = toGuanxiError(error);
      }
    });
    if (prepared.length > 0) {
      const written = await this.pouch.bulkDocs(prepared.map((p) => p.doc));
      written.forEach((result, i) => {
        outcomes[prepared[i]!.index] = 'ok' in result && result.ok ? { id: result.id, rev: result.rev } : toGuanxiError(result);
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

  private prepare(doc: Doc, old: StoredDoc | null | undefined, ctx: SaveContext): Doc {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw createError('bad_request', 'A document must be a JSON object');
    const id = doc._id === undefined ? newDocId(Date.parse(ctx.now) || Date.now()) : checkDocId(doc._id);
    if (doc._rev !== undefined) {
      if (old === undefined) throw createError('conflict', `Document ${id} does not exist, so revision ${doc._rev} cannot be updated`);
      if (old === null && !doc._deleted) throw createError('conflict', `Document ${id} was deleted`);
      if (old && old._rev !== doc._rev) throw createError('conflict', `Document ${id} was changed by someone else (now at ${old._rev})`);
    }
    const next = prepareForSave({ ...doc, _id: id }, old ?? null, ctx);
    if (doc._deleted) return { _id: id, _rev: doc._rev, _deleted: true };
    const errors = validate(next, old ?? null, ctx.user);
    if (errors.length > 0) {
      throw createError('invalid', errors.map((e) => e.message.en).join('; '), errors);
    }
    return next;
  }
}
