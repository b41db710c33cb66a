import { answerInParts } from './phantoms.js';
import { isRemovalRev, isVisible, namedRevisions, servedLeaves, winningRevisions, type SyncContext } from './sync-context.js';

export type RevsDiff = Record<string, { missing?: string[]; possible_ancestors?: string[] }>;

/**
 * CouchDB's `_revs_diff`: which of the workstation's revisions the server lacks. For a document the
 * user may not see the answer is that of a document that does not exist (every revision missing);
 * a leaf they may not read is missing too, and is never offered as a possible ancestor. Removal
 * revisions are never missing, so they are never sent back.
 */
export async function revsDiff(ctx: SyncContext, request: Record<string, string[]>): Promise<RevsDiff> {
  const ids = Object.keys(request).filter((id) => Array.isArray(request[id]));
  const answers = await answerInParts(ctx, ids, (id) => id, async (part, asked) => {
    const answer = await revsDiffFrom(part, asked, request);
    return asked.map((id) => answer[id]);
  });
  return Object.fromEntries(ids.flatMap((id, i) => (answers[i] ? [[id, answers[i]]] : [])));
}

async function revsDiffFrom(ctx: SyncContext, ids: readonly string[], request: Record<string, string[]>): Promise<RevsDiff> {
  const [winners, entries] = await Promise.all([winningRevisions(ctx, ids), ctx.manifest.read(ids)]);
  const visible = Object.fromEntries(ids.filter((id) => isVisible(ctx, id, winners.get(id), entries.get(id))).map((id) => [id, request[id]!]));
  const stored: RevsDiff = Object.keys(visible).length > 0 ? await ctx.db.pouch.revsDiff(visible) : {};
  const out: RevsDiff = {};
  for (const id of ids) {
    const answer = id in visible ? await asServed(ctx, id, request[id]!, stored[id] ?? { missing: [] }, winners.get(id)?._rev) : { missing: request[id]! };
    const missing = (answer.missing ?? []).filter((rev) => !isRemovalRev(ctx, id, rev, entries.get(id)));
    if (missing.length > 0) out[id] = { ...answer, missing };
  }
  return out;
}

/**
 * The store's answer for a visible document, with the revisions this user is not served and that
 * lead to none they are served (a conflict they may not read, and its own history) counted as missing.
 */
async function asServed(ctx: SyncContext, id: string, asked: readonly string[], answer: RevsDiff[string], winnerRev: string | undefined): Promise<RevsDiff[string]> {
  const held = asked.filter((rev) => !(answer.missing ?? []).includes(rev));
  // Replication mostly offers revisions the server has as its winner, or none it has: no leaves to read.
  if (!answer.possible_ancestors && held.every((rev) => rev === winnerRev)) return answer;
  const named = namedRevisions(await servedLeaves(ctx, id, true));
  const missing = asked.filter((rev) => (answer.missing ?? []).includes(rev) || !named.has(rev));
  const ancestors = answer.possible_ancestors?.filter((rev) => named.has(rev));
  return { missing, ...(ancestors && ancestors.length > 0 ? { possible_ancestors: ancestors } : {}) };
}
