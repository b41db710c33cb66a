import { randomUUID } from 'node:crypto';
import { levelAtLeast, type Access } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { createError, GuanxiError, toGuanxiError } from '../../engine/errors.js';
import { accessIndexOf } from '../gateway/access-index.js';
import type { StoreSeq } from '../gateway/since-token.js';
import { viewersCategory } from '../../engine/viewer-category-source.js';
import { readViewPage, type ViewPage, type ViewPageRequest } from '../../engine/view-page.js';
import type { Totals, ViewSource } from '../../engine/view-source.js';
import { visibleTo } from '../../engine/visible-view-source.js';
import { viewById } from '../../views/catalog.js';
import type { CompiledView } from '../../views/compile-view.js';
import { checkDocId } from './doc-id.js';
import { prepareWrite } from './prepare-write.js';
import { readSettingsFor } from './read-settings.js';
import type { Database, PouchDatabase, SaveResult, StoredDoc } from './store.js';

interface Written {
  readonly id: string;
  readonly rev: string;
}

/** How an engine answers view queries: an up-to-date source for one view. */
export type ViewSourceFactory = (view: CompiledView) => Promise<ViewSource>;

/** Views × people whose recounted totals are kept (see view). */
const MAX_RECOUNTS = 200;

/** The write and read rules every engine shares; engines differ only in their PouchDB and views. */
export class StoreDatabase implements Database {
  /**
   * Per view and person (their names), the totals recounted for them at a store sequence: a
   * filling workstation rereads the same pages every few seconds while nothing changes.
   */
  private readonly recounts = new Map<string, { readonly seq: StoreSeq; readonly totals: Map<string, Totals> }>();

  constructor(
    readonly name: DbName,
    readonly pouch: PouchDatabase,
    private readonly viewSource: ViewSourceFactory,
  ) {}

  async get(id: string): Promise<StoredDoc> {
    try {
      return (await this.pouch.get(checkDocId(id))) as StoredDoc;
    } catch (error) {
      throw toGuanxiError(error);
    }
  }

  async find(id: string): Promise<StoredDoc | null> {
    try {
      return await this.get(id);
    } catch (error) {
      if (error instanceof GuanxiError && (error.kind === 'not_found' || error.kind === 'illegal_docid')) return null;
      throw error;
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
    const [versions, settings] = await Promise.all([this.currentVersions(docs), readSettingsFor(this.pouch, docs)]);
    const outcomes: (Written | GuanxiError)[] = [];
    const edits: { index: number; doc: Doc }[] = [];
    const named: { index: number; doc: Doc }[] = [];
    docs.forEach((doc, index) => {
      const prepared = prepareWrite(doc, versions.get(doc?._id ?? ''), ctx, settings);
      if (!('doc' in prepared)) outcomes[index] = new GuanxiError(prepared.refused.kind, prepared.refused.reason, prepared.refused.fields);
      else if (doc._id === undefined) named.push({ index, doc: Object.assign(prepared.doc, { _rev: firstRevision() }) });
      else edits.push({ index, doc: prepared.doc });
    });
    if (edits.length > 0) {
      const written = await this.pouch.bulkDocs(edits.map((w) => w.doc));
      written.forEach((result, i) => {
        outcomes[edits[i]!.index] = 'ok' in result && result.ok ? { id: result.id, rev: result.rev } : toGuanxiError(result);
      });
    }
    if (named.length > 0) {
      // A document this store has just named exists nowhere else, so nothing can conflict with it:
      // it is stored with its first revision, as replication stores documents, which spares PouchDB
      // working out a new edit (a third of the time of a bulk import). Only refusals are listed.
      const refused = new Map((await this.pouch.bulkDocs(named.map((w) => w.doc), { new_edits: false }))
        .flatMap((result) => ('error' in result && result.error ? [[result.id, result] as const] : [])));
      for (const { index, doc } of named) {
        const refusal = refused.get(doc._id!);
        outcomes[index] = refusal ? toGuanxiError(refusal) : { id: doc._id!, rev: doc._rev! };
      }
    }
    return outcomes;
  }

  async view(viewId: string, request?: ViewPageRequest, viewer?: Access): Promise<ViewPage> {
    const view = viewById(viewId);
    if (!view || view.def.db !== this.name) throw createError('not_found', `No view ${viewId} in database ${this.name}`);
    if (viewer && !levelAtLeast(viewer.level, 'reader')) throw createError('forbidden', `You have no Reader access to the database ${this.name}`);
    try {
      const accessIndex = accessIndexOf(this.pouch);
      // Judged before the view's index is brought up to date, so that it holds no change the judgement has not seen.
      const before = viewer ? await accessIndex.reach(viewer) : null;
      const indexed = await this.viewSource(view);
      // A view of one's own category shows nothing to the server's own jobs, which have no name.
      const source = view.def.viewersCategoryOnly ? await viewersCategory(indexed, viewer?.user ?? '') : indexed;
      if (!viewer || !before) return await readViewPage(source, request);
      const key = `${view.id}\n${[...viewer.names].sort().join('\n')}`;
      const earlier = this.recounts.get(key);
      const kept = earlier?.seq === before.seq ? earlier.totals : new Map<string, Totals>();
      this.recounts.delete(key);
      const page = await readViewPage(visibleTo(source, viewer.names, { readsEverything: before.readsEverything, kept }), request);
      // The same sequence after the page: nothing was written meanwhile, so the index held only what
      // was judged, and the recounts hold for that state until the next write.
      if ((await accessIndex.reach(viewer)).seq === before.seq) {
        this.recounts.set(key, { seq: before.seq, totals: kept });
        if (this.recounts.size > MAX_RECOUNTS) this.recounts.delete(this.recounts.keys().next().value as string);
        return page;
      }
      // Else the index's own totals may count a document hidden from the person: recount.
      return before.readsEverything ? await readViewPage(visibleTo(source, viewer.names), request) : page;
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

/** A first revision as PouchDB makes one when revisions need not be derived from the content. */
function firstRevision(): string {
  return `1-${randomUUID().replaceAll('-', '')}`;
}
