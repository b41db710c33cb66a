import type { Doc, SaveContext } from '../../design/form.js';
import { toGuanxiError } from '../../engine/errors.js';
import type { Database } from '../store/store.js';
import { isDigestNoticeId, mergeDigestLeaves } from './interest-notice-docs.js';

/**
 * Two servers adding to one person's digest through different nodes of a cluster each see their
 * write succeed (short of a quorum it is no conflict to the writer), and the nodes then keep two
 * leaves: one digest is made of every line of both, and the other leaf closed.
 */
export async function mergeDigestConflicts(crm: Database, id: string, ctx: () => SaveContext): Promise<void> {
  if (!isDigestNoticeId(id)) return;
  for (let attempt = 0; attempt < 5; attempt++) {
    const winner = (await crm.pouch.get(id, { conflicts: true })) as Doc & { _conflicts?: string[] };
    const revs = winner._conflicts ?? [];
    if (revs.length === 0) return;
    const losers = await Promise.all(revs.map(async (rev) => (await crm.pouch.get(id, { rev })) as Doc));
    const { _conflicts: _leaves, ...current } = winner;
    try {
      await crm.save(mergeDigestLeaves(current, losers), ctx());
    } catch (error) {
      if (toGuanxiError(error).kind === 'conflict') continue;
      throw error;
    }
    for (const rev of revs) await crm.pouch.remove(id, rev);
    return;
  }
}
