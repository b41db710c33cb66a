import { canRead } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import { accessIndexOf } from './access-index.js';
import type { ManifestEntry } from './manifest.js';
import { phantomContext, phantomIds, readPhantomIndex, seqOrder } from './phantoms.js';
import type { StoreSeq } from './since-token.js';
import { namedRevisions, servedLeaves, winningRevisions, type SyncContext } from './sync-context.js';

export interface ChangeRow {
  readonly id: string;
  readonly seq: string;
  readonly changes: { rev: string }[];
  readonly deleted?: true;
}

export interface ChangesPage {
  readonly results: ChangeRow[];
  /** The store sequence read up to: hidden changes advance it too, without being listed. */
  readonly lastSeq: StoreSeq;
}

const MIN_BATCH = 50;
const MAX_BATCH = 1000;

/**
 * The store's changes as this user may see them: documents they may read, deletions and removals
 * of documents their workstation holds, and nothing about any other document; only `docIds` when given.
 */
export async function readChanges(ctx: SyncContext, since: StoreSeq, limit: number, docIds?: ReadonlySet<string>): Promise<ChangesPage> {
  const results: ChangeRow[] = [];
  const at: StoreSeq[] = [];
  let seq = since;
  // Read about as many changes as should hold the rows still wanted, judging by the share of the
  // changes read so far that this user may see (most may be hidden from them).
  let scanned = 0;
  const index = accessIndexOf(ctx.db.pouch);
  while (results.length < limit) {
    const share = scanned === 0 ? 1 : Math.max(results.length / scanned, 1 / MAX_BATCH);
    const wanted = Math.min(Math.max(Math.ceil((limit - results.length) / share), MIN_BATCH), MAX_BATCH);
    const batch = await ctx.db.pouch.changes({ since: seq, limit: wanted, style: 'all_docs', return_docs: true });
    if (batch.results.length === 0) break;
    // The index, caught up past this batch, says which documents this person may read: only
    // their bodies are read (the body's own fields then decide, as always).
    await index.catchUp();
    const wantedIds = batch.results.filter((r) => !r.deleted && (!docIds || docIds.has(r.id)) && index.mayRead(ctx.access, r.id)).map((r) => r.id);
    const bodies = await winningRevisions(ctx, wantedIds);
    const entries = await ctx.manifest.read(batch.results.map((r) => r.id));
    const updates = new Map<string, ManifestEntry>();
    for (const change of batch.results) {
      seq = change.seq;
      scanned++;
      if (docIds && !docIds.has(change.id)) continue;
      const row = await visibleChange(ctx, change, bodies.get(change.id), entries.get(change.id), updates);
      if (row) {
        results.push({ ...row, seq: ctx.tokens.encode(ctx.epoch, change.seq) });
        at.push(change.seq);
      }
      if (results.length >= limit) break;
    }
    await ctx.manifest.write(updates);
    if (batch.results.length < wanted) break;
  }
  return withPhantoms(ctx, { results, lastSeq: seq }, at, since, limit, docIds);
}

/**
 * The person's phantoms (phantoms.ts) that changed within the page's stretch of the store's feed,
 * each where its tick stands, as their documents would be; the page cut again to `limit`.
 */
async function withPhantoms(ctx: SyncContext, page: ChangesPage, at: StoreSeq[], since: StoreSeq, limit: number, docIds?: ReadonlySet<string>): Promise<ChangesPage> {
  const index = await readPhantomIndex(ctx);
  const within = Object.keys(index).filter((id) => (!docIds || docIds.has(id)) && seqOrder(index[id]!.seq) > seqOrder(since) && seqOrder(index[id]!.seq) <= seqOrder(page.lastSeq));
  const ids = within.length > 0 ? [...await phantomIds(ctx, within, false)] : [];
  if (ids.length === 0) return page;
  const phantoms = phantomContext(ctx);
  const winners = await winningRevisions(phantoms, ids);
  const rows = await Promise.all(ids.filter((id) => winners.has(id)).map(async (id) => {
    const winner = winners.get(id);
    const served = [...(await servedLeaves(phantoms, id, true)).entries()];
    const winnerRev = winner ? String(winner._rev) : served.find(([, leaf]) => leaf._deleted)?.[0];
    const revs = [...(winnerRev ? [winnerRev] : []), ...served.map(([rev]) => rev).filter((rev) => rev !== winnerRev)];
    const row: ChangeRow = { id, changes: revs.map((rev) => ({ rev })), ...(winner === null ? { deleted: true as const } : {}), seq: ctx.tokens.encode(ctx.epoch, index[id]!.seq) };
    return { row, at: index[id]!.seq };
  }));
  const merged = [...page.results.map((row, i) => ({ row, at: at[i]! })), ...rows].sort((a, b) => seqOrder(a.at) - seqOrder(b.at));
  if (merged.length <= limit) return { results: merged.map((m) => m.row), lastSeq: page.lastSeq };
  const kept = merged.slice(0, limit);
  return { results: kept.map((m) => m.row), lastSeq: kept.at(-1)!.at };
}

