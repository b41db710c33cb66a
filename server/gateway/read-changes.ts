import { canRead } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import { accessIndexOf, type FeedChange } from './access-index.js';
import type { ChangesFilter } from './changes-filter.js';
import type { ManifestEntry } from './manifest.js';
import { phantomContext, phantomIds, readPhantomIndex, seqOrder, TICK_ID } from './phantoms.js';
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
/** Up to this many hidden or deleted documents in a batch, their manifest entries are simply read. */
const FEW_HIDDEN = 50;

/**
 * The store's changes as this user may see them: documents they may read, deletions and removals
 * of documents their workstation holds, and nothing about any other document; only `docIds` when given.
 * A document the workstation's settings leave out (`keep`) is not sent, even if another of the
 * person's workstations holds it (the manifest is per person): a replica made afresh to free space
 * would get it back. Pinned documents are replicated by id (`_doc_ids`).
 */
export async function readChanges(ctx: SyncContext, since: StoreSeq, limit: number, { docIds, keep, prepare }: ChangesFilter = {}): Promise<ChangesPage> {
  const results: ChangeRow[] = [];
  const at: StoreSeq[] = [];
  let seq = since;
  const index = accessIndexOf(ctx.db.pouch);
  const wanted = (change: FeedChange) => !docIds || docIds.has(change.id);
  // The access index says which documents this person may read, each change judged once.
  const verdicts = new WeakMap<FeedChange, boolean>();
  const readable = (change: FeedChange) => {
    let verdict = verdicts.get(change);
    if (verdict === undefined) verdicts.set(change, (verdict = !change.deleted && wanted(change) && index.mayRead(ctx.access, change.id)));
    return verdict;
  };
  const reader = feedReader(ctx, readable);
  // A phantom written within the stretch read (it moves the store by a tick) may be newer than the
  // phantom index this server holds in memory: then the index is read from the store.
  let ticked = false;
  while (results.length < limit) {
    const { changes, end } = await reader.next(seq, limit - results.length);
    if (changes.length === 0) break;
    const readableChanges = changes.filter(readable);
    // Their bodies are read only where the index cannot stand for them (its names are those of the
    // document's one leaf): a conflict, a change older than the index's latest of the document (read
    // from the store's feed), or a filter that looks into bodies. A first replica reads each body
    // once, in `_bulk_get`.
    const decided = new Set(keep ? [] : readableChanges.filter((r) => r.changes.length === 1 && index.isLatest(r)));
    // Of the others, only those a workstation of this person holds can be news to them (a deletion
    // or a removal): found without reading thousands of manifest entries when most are hidden.
    const others = changes.filter((r) => wanted(r) && !r.id.startsWith('_design/') && !readable(r)).map((r) => r.id);
    const [bodies, held] = await Promise.all([
      winningRevisions(ctx, readableChanges.filter((r) => !decided.has(r)).map((r) => r.id)),
      others.length > FEW_HIDDEN ? ctx.manifest.heldAmong(others) : others,
    ]);
    await prepare?.([...bodies.values()].filter((doc): doc is Doc => doc !== null));
    const entries = await ctx.manifest.read([...readableChanges.map((r) => r.id), ...held]);
    const updates = new Map<string, ManifestEntry>();
    for (const change of changes) {
      seq = change.seq;
      ticked ||= change.id === TICK_ID;
      const entry = entries.get(change.id);
      // Hidden and never held (most of a partial reader's walk): nothing to say about it.
      if (!wanted(change) || (entry === undefined && !readable(change))) continue;
      const body = bodies.get(change.id);
      if (keep && body && !keep(body)) continue;
      const row = await visibleChange(ctx, change, decided.has(change) || body, entry, updates);
      if (row) {
        results.push({ ...row, seq: ctx.tokens.encode(ctx.epoch, change.seq) });
        at.push(change.seq);
      }
      if (results.length >= limit) break;
    }
    await ctx.manifest.write(updates);
    if (end) break;
  }
  return withPhantoms(ctx, { results, lastSeq: seq }, at, { since, limit, docIds, fresh: ticked });
}

/**
 * The person's phantoms (phantoms.ts) that changed within the page's stretch of the store's feed,
 * each where its tick stands, as their documents would be; the page cut again to `limit`.
 */
async function withPhantoms(ctx: SyncContext, page: ChangesPage, at: StoreSeq[], { since, limit, docIds, fresh }: { since: StoreSeq; limit: number; docIds: ReadonlySet<string> | undefined; fresh: boolean }): Promise<ChangesPage> {
  const index = await readPhantomIndex(ctx, fresh);
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

/**
 * The changes after a sequence, batch by batch: walked in the access index where the store's
 * sequences are numbers (hidden documents then cost nothing to skip), else read from the store's feed.
 */
function feedReader(ctx: SyncContext, readable: (change: FeedChange) => boolean) {
  const index = accessIndexOf(ctx.db.pouch);
  let [scanned, seen] = [0, 0];
  return {
    async next(since: StoreSeq, rowsWanted: number): Promise<{ changes: readonly FeedChange[]; end: boolean }> {
      await index.catchUp();
      const walked = index.changesSince(since, Math.min(rowsWanted, MAX_BATCH), readable);
      if (walked) return walked;
      // Read about as many changes as should hold the rows still wanted, judging by the share of the
      // changes read so far that this user may see (most may be hidden from them).
      const share = scanned === 0 ? 1 : Math.max(seen / scanned, 1 / MAX_BATCH);
      const size = Math.min(Math.max(Math.ceil(rowsWanted / share), MIN_BATCH), MAX_BATCH);
      const batch = await ctx.db.pouch.changes({ since, limit: size, style: 'all_docs', return_docs: true });
      await index.catchUp();
      scanned += batch.results.length;
      seen += batch.results.filter(readable).length;
      return { changes: batch.results, end: batch.results.length < size };
    },
  };
}

/**
 * `doc`: the winner's body, read only when the access index says the person may read it; null when
 * deleted since the change was read; true when the index decided, without the body, that the
 * person may read the change's one leaf (see readChanges).
 */
async function visibleChange(ctx: SyncContext, change: FeedChange, doc: Doc | null | undefined | true, entry: ManifestEntry | undefined, updates: Map<string, ManifestEntry>): Promise<Omit<ChangeRow, 'seq'> | null> {
  const { id } = change;
  if (id.startsWith('_design/')) return null;
  const leaves = change.changes.map((c) => c.rev);
  const holds = entry !== undefined && !entry.removed;

  if (doc === true) {
    const [rev] = leaves as [string];
    // A workstation that was sent its removal needs a newer revision (touch): read the body for it.
    if (entry?.removed === true && entry.revs.includes(rev)) return visibleChange(ctx, change, (await winningRevisions(ctx, [id])).get(id), entry, updates);
    updates.set(id, { revs: leaves, removed: false });
    ctx.shown.remember(ctx.feed, id, rev);
    return { id, changes: [{ rev }] };
  }
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
    // Of a conflicted document, only the leaves this user may read, the winner first. Of a document
    // with one leaf, the winner read: if it was rewritten since the change was read, the change's
    // revision is no longer a leaf (its newer change comes later in the feed).
    const leafMap = leaves.length > 1 ? await servedLeaves(ctx, id, true) : undefined;
    const served = leafMap ? [...leafMap.keys()].filter((rev) => leaves.includes(rev)) : [];
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
