import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import type { SyncContext } from './sync-context.js';

/** Each user's replication checkpoints live apart, so nobody reads or overwrites another's. */
function storedId(ctx: SyncContext, id: string): string {
  return `_local/gateway-${hexOfUtf8(ctx.user.name)}-${id}`;
}

export async function getLocal(ctx: SyncContext, id: string): Promise<object> {
  const doc = await ctx.db.pouch.get(storedId(ctx, id));
  return { ...doc, _id: `_local/${id}` };
}

export async function putLocal(ctx: SyncContext, id: string, body: Record<string, unknown>): Promise<{ ok: true; id: string; rev: string }> {
  const { rev } = await ctx.db.pouch.put({ ...body, _id: storedId(ctx, id) });
  return { ok: true, id: `_local/${id}`, rev };
}

export async function deleteLocal(ctx: SyncContext, id: string, rev: string): Promise<{ ok: true; id: string; rev: string }> {
  const result = await ctx.db.pouch.remove(storedId(ctx, id), rev);
  return { ok: true, id: `_local/${id}`, rev: result.rev };
}
