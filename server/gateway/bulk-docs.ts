import { randomBytes } from 'node:crypto';
import { canRead } from '../../design/access/document-access.js';
import { docIdProblem } from '../../design/doc-id-rules.js';
import type { SettingsLookup } from '../../design/configured-choices.js';
import type { Doc } from '../../design/form.js';
import { toGuanxiError } from '../../engine/errors.js';
import { newDocId } from '../store/doc-id.js';
import { readSettingsFor } from '../store/read-settings.js';
import { checkWrite } from './check-write.js';
import type { ManifestEntry } from './manifest.js';
import { phantomContext, phantomIds, recordPhantomWrites } from './phantoms.js';
import { countHiddenWrites } from './quarantine.js';
import { keepFilesOnServer } from './files-on-server.js';
import { keepUnsafeFiles } from './unsafe-files.js';
import { isRemovalRev, readLeaves, winningRevisions, type SyncContext } from './sync-context.js';

export type BulkDocsRow = { ok: true; id: string; rev: string } | { id: string; rev?: string; error: string; reason: string };

const RESERVED = /^_/;

/**
 * CouchDB's `_bulk_docs`, one document at a time as far as rights go: a refused document gets its
 * own `forbidden` (PouchDB reports it as denied and replication goes on), the others are stored.
 */
export async function bulkDocs(ctx: SyncContext, docs: readonly Doc[], newEdits: boolean): Promise<BulkDocsRow[]> {
  const named = docs.map((doc) => (doc._id === undefined && newEdits ? { ...doc, _id: newDocId() } : doc));
  const ids = named.map((doc) => (typeof doc._id === 'string' ? doc._id : ''));
  const valid = ids.filter((id) => docIdProblem(id) === null);
  const [winners, entries, settings] = await Promise.all([winningRevisions(ctx, valid), ctx.manifest.read(valid), readSettingsFor(ctx.db.pouch, named)]);
  const toPhantoms = await phantomIds(ctx, valid, true, { winners, entries });
  if (toPhantoms.size === 0) return writeBatch(ctx, { docs: named, ids, winners, entries, settings }, newEdits);

  // Writes to documents this person may not see go to their phantoms (phantoms.ts), the rest to the store.
  const phantoms = phantomContext(ctx);
  const part = (toPhantom: boolean) => named.flatMap((doc, index) => (toPhantoms.has(ids[index]!) === toPhantom ? [{ doc, index }] : []));
  const [real, phantom] = [part(false), part(true)];
  const phantomIdList = phantom.map(({ index }) => ids[index]!);
  const [phantomWinners, held] = await Promise.all([winningRevisions(phantoms, phantomIdList), phantoms.manifest.read(phantomIdList)]);
  const [realRows, phantomRows] = await Promise.all([
    writeBatch(ctx, { docs: real.map((r) => r.doc), ids: real.map((r) => ids[r.index]!), winners, entries, settings }, newEdits),
    writeBatch(phantoms, { docs: phantom.map((r) => r.doc), ids: phantomIdList, winners: phantomWinners, entries: held, settings }, newEdits),
  ]);
  const landed = phantomRows.flatMap((row) => ('ok' in row ? [row.id] : []));
  await recordPhantomWrites(ctx, phantoms, landed);
  // Every attempt is counted, refused or not: an administrator sees someone trying ids.
  await countHiddenWrites(ctx.gatewayPouch, ctx.user.name, ctx.dbName, phantomIdList);
  const rows: BulkDocsRow[] = [];
  real.forEach(({ index }, i) => (rows[index] = realRows[i]!));
  phantom.forEach(({ index }, i) => (rows[index] = phantomRows[i]!));
  return rows;
}

interface Batch {
  readonly docs: readonly Doc[];
  readonly ids: readonly string[];
  readonly winners: ReadonlyMap<string, Doc | null>;
  readonly entries: ReadonlyMap<string, ManifestEntry>;
  readonly settings: SettingsLookup;
}

