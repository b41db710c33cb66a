import type { Request, Response } from 'express';
import type { Doc } from '../../design/form.js';
import { createError } from '../../engine/errors.js';
import { bulkDocs } from './bulk-docs.js';
import type { ManifestEntry } from './manifest.js';
import { removalDoc } from './removal-doc.js';
import { isRemovalRev, isVisible, servedLeaves, winningRevisions, type SyncContext } from './sync-context.js';

const MISSING = () => createError('not_found', 'missing');

function flag(value: unknown): boolean {
  return value === 'true' || value === true;
}

function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

async function visibility(ctx: SyncContext, id: string) {
  const [winners, entries] = await Promise.all([winningRevisions(ctx, [id]), ctx.manifest.read([id])]);
  const entry = entries.get(id);
  return { visible: isVisible(ctx, id, winners.get(id), entry), entry };
}

/** GET and HEAD of a document, with CouchDB's `rev`, `revs`, `open_revs`, `latest`, `conflicts`, `attachments`. */
export async function readDocRoute(ctx: SyncContext, id: string, req: Request, res: Response): Promise<void> {
  const { visible, entry } = await visibility(ctx, id);
  const q = req.query as Record<string, unknown>;
  if (q.open_revs !== undefined) {
    res.json(await openRevs(ctx, id, q.open_revs === 'all' ? 'all' : (json(q.open_revs) as string[]), visible, entry, q));
    return;
  }
  if (!visible) throw MISSING();
  const served = await servedLeaves(ctx, id, visible);
  const rev = typeof q.rev === 'string' ? q.rev : undefined;
  if (rev !== undefined && !served.has(rev)) throw MISSING();
  const doc = await ctx.db.pouch.get(id, {
    ...(rev !== undefined ? { rev } : {}),
    revs: flag(q.revs), conflicts: flag(q.conflicts), attachments: flag(q.attachments), revs_info: flag(q.revs_info),
    ...(q.atts_since !== undefined ? { atts_since: json(q.atts_since) as string[] } : {}),
  } as PouchDB.Core.GetOptions);
  res.set('ETag', `"${doc._rev}"`);
  if (req.method === 'HEAD') res.end();
  else res.json(asServed(doc, served));
}

type StoredRead = PouchDB.Core.Document<object> & PouchDB.Core.GetMeta & { _deleted_conflicts?: string[] };

/** A stored read cut to the served leaves: other conflicts unnamed, older bodies reported compacted. */
function asServed(doc: StoredRead, served: ReadonlyMap<string, unknown>): StoredRead {
  const out: StoredRead = { ...doc };
  for (const key of ['_conflicts', '_deleted_conflicts'] as const) {
    const kept = doc[key]?.filter((rev) => served.has(rev));
    if (kept && kept.length > 0) out[key] = kept;
    else delete out[key];
  }
  if (doc._revs_info) out._revs_info = doc._revs_info.map((info) => (info.status === 'available' && !served.has(info.rev) ? { ...info, status: 'missing' } : info));
  return out;
}

/**
 * `open_revs`: the served leaves, or those of the named revisions that are served leaves (with
 * `latest`, the served leaves they lead to); anything else is missing, a removal revision for this
 * user aside. Revisions the store does not know are not asked of it (PouchDB's `latest` lookup throws on them).
 */
async function openRevs(ctx: SyncContext, id: string, wanted: 'all' | string[], visible: boolean, entry: ManifestEntry | undefined, q: Record<string, unknown>): Promise<unknown[]> {
  const served = await servedLeaves(ctx, id, visible);
  const options = { revs: flag(q.revs), latest: flag(q.latest), attachments: flag(q.attachments) };
  const read = async (revs: string[]) => (revs.length > 0 ? ((await ctx.db.pouch.get(id, { ...options, open_revs: revs } as PouchDB.Core.GetOpenRevisions)) as { ok?: Doc }[]) : []);
  if (wanted === 'all') return read([...served.keys()]);
  const unknown = new Set((await ctx.db.pouch.revsDiff({ [id]: wanted }))[id]?.missing ?? []);
  const known = visible ? wanted.filter((rev) => !unknown.has(rev)) : [];
  // One answer per revision asked, in order; one that is not a served leaf is missing.
  const stored = (await read(known)).map((answer, i) => (answer.ok && served.has(String(answer.ok._rev)) ? answer : { missing: known[i] }));
  const others = await Promise.all(wanted.filter((rev) => !known.includes(rev)).map(async (rev) => (
    isRemovalRev(ctx, id, rev, entry) ? { ok: await removalDoc(ctx, id, rev, entry!) } : { missing: rev })));
  return [...stored, ...others];
}

export async function readAttachmentRoute(ctx: SyncContext, id: string, name: string, req: Request, res: Response): Promise<void> {
  const { visible } = await visibility(ctx, id);
  if (!visible) throw MISSING();
  const rev = typeof req.query.rev === 'string' ? req.query.rev : undefined;
  if (rev !== undefined && !(await servedLeaves(ctx, id, visible)).has(rev)) throw MISSING();
  const doc = (await ctx.db.pouch.get(id, rev ? { rev } : {})) as Doc & { _attachments?: Record<string, { content_type?: string }> };
  const stub = doc._attachments?.[name];
  if (!stub) throw MISSING();
  const data = (await ctx.db.pouch.getAttachment(id, name, rev ? { rev } : {})) as Buffer;
  res.type(stub.content_type ?? 'application/octet-stream');
  if (req.method === 'HEAD') res.set('Content-Length', String(data.length)).end();
  else res.send(data);
}

/** PUT and DELETE of one document: the same rights and checks as `_bulk_docs`. */
export async function writeDocRoute(ctx: SyncContext, doc: Doc, res: Response): Promise<void> {
  const [row] = await bulkDocs(ctx, [doc], true);
  if (row && 'ok' in row) {
    res.status(201).json(row);
    return;
  }
  const status: Record<string, number> = { conflict: 409, forbidden: 403, not_found: 404 };
  res.status(status[row?.error ?? ''] ?? 400).json({ error: row?.error, reason: row?.reason });
}
