import type { Doc, SaveContext } from '../../design/form.js';
import { GuanxiError } from '../../engine/errors.js';
import type { ServerDocs } from './server-docs.js';
import type { Database, StoredDoc } from './store.js';

/**
 * Marks an item as taken (status, claimer, lease: what a person and a later tick see) and then
 * decides who does it by creating `claim-<kind>-<item id>-<round>` in the servers' database.
 * The mark alone is not enough on a CouchDB cluster: a revision-checked update through PouchDB
 * succeeds for each of two servers whose writes reached different nodes (201 and 202 look alike
 * there), while the claim's creation is true for one writer at most, and false when it was not
 * written on a quorum. Both servers derive `round` from the same read (the attempt about to be
 * made), so they race for one claim. Returns the marked item when this server won it, else
 * undefined: another server has it, or nobody does this round and the lease runs out as after a crash.
 */
export async function claimOnce(crm: Database, claims: ServerDocs, kind: string, marked: Doc & { _id: string }, round: string | number, ctx: SaveContext): Promise<StoredDoc | undefined> {
  let saved: StoredDoc;
  try {
    saved = await crm.save(marked, ctx);
  } catch (error) {
    if (error instanceof GuanxiError && error.kind === 'conflict') return undefined;
    throw error;
  }
  const won = await claims.create(`claim-${kind}-${marked._id}-${round}`, { kind, item: marked._id, round, by: marked.claimedBy, at: ctx.now });
  return won ? saved : undefined;
}
