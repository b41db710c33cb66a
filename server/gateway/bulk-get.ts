import { isRemovalRev, isVisible, winningRevisions, type SyncContext } from './sync-context.js';
import { removalDoc } from './removal-doc.js';

export interface BulkGetRequest {
  readonly id: string;
  readonly rev?: string;
  readonly atts_since?: string[];
}

export interface BulkGetOptions {
  readonly revs: boolean;
  readonly attachments: boolean;
  readonly latest: boolean;
}

type BulkGetDoc = { ok: object } | { error: { id: string; rev: string; error: string; reason: string } };
export interface BulkGetResult {
  readonly id: string;
  readonly docs: BulkGetDoc[];
}

/**
 * CouchDB's `_bulk_get`: what the workstation is missing. A document the user may not see is
 * answered exactly like one that does not exist, except a removal revision minted for them.
 */
export async function bulkGet(ctx: SyncContext, requests: readonly BulkGetRequest[], options: BulkGetOptions): Promise<BulkGetResult[]> {
  const ids = requests.map((r) => String(r.id));
  const [winners, entries] = await Promise.all([winningRevisions(ctx, ids), ctx.manifest.read(ids)]);
  const visible = requests.filter((r) => isVisible(ctx, r.id, winners.get(r.id), entries.get(r.id)));
  const fromStore = new Map<BulkGetRequest, BulkGetDoc[]>();
  if (visible.length > 0) {
    const { results } = await ctx.db.pouch.bulkGet({ docs: visible.map((r) => ({ ...r })), revs: options.revs, attachments: options.attachments, latest: options.latest, binary: false } as PouchDB.Core.BulkGetOptions);
    visible.forEach((request, i) => fromStore.set(request, (results[i]?.docs ?? []) as BulkGetDoc[]));
  }
  return Promise.all(requests.map(async (request) => {
    const stored = fromStore.get(request);
    if (stored) return { id: request.id, docs: stored };
    const entry = entries.get(request.id);
    if (request.rev && isRemovalRev(ctx, request.id, request.rev, entry)) {
      return { id: request.id, docs: [{ ok: await removalDoc(ctx, request.id, request.rev, entry!) }] };
    }
    return { id: request.id, docs: [{ error: { id: request.id, rev: request.rev ?? 'undefined', error: 'not_found', reason: 'missing' } }] };
  }));
}
