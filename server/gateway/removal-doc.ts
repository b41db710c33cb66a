import type { Doc } from '../../design/form.js';
import type { ManifestEntry } from './manifest.js';
import { generation, revHash } from './removal-revs.js';
import type { SyncContext } from './sync-context.js';

/** The deletion revision that removes a document from one user's workstation, with its ancestry. */
export async function removalDoc(ctx: SyncContext, id: string, rev: string, entry: ManifestEntry): Promise<Doc> {
  const parent = entry.revs.find((p) => ctx.removals.mint(ctx.user.name, id, p) === rev)!;
  return { _id: id, _rev: rev, _deleted: true, _revisions: { start: generation(rev), ids: [revHash(rev), ...(await ancestry(ctx, id, parent))] } };
}

/** The revision hashes from `rev` back to the first, as the store's revision tree has them. */
async function ancestry(ctx: SyncContext, id: string, rev: string): Promise<string[]> {
  try {
    const leaves = (await ctx.db.pouch.get(id, { open_revs: 'all', revs: true })) as unknown as { ok?: { _revisions: { start: number; ids: string[] } } }[];
    for (const leaf of leaves) {
      const history = leaf.ok?._revisions;
      if (!history) continue;
      const at = history.start - generation(rev);
      if (at >= 0 && history.ids[at] === revHash(rev)) return history.ids.slice(at);
    }
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
  // A revision the store never had (one the gateway refused): its child is enough to delete it.
  return [revHash(rev)];
}