async function writeBatch(ctx: SyncContext, { docs: named, ids, winners, entries, settings }: Batch, newEdits: boolean): Promise<BulkDocsRow[]> {
  const hiddenLeaves = await leavesNotServed(ctx, named, winners, newEdits);
  const rows: (BulkDocsRow | null)[] = [];
  const toWrite: { index: number; doc: Doc; replicated: boolean }[] = [];
  const updates = new Map<string, ManifestEntry>();
  const hiddenIds: string[] = [];

  named.forEach((sent, index) => {
    const id = ids[index]!;
    // Files the workstation was not sent stay as they are, before the write is checked.
    const doc = keepFilesOnServer(sent, winners.get(id));
    const rev = typeof doc._rev === 'string' ? doc._rev : undefined;
    if (!id || RESERVED.test(id)) {
      rows[index] = { id, error: 'forbidden', reason: 'Documents with reserved ids come only from the server' };
      return;
    }
    // The id rule of every save, before anything is looked up; forbidden, so that a replication
    // (PouchDB's or CouchDB's) skips this one document and goes on.
    const idProblem = docIdProblem(id);
    if (idProblem) {
      rows[index] = { id, error: 'forbidden', reason: idProblem };
      return;
    }
    const entry = entries.get(id);
    if (!newEdits && rev && isRemovalRev(ctx, id, rev, entry)) {
      rows[index] = { ok: true, id, rev };
      return;
    }
    const check = checkWrite(ctx, winners.get(id), doc, entry !== undefined && !entry.removed, settings, newEdits);
    const hidden = hiddenLeaves.get(id);
    // Editing a conflict the user may not read, or replicating a revision that descends from one.
    const onHiddenBranch = hidden !== undefined && (newEdits ? rev !== undefined && hidden.has(rev) : descendsFrom(doc, hidden));
    if (check.verdict === 'refuse') {
      rows[index] = { id, ...(rev ? { rev } : {}), error: 'forbidden', reason: check.reason };
    } else if (check.verdict === 'missing') {
      // A replicated deletion of something the server does not show this user changes nothing; a
      // direct one is answered as CouchDB answers for a document that does not exist.
      rows[index] = newEdits ? { id, ...(rev ? { rev } : {}), error: 'not_found', reason: 'missing' } : { ok: true, id, rev: rev! };
    } else if (check.verdict === 'conflict' || (newEdits && onHiddenBranch)) {
      // An edit of a conflict the user may not read is answered as an edit of a revision that never was.
      rows[index] = conflictRow(id);
    } else if (check.verdict === 'hidden' || onHiddenBranch) {
      // A document this person held and may no longer see (one they never held goes to their
      // phantoms): answered as landed, counted for an administrator, and their workstation's copy
      // is removed at its next pull.
      const kept = newEdits ? firstRev() : rev!;
      rows[index] = { ok: true, id, rev: kept };
      hiddenIds.push(id);
      if (entry && check.verdict === 'hidden') updates.set(id, { revs: [...new Set([...entry.revs, kept])], removed: false });
    } else {
      const afresh = newEdits && startsAfresh(doc, winners.get(id), entry);
      toWrite.push({ index, doc: afresh ? firstRevision(doc) : keepUnsafeFiles(doc, winners.get(id)), replicated: !newEdits || afresh });
    }
  });

  // Stored as sent (replicated, or a new history, see startsAfresh) and as edits, each group in one call.
  for (const replicated of [true, false]) {
    const group = toWrite.filter((w) => w.replicated === replicated);
    if (group.length === 0) continue;
    const results = await ctx.db.pouch.bulkDocs(group.map((w) => w.doc), { new_edits: !replicated });
    // With new_edits false PouchDB, like CouchDB, lists only the documents it refused.
    const refused = new Map(results.filter((r) => 'error' in r && r.error).map((r) => [r.id, r]));
    group.forEach(({ index, doc }, i) => {
      const id = ids[index]!;
      const result = replicated ? refused.get(id) : results[i];
      if (result && 'error' in result && result.error) {
        const error = toGuanxiError(result);
        // Both engines' wording differs; the gateway's own conflicts (see checkWrite) must read the same.
        rows[index] = error.error === 'conflict' ? conflictRow(id) : { id, error: error.error, reason: error.reason };
        return;
      }
      const rev = result && 'rev' in result && result.rev ? result.rev : String(doc._rev);
      rows[index] = { ok: true, id, rev };
      const entry = entries.get(id);
      updates.set(id, { revs: [...new Set([...(entry && !entry.removed ? entry.revs : []), rev])], removed: false });
    });
  }
  await ctx.manifest.write(updates);
  if (hiddenIds.length > 0) await countHiddenWrites(ctx.gatewayPouch, ctx.user.name, ctx.dbName, hiddenIds);
  return rows as BulkDocsRow[];
}

