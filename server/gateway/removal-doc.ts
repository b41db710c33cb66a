import type { Doc } from '../../design/form.js';
import type { ManifestEntry } from './manifest.js';
import { generation, revHash } from './removal-revs.js';
import { readLeaves, type SyncContext } from './sync-context.js';

/** The deletion revision that removes a document from one user's workstation, with its ancestry. */
export async function removalDoc(ctx: SyncContext, id: string, rev: string, entry: ManifestEntry): Promise<Doc> {
  const parent = entry.revs.find((p) => ctx.removals.mint(ctx.user.name, id, p) === rev)!;
  return { _id: id, _rev: rev, _deleted: true, _revisions: { start: generation(rev), ids: [revHash(rev), ...(await ancestry(ctx, id, parent))] } };
}

/** The revision hashes from `rev` back to the first, as the store's revision tree has them. */
async function ancestry(ctx: SyncContext, id: string, rev: string): Promise<string[]> {
  for (const leaf of await readLeaves(ctx, id)) {
    const history = leaf._revisions as { start: number; ids: string[] } | undefined;
    if (!history) continue;
    const at = history.start - generation(rev);
    if (at >= 0 && history.ids[at] === revHash(rev)) return history.ids.slice(at);
  }
  // A revision the store never had (one the gateway refused): its child is enough to delete it.
  return [revHash(rev)];
}
