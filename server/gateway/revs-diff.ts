import { isRemovalRev, isVisible, winningRevisions, type SyncContext } from './sync-context.js';

export type RevsDiff = Record<string, { missing?: string[]; possible_ancestors?: string[] }>;

/**
 * CouchDB's `_revs_diff`: which of the workstation's revisions the server lacks. For a document the
 * user may not see the answer is that of a document that does not exist (every revision missing),
 * and removal revisions are never missing, so they are never sent back.
 */
export async function revsDiff(ctx: SyncContext, request: Record<string, string[]>): Promise<RevsDiff> {
  const ids = Object.keys(request).filter((id) => Array.isArray(request[id]));
  const [winners, entries] = await Promise.all([winningRevisions(ctx, ids), ctx.manifest.read(ids)]);
  const visible = Object.fromEntries(ids.filter((id) => isVisible(ctx, id, winners.get(id), entries.get(id))).map((id) => [id, request[id]!]));
  const stored: RevsDiff = Object.keys(visible).length > 0 ? await ctx.db.pouch.revsDiff(visible) : {};
  const out: RevsDiff = {};
  for (const id of ids) {
    const answer = id in visible ? stored[id] ?? { missing: [] } : { missing: request[id]! };
    const missing = (answer.missing ?? []).filter((rev) => !isRemovalRev(ctx, id, rev, entries.get(id)));
    if (missing.length > 0) out[id] = { ...answer, missing };
  }
  return out;
}