/**
 * The leaves of a document the user may not read, for the writes that may touch one: an edit naming
 * a revision other than the winner, or a replicated revision whose parent is not the winner.
 */
async function leavesNotServed(ctx: SyncContext, docs: readonly Doc[], winners: ReadonlyMap<string, Doc | null>, newEdits: boolean): Promise<Map<string, Set<string>>> {
  const touches = (doc: Doc): boolean => {
    const winner = typeof doc._id === 'string' ? winners.get(doc._id) : undefined;
    if (!winner) return false;
    if (newEdits) return typeof doc._rev === 'string' && doc._rev !== winner._rev;
    const history = revisionsOf(doc);
    return history !== undefined && history.ids.length > 1 && `${history.start - 1}-${history.ids[1]}` !== winner._rev;
  };
  const ids = new Set(docs.filter(touches).map((doc) => doc._id!));
  return new Map(await Promise.all([...ids].map(async (id) => {
    const hidden = (await readLeaves(ctx, id)).filter((leaf) => !leaf._deleted && !canRead(ctx.access, leaf)).map((leaf) => String(leaf._rev));
    return [id, new Set(hidden)] as const;
  })));
}

function revisionsOf(doc: Doc): { start: number; ids: string[] } | undefined {
  const history = doc._revisions as { start?: unknown; ids?: unknown } | undefined;
  return history && typeof history.start === 'number' && Array.isArray(history.ids) ? { start: history.start, ids: history.ids.map(String) } : undefined;
}

/** Whether a replicated revision is, or descends from, one of these revisions. */
function descendsFrom(doc: Doc, revs: ReadonlySet<string>): boolean {
  const history = revisionsOf(doc);
  return history !== undefined && history.ids.some((hash, i) => revs.has(`${history.start - i}-${hash}`));
}

function conflictRow(id: string): BulkDocsRow {
  return { id, error: 'conflict', reason: 'Document update conflict' };
}

/**
 * A create on the id of a deleted document this person never held: to them the id is free, so the
 * document starts a history of its own (a second root beside the old, deleted one) instead of
 * continuing the old history, whose generation would tell that the id was used before. The old
 * deletion is served only to those who held it (see servedLeaves).
 */
function startsAfresh(doc: Doc, winner: Doc | null | undefined, entry: ManifestEntry | undefined): boolean {
  return doc._rev === undefined && !doc._deleted && winner === null && entry === undefined;
}

/** The document as the first revision of a new history, its files from that revision on. */
function firstRevision(doc: Doc): Doc {
  const rev = firstRev();
  const files = doc._attachments as Record<string, object> | undefined;
  return {
    ...doc, _rev: rev, _revisions: { start: 1, ids: [rev.slice(2)] },
    ...(files ? { _attachments: Object.fromEntries(Object.entries(files).map(([name, file]) => [name, { ...file, revpos: 1 }])) } : {}),
  };
}

/** A revision like the store would have made for a new document. */
function firstRev(): string {
  return `1-${randomBytes(16).toString('hex')}`;
}
