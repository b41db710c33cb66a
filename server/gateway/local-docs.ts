import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import type { SyncContext } from './sync-context.js';

/**
 * Each user's replication checkpoints and read marks live apart, so nobody reads or overwrites
 * another's. They are ordinary documents of the gateway's own database, not `_local` documents of
 * the store: Apache CouchDB does not check a `_local` document's revision, and workstations
 * merging their read marks rely on a conflict when another wrote first.
 */
function storedId(ctx: SyncContext, id: string): string {
  return `local:${ctx.dbName}:${hexOfUtf8(ctx.user.name)}:${id}`;
}

export async function getLocal(ctx: SyncContext, id: string): Promise<object> {
  const doc = await ctx.gatewayPouch.get(storedId(ctx, id));
  return { ...doc, _id: `_local/${id}` };
}

export async function putLocal(ctx: SyncContext, id: string, body: Record<string, unknown>): Promise<{ ok: true; id: string; rev: string }> {
  const { rev } = await ctx.gatewayPouch.put({ ...body, _id: storedId(ctx, id) });
  return { ok: true, id: `_local/${id}`, rev };
}

export async function deleteLocal(ctx: SyncContext, id: string, rev: string): Promise<{ ok: true; id: string; rev: string }> {
  const result = await ctx.gatewayPouch.remove(storedId(ctx, id), rev);
  return { ok: true, id: `_local/${id}`, rev: result.rev };
}
