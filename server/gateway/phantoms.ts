import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import { canRead } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import type { Database, PouchDatabase } from '../store/store.js';
import { feedFollowedCacheOf } from '../store/feed-followed-cache.js';
import { isLocalStore } from './local-store.js';
import { pouchWriter, ServerDocs } from '../store/server-docs.js';
import { Manifest, type ManifestEntry, type ManifestStore } from './manifest.js';
import type { StoreSeq } from './since-token.js';
import { isVisible, winningRevisions, type SyncContext } from './sync-context.js';

/**
 * Phantoms: what a person wrote to the id of a document they may not see and never held. A real
 * create would be found again, refuse a second create and show in their changes feed; so what they
 * wrote is kept for them alone, in the gateway's own database (`phantom:<db>:<user>:<id>`, an
 * ordinary document with its revision tree and files), and answers them as their document would.
 * The real document is never touched, nor told to anyone else.
 *
 * Each person's phantoms in a database are listed in one index (`phantoms:<db>:<user>`): where each
 * stands in the changes feed, and its size, so that the oldest are forgotten beyond a bound.
 */
export interface PhantomEntry {
  /** The store's sequence of the tick written with it: the phantom shows in the feed after it. */
  readonly seq: StoreSeq;
  readonly deleted: boolean;
  readonly bytes: number;
  readonly at: string;
}

interface PhantomIndex {
  readonly entries: Record<string, PhantomEntry>;
}

/** A person keeps at most this many phantoms, and this much of them, per database; the oldest go first. */
const MAX_PHANTOMS = 500;
const MAX_PHANTOM_BYTES = 50 * 1024 * 1024;

/**
 * A design document no view uses, written with each phantom write: it moves the store's sequence
 * as a real write would, so the phantom has a place in the feed; design documents never leave.
 */
export const TICK_ID = '_design/gateway-tick';

function userKey(ctx: Pick<SyncContext, 'dbName' | 'user'>): string {
  return `${ctx.dbName}:${hexOfUtf8(ctx.user.name)}`;
}

/** Where a person's phantom documents are kept: the prefix of their ids in the gateway's database. */
function phantomPrefix(ctx: Pick<SyncContext, 'dbName' | 'user'>): string {
  return `phantom:${userKey(ctx)}:`;
}

function indexDocs(ctx: Pick<SyncContext, 'gatewayPouch'>): ServerDocs {
  return new ServerDocs(ctx.gatewayPouch, pouchWriter(ctx.gatewayPouch));
}

const INDEX_PREFIX = 'phantoms:';

/** `fresh`: read from the store, not from memory (see readChanges). */
export async function readPhantomIndex(ctx: Pick<SyncContext, 'dbName' | 'user' | 'gatewayPouch'>, fresh = false): Promise<Record<string, PhantomEntry>> {
  const id = `${INDEX_PREFIX}${userKey(ctx)}`;
  const read = async () => (await indexDocs(ctx).read<PhantomIndex>(id))?.entries ?? {};
  return phantomIndexCache(ctx).read(id, read, fresh);
}

/**
 * `/api/db/<db>/docs/<id>` for a document the person may not read, or that does not exist: their
 * phantom of it, as the gateway would answer them, if they wrote one (and never held the document).
 */