type StoreChange = PouchDB.Core.ChangesResponseChange<object>;

/** `doc`: the winner's body, read only when the access index says the person may read it; null when deleted since the change was read. */
async function visibleChange(ctx: SyncContext, change: StoreChange, doc: Doc | null | undefined, entry: ManifestEntry | undefined, updates: Map<string, ManifestEntry>): Promise<Omit<ChangeRow, 'seq'> | null> {
  const { id } = change;
  if (id.startsWith('_design/')) return null;
  const leaves = change.changes.map((c) => c.rev);
  const holds = entry !== undefined && !entry.removed;

  if (change.deleted) {
    if (!holds) return null;
    // Of a document created again and deleted, the deletions of the histories they held (see servedLeaves).
    const served = leaves.length > 1 ? [...(await servedLeaves(ctx, id, true)).keys()].filter((rev) => leaves.includes(rev)) : leaves;
    if (served.length === 0) return null;
    updates.set(id, { revs: served, removed: false });
    return { id, changes: served.map((rev) => ({ rev })), deleted: true };
  }
  // Deleted after this change was read: its deletion comes later in the feed.
  if (doc === null) return null;
  if (doc !== undefined && canRead(ctx.access, doc)) {
    // Of a conflicted document, only the leaves this user may read, the winner first.
    const leafMap = leaves.length > 1 ? await servedLeaves(ctx, id, true) : undefined;
    const served = leafMap ? [...leafMap.keys()].filter((rev) => leaves.includes(rev)) : leaves;
    const readable = [String(doc._rev), ...served.filter((rev) => rev !== doc._rev)];
    // A workstation that was sent removals for these very revisions needs a newer one to see it again.
    const stale = entry?.removed === true && readable.some((rev) => entry.revs.includes(rev));
    const revs = stale ? await touch(ctx, doc, readable) : readable;
    const withdrawn = holds && leafMap ? withdrawnBranches(entry.revs, leafMap) : [];
    updates.set(id, { revs: [...revs, ...withdrawn], removed: false });
    for (const rev of revs) ctx.shown.remember(ctx.feed, id, rev);
    return { id, changes: [...revs, ...withdrawn.map((rev) => ctx.removals.mint(ctx.user.name, id, rev))].map((rev) => ({ rev })) };
  }
  // Sent again after it was first sent: the manifest is per person, and each of their
  // workstations that holds the document needs the removal (a replica that has it ignores it).
  if (entry === undefined) return null;
  updates.set(id, { revs: entry.revs, removed: true });
  return { id, changes: entry.revs.map((rev) => ({ rev: ctx.removals.mint(ctx.user.name, id, rev) })), deleted: true };
}

/**
 * The revisions a workstation holds as leaves of branches it is no longer served (a conflict that
 * became unreadable to the person, or moved on to a revision they may not read): each is removed
 * from the workstation by a removal revision minted for them, as a withdrawn document is. Any
 * other held revision is, or leads to, a leaf they are served. When every leaf is served (one
 * leaf, the readable winner) there is none, so only conflicted documents are looked at.
 */
function withdrawnBranches(held: readonly string[], served: ReadonlyMap<string, Doc>): string[] {
  const named = namedRevisions(served);
  return held.filter((rev) => !named.has(rev));
}

/**
 * Gives the document a new revision with the same content, so that a workstation whose copy was
 * removed (a deletion child of the current revision) receives it again. Everyone receives this
 * revision; it changes nothing they see.
 */
async function touch(ctx: SyncContext, doc: Doc, leaves: string[]): Promise<string[]> {
  try {
    const { rev } = await ctx.db.pouch.put({ ...doc, $touched: new Date().toISOString() } as Doc & { _id: string });
    return [rev, ...leaves.filter((l) => l !== doc._rev)];
  } catch (error) {
    // Someone else changed it meanwhile: their revision brings it back just as well.
    if ((error as { status?: number }).status === 409) return leaves;
    throw error;
  }
}
