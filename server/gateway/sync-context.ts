import type { Access } from '../../design/access/acl.js';
import { canRead } from '../../design/access/document-access.js';
import type { DbName } from '../../design/databases.js';
import type { Doc } from '../../design/form.js';
import type { UserContext } from '../../design/user.js';
import type { Database } from '../store/store.js';
import { Manifest, type ManifestEntry, type ManifestStore } from './manifest.js';
import { feedKey, type RecentlyShown } from './recently-shown.js';
import type { RemovalRevs } from './removal-revs.js';
import type { SeqTokens } from './since-token.js';

/** Everything one replication request is answered with: who asks, in which database, with what access. */
export interface SyncContext {
  readonly user: UserContext;
  readonly dbName: DbName;
  readonly db: Database;
  readonly access: Access;
  readonly epoch: string;
  readonly manifest: ManifestStore;
  readonly removals: RemovalRevs;
  readonly tokens: SeqTokens;
  readonly gatewayPouch: PouchDB.Database;
  readonly shown: RecentlyShown;
  /** This user's feed of this database in this access epoch, as RecentlyShown keys it. */
  readonly feed: string;
}

export function createSyncContext(fields: Omit<SyncContext, 'manifest' | 'feed'>): SyncContext {
  return {
    ...fields,
    manifest: new Manifest(fields.gatewayPouch, fields.dbName, fields.user.name),
    feed: feedKey(fields.dbName, fields.user.name, fields.epoch),
  };
}

/** The winning revision of each document: a document, `null` for a deleted one, absent when there is none. */
export async function winningRevisions(ctx: SyncContext, ids: readonly string[]): Promise<Map<string, Doc | null>> {
  const winners = new Map<string, Doc | null>();
  if (ids.length === 0) return winners;
  const { rows } = await ctx.db.pouch.allDocs({ keys: [...new Set(ids)], include_docs: true });
  for (const row of rows) {
    if ('error' in row) continue;
    winners.set(row.id, row.value.deleted ? null : (row.doc as Doc));
  }
  return winners;
}

/**
 * Whether the user may see this document at all through any endpoint: a live document they may
 * read, or a deleted one they held (its deletion must reach them). Design documents never.
 */
export function isVisible(ctx: SyncContext, id: string, winner: Doc | null | undefined, entry: ManifestEntry | undefined): boolean {
  if (id.startsWith('_design/') || winner === undefined) return false;
  if (winner === null) return entry !== undefined && !entry.removed;
  return canRead(ctx.access, winner);
}

/**
 * The leaf revisions (winner and open conflicts) this person is served, by revision: each only if
 * they may read that revision by its own fields, and none unless the document is visible to them.
 * Deletion leaves go to whoever sees the document, except where a document was created again with
 * a history of its own (several roots, see bulk-docs startsAfresh): there a deletion goes only to
 * those who held its history, unless it ends the live winner's. Anything else is answered as missing, as a revision would be after
 * compaction.
 */
export async function servedLeaves(ctx: SyncContext, id: string, visible: boolean): Promise<Map<string, Doc>> {
  const served = new Map<string, Doc>();
  if (!visible) return served;
  const leaves = await readLeaves(ctx, id);
  const winner = winnerOf(leaves);
  // Several histories: the deletions of those other than a live winner's go only to their holders.
  const histories = new Set(leaves.map(rootOf)).size > 1;
  let held: Promise<ManifestEntry | undefined> | undefined;
  for (const leaf of leaves) {
    if (leaf._deleted && histories && (winner?._deleted || rootOf(leaf) !== rootOf(winner))) {
      held ??= ctx.manifest.read([id]).then((entries) => entries.get(id));
      if (!holdsBranch(await held, leaf)) continue;
    }
    if (leaf._deleted || canRead(ctx.access, leaf)) served.set(String(leaf._rev), leaf);
  }
  return served;
}

type History = { start: number; ids: string[] };

function pathOf(leaf: Doc): string[] {
  const history = leaf._revisions as History | undefined;
  return history ? history.ids.map((hash, i) => `${history.start - i}-${hash}`) : [String(leaf._rev)];
}

function rootOf(leaf: Doc | undefined): string | undefined {
  return leaf && pathOf(leaf).at(-1);
}

/** CouchDB's and PouchDB's winner among leaves in readLeaves' order: a live leaf before a deleted one, then the longest history, then the greater revision id. */
function winnerOf(leaves: readonly Doc[]): Doc | undefined {
  return leaves.find((leaf) => !leaf._deleted) ?? leaves[0];
}

function holdsBranch(entry: ManifestEntry | undefined, leaf: Doc): boolean {
  if (!entry || entry.removed) return false;
  const path = new Set(pathOf(leaf));
  return entry.revs.some((rev) => path.has(rev));
}

/**
 * Every leaf revision of a document with its history, deletions among them; none when there is no
 * document. Longest history first, then the greater revision id: PouchDB lists `open_revs` in the
 * order its reads happen to finish, and an answer must not depend on that.
 */
export async function readLeaves(ctx: SyncContext, id: string): Promise<Doc[]> {
  try {
    const leaves = (await ctx.db.pouch.get(id, { open_revs: 'all', revs: true })) as unknown as { ok?: Doc }[];
    return leaves.flatMap((leaf) => (leaf.ok ? [leaf.ok] : [])).sort((a, b) => compareRevs(String(b._rev), String(a._rev)));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return [];
    throw error;
  }
}

/** Revisions ordered by generation, then by revision id. */
function compareRevs(a: string, b: string): number {
  return Number.parseInt(a, 10) - Number.parseInt(b, 10) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The served leaves and their ancestors: the revisions a person may learn exist (as after compaction, without their bodies). */
export function namedRevisions(served: ReadonlyMap<string, Doc>): Set<string> {
  const named = new Set<string>();
  for (const leaf of served.values()) {
    const history = leaf._revisions as { start: number; ids: string[] } | undefined;
    history?.ids.forEach((hash, i) => named.add(`${history.start - i}-${hash}`));
  }
  return named;
}

/** The removal revisions a user may send back or fetch for a document they no longer see. */
export function isRemovalRev(ctx: SyncContext, id: string, rev: string, entry: ManifestEntry | undefined): boolean {
  return entry !== undefined && ctx.removals.isRemoval(ctx.user.name, id, rev, entry.revs);
}