export async function phantomDocFor(asker: Pick<SyncContext, 'dbName' | 'user' | 'gatewayPouch' | 'access'>, id: string): Promise<Doc | undefined> {
  if (!(id in await readPhantomIndex(asker))) return undefined;
  if ((await new Manifest(asker.gatewayPouch, asker.dbName, asker.user.name).read([id])).has(id)) return undefined;
  try {
    const doc = (await asker.gatewayPouch.get(phantomPrefix(asker) + id)) as unknown as Doc;
    return canRead(asker.access, doc) ? { ...doc, _id: id } : undefined;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/**
 * The ids of these that this person is answered about from their phantoms: documents they may not
 * see and never held. For reads, only those they wrote to; for writes also any other such document
 * that exists (their write makes its phantom).
 */
export async function phantomIds(ctx: SyncContext, ids: readonly string[], forWrite: boolean, known?: Known): Promise<Set<string>> {
  const index = await readPhantomIndex(ctx);
  // Most people have no phantoms: then a read (a page of 1,000 in `_bulk_get`) looks up none.
  const candidates = forWrite ? ids : Object.keys(index).length === 0 ? [] : ids.filter((id) => id in index);
  if (candidates.length === 0) return new Set();
  const { winners, entries } = known ?? await readKnown(ctx, candidates);
  return new Set(candidates.filter((id) => {
    if (entries.get(id) !== undefined || isVisible(ctx, id, winners.get(id), undefined)) return false;
    return id in index || (winners.get(id) !== undefined && winners.get(id) !== null);
  }));
}

/** How many of this person's phantoms stand for live documents to them. */
export async function livePhantomCount(ctx: SyncContext): Promise<number> {
  const index = await readPhantomIndex(ctx);
  const live = Object.keys(index).filter((id) => !index[id]!.deleted);
  return live.length > 0 ? (await phantomIds(ctx, live, false)).size : 0;
}

/** The context that answers this person about this id: their phantom's, or the store's. */
export async function contextFor(ctx: SyncContext, id: string): Promise<SyncContext> {
  return (await phantomIds(ctx, [id], false)).has(id) ? phantomContext(ctx) : ctx;
}

/** Answers items about ids that are this person's phantoms from those, the rest from the store, in order. */
export async function answerInParts<T, R>(ctx: SyncContext, items: readonly T[], idOf: (item: T) => string, answer: (ctx: SyncContext, items: readonly T[]) => Promise<R[]>): Promise<R[]> {
  const toPhantoms = await phantomIds(ctx, items.map(idOf), false);
  if (toPhantoms.size === 0) return answer(ctx, items);
  const [real, phantom] = [items.filter((item) => !toPhantoms.has(idOf(item))), items.filter((item) => toPhantoms.has(idOf(item)))];
  const [fromStore, fromPhantoms] = await Promise.all([answer(ctx, real), answer(phantomContext(ctx), phantom)]);
  const answers = new Map<T, R>([...real.map((item, i) => [item, fromStore[i]!] as const), ...phantom.map((item, i) => [item, fromPhantoms[i]!] as const)]);
  return items.map((item) => answers.get(item)!);
}

interface Known {
  readonly winners: ReadonlyMap<string, Doc | null>;
  readonly entries: ReadonlyMap<string, ManifestEntry>;
}

async function readKnown(ctx: SyncContext, ids: readonly string[]): Promise<Known> {
  const [winners, entries] = await Promise.all([winningRevisions(ctx, ids), ctx.manifest.read(ids)]);
  return { winners, entries };
}

/**
 * The context that answers about this person's phantoms: every gateway read and write works on it
 * unchanged, its store being the phantom documents under their own ids, all of them held.
 */
export function phantomContext(ctx: SyncContext): SyncContext {
  const pouch = new PhantomPouch(ctx.gatewayPouch, phantomPrefix(ctx)) as unknown as PouchDatabase;
  return { ...ctx, db: { name: ctx.dbName, pouch } as Database, manifest: heldManifest, feed: `${ctx.feed}:phantoms` };
}

/** Every phantom is the person's own: held by their workstation, never removed from it. */
const heldManifest: ManifestStore = {
  read: async (ids) => new Map(ids.map((id) => [id, { revs: [], removed: false }])),
  heldAmong: async (ids) => [...ids],
  write: async () => undefined,
};

/**
 * After a write to phantoms: moves the store's sequence (see TICK_ID), records where each written
 * phantom now stands and forgets the oldest beyond the bounds.
 */
export async function recordPhantomWrites(ctx: SyncContext, phantoms: SyncContext, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await new ServerDocs(ctx.db.pouch as unknown as PouchDB.Database, pouchWriter(ctx.db.pouch as unknown as PouchDB.Database))
    .update<{ at: string }>(TICK_ID, () => ({ at: new Date().toISOString() }));
  const seq = (await ctx.db.pouch.info()).update_seq;
  const { rows } = await phantoms.db.pouch.allDocs({ keys: [...new Set(ids)], include_docs: true });
  const written = new Map(rows.flatMap((row) => ('error' in row ? [] : [[row.id, { deleted: row.value.deleted === true, bytes: JSON.stringify(row.doc ?? {}).length + fileBytes(row.doc) }] as const])));
  const at = new Date().toISOString();
  let forgotten: string[] = [];
  const indexId = `${INDEX_PREFIX}${userKey(ctx)}`;
  phantomIndexCache(ctx).drop(indexId);
  await indexDocs(ctx).update<PhantomIndex>(indexId, (current) => {
    const entries = { ...current?.entries };
    for (const [id, { deleted, bytes }] of written) entries[id] = { seq, deleted, bytes, at };
    const oldestFirst = Object.entries(entries).sort(([, a], [, b]) => a.at.localeCompare(b.at));
    let total = oldestFirst.reduce((sum, [, e]) => sum + e.bytes, 0);
    forgotten = [];
    for (const [id, entry] of oldestFirst) {
      if (oldestFirst.length - forgotten.length <= MAX_PHANTOMS && total <= MAX_PHANTOM_BYTES) break;
      if (written.has(id)) continue;
      forgotten.push(id);
      total -= entry.bytes;
    }
    for (const id of forgotten) delete entries[id];
    return { entries };
  });
  phantomIndexCache(ctx).drop(indexId);
  await Promise.all(forgotten.map((id) => forget(phantoms, id)));
}

async function forget(phantoms: SyncContext, id: string): Promise<void> {
  const { rows } = await phantoms.db.pouch.allDocs({ keys: [id] });
  const row = rows[0];
  if (row && !('error' in row) && !row.value.deleted) await phantoms.db.pouch.bulkDocs([{ _id: id, _rev: row.value.rev, _deleted: true } as never]);
}

function fileBytes(doc: unknown): number {
  const files = (doc as { _attachments?: Record<string, { length?: number }> } | undefined)?._attachments ?? {};
  return Object.values(files).reduce((sum, file) => sum + (file.length ?? 0), 0);
}

/** The store's sequence as a number to order by: PouchDB's is one, CouchDB's starts with one. */
export function seqOrder(seq: StoreSeq): number {
  return typeof seq === 'number' ? seq : Number.parseInt(seq, 10) || 0;
}

type Row = { id: string; key: string; value?: unknown; doc?: unknown; error?: string };

/**
 * The part of PouchDB's interface the gateway uses, over the phantom documents of one person: ids
 * are prefixed on the way in and the prefix taken off every id on the way out.
 */
class PhantomPouch {
  constructor(private readonly pouch: PouchDB.Database, private readonly prefix: string) {}

  private key = (id: string): string => this.prefix + id;
  private unkey = (key: string): string => (key.startsWith(this.prefix) ? key.slice(this.prefix.length) : key);
  private named = <T>(doc: T): T => (doc && typeof doc === 'object' && '_id' in doc ? { ...doc, _id: this.unkey(String(doc._id)) } : doc);

  async get(id: string, options: object = {}): Promise<unknown> {
    const read = await this.pouch.get(this.key(id), options);
    if (!Array.isArray(read)) return this.named(read);
    return (read as { ok?: unknown }[]).map((answer) => ('ok' in answer ? { ...answer, ok: this.named(answer.ok) } : answer));
  }

  async getAttachment(id: string, name: string, options: object = {}): Promise<unknown> {
    return this.pouch.getAttachment(this.key(id), name, options);
  }

  async allDocs(options: { keys: string[]; include_docs?: boolean }): Promise<{ rows: Row[] }> {
    const { rows } = await this.pouch.allDocs({ ...options, keys: options.keys.map(this.key) });
    return { rows: (rows as unknown as Row[]).map((row) => ({ ...row, id: this.unkey(row.id ?? row.key), key: this.unkey(row.key), ...(row.doc ? { doc: this.named(row.doc) } : {}) })) };
  }

  async revsDiff(request: Record<string, string[]>): Promise<Record<string, unknown>> {
    const answer = await this.pouch.revsDiff(Object.fromEntries(Object.entries(request).map(([id, revs]) => [this.key(id), revs])));
    return Object.fromEntries(Object.entries(answer).map(([key, value]) => [this.unkey(key), value]));
  }

  async bulkGet(options: { docs: { id: string }[] }): Promise<{ results: { id: string; docs: unknown[] }[] }> {
    const { results } = await this.pouch.bulkGet({ ...options, docs: options.docs.map((d) => ({ ...d, id: this.key(d.id) })) } as PouchDB.Core.BulkGetOptions);
    return {
      results: results.map((result) => ({
        id: this.unkey(result.id),
        docs: result.docs.map((d) => ('ok' in d ? { ok: this.named(d.ok) } : { error: { ...d.error, id: this.unkey(String(d.error.id)) } })),
      })),
    };
  }

  async bulkDocs(docs: Doc[], options: object = {}): Promise<unknown[]> {
    const results = await this.pouch.bulkDocs(docs.map((doc) => ({ ...doc, _id: this.key(String(doc._id)) })), options);
    return results.map((r) => ({ ...r, ...(r.id ? { id: this.unkey(r.id) } : {}) }));
  }
}

/**
 * The phantom indexes last read. A store only this process writes (local-store.ts) is not followed:
 * its feed would be read once more for every document a workstation is sent (its manifest entry).
 */
function phantomIndexCache(ctx: Pick<SyncContext, 'gatewayPouch'>) {
  return feedFollowedCacheOf(ctx.gatewayPouch, INDEX_PREFIX, { soleWriter: isLocalStore(ctx.gatewayPouch) });
}
