import type { Request, Response } from 'express';
import { attachmentNameProblem } from '../../design/attachment-rules.js';
import type { Doc } from '../../design/form.js';
import { setFileHeaders } from '../file-headers.js';
import { createError } from '../../engine/errors.js';
import { bulkDocs } from './bulk-docs.js';
import type { ManifestEntry } from './manifest.js';
import { sendMultipartMixed, type OpenRev } from './multipart.js';
import { contextFor } from './phantoms.js';
import { removalDoc } from './removal-doc.js';
import { generation } from './removal-revs.js';
import { parseJson, queryText, revList } from './request-input.js';
import { isRemovalRev, isVisible, servedLeaves, winningRevisions, type SyncContext } from './sync-context.js';
import { withoutUnsafeFiles } from './unsafe-files.js';

const MISSING = () => createError('not_found', 'missing');

function flag(value: unknown): boolean {
  return value === 'true' || value === true;
}

async function visibility(ctx: SyncContext, id: string) {
  const [winners, entries] = await Promise.all([winningRevisions(ctx, [id]), ctx.manifest.read([id])]);
  const entry = entries.get(id);
  return { visible: isVisible(ctx, id, winners.get(id), entry), entry };
}

/** GET and HEAD of a document, with CouchDB's `rev`, `revs`, `open_revs`, `latest`, `conflicts`, `attachments`. */
export async function readDocRoute(asker: SyncContext, id: string, req: Request, res: Response): Promise<void> {
  const ctx = await contextFor(asker, id);
  const { openRevs: wantedRevs, attsSince, rev } = readQuery(req);
  const { visible, entry } = await visibility(ctx, id);
  const q = req.query as Record<string, unknown>;
  if (wantedRevs !== undefined) {
    // CouchDB's replicator asks for multipart/mixed, and then takes files as binary parts.
    const multipart = (req.get('accept') ?? '').includes('multipart/mixed');
    const options = { ...q, ...(attsSince ? { revs: 'true' } : {}), ...(multipart ? { attachments: 'true', binary: true } : {}) };
    const answers = await openRevs(ctx, id, wantedRevs, visible, entry, options);
    const revisions = answers.map((answer) => {
      if (!('ok' in answer)) return answer;
      const doc = withoutUnsafeFiles(answer.ok);
      return { ok: attsSince ? stubFilesSince(doc, attsSince, flag(q.revs)) : doc };
    });
    if (multipart) sendMultipartMixed(res, revisions);
    else res.json(revisions);
    return;
  }
  if (!visible) throw MISSING();
  const served = await servedLeaves(ctx, id, visible);
  if (rev !== undefined && !served.has(rev)) throw MISSING();
  const read = await ctx.db.pouch.get(id, {
    ...(rev === undefined ? {} : { rev }),
    revs: flag(q.revs) || attsSince !== undefined, conflicts: flag(q.conflicts), attachments: flag(q.attachments), revs_info: flag(q.revs_info),
  } as PouchDB.Core.GetOptions) as StoredRead;
  const safe = withoutUnsafeFiles(read);
  const doc = attsSince ? stubFilesSince(safe, attsSince, flag(q.revs)) : safe;
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

/** The query parameters that must parse: a malformed one is a 400, never a thrown SyntaxError. */
function readQuery(req: Request): { openRevs?: 'all' | string[]; attsSince?: string[]; rev?: string } {
  const openRevs = queryText(req, 'open_revs');
  const attsSince = queryText(req, 'atts_since');
  const rev = queryText(req, 'rev');
  return {
    ...(openRevs === undefined ? {} : { openRevs: openRevs === 'all' ? 'all' : revList(parseJson(openRevs, 'open_revs'), 'open_revs') }),
    ...(attsSince === undefined ? {} : { attsSince: revList(parseJson(attsSince, 'atts_since'), 'atts_since') }),
    ...(rev === undefined ? {} : { rev }),
  };
}

/**
 * CouchDB's `atts_since`: files the client already has (added at or before the newest of the named
 * revisions on this revision's path) come as stubs. Reads `_revisions`, kept only if `keepRevs`.
 */
function stubFilesSince<T extends object>(doc: T, attsSince: readonly string[], keepRevs: boolean): T {
  const { _revisions: revisions, ...rest } = doc as { _revisions?: { start: number; ids: string[] }; _attachments?: unknown };
  const out: Record<string, unknown> = keepRevs && revisions ? { ...rest, _revisions: revisions } : rest;
  const path = new Set((revisions?.ids ?? []).map((hash, i) => `${revisions!.start - i}-${hash}`));
  const known = Math.max(0, ...attsSince.filter((rev) => path.has(rev)).map(generation));
  const files = rest._attachments as Record<string, Record<string, unknown>> | undefined;
  if (!files || known === 0) return out as T;
  out._attachments = Object.fromEntries(Object.entries(files).map(([name, file]) => {
    if (typeof file.revpos !== 'number' || file.revpos > known || !('data' in file)) return [name, file];
    const { data, ...stub } = file;
    return [name, { ...stub, length: Buffer.isBuffer(data) ? data.length : stub.length, stub: true }];
  }));
  return out as T;
}

/**
 * `open_revs`: the served leaves, or those of the named revisions that are served leaves (with
 * `latest`, the served leaves they lead to); anything else is missing, a removal revision for this
 * user aside. Revisions the store does not know are not asked of it (PouchDB's `latest` lookup throws on them).
 */
async function openRevs(ctx: SyncContext, id: string, wanted: 'all' | string[], visible: boolean, entry: ManifestEntry | undefined, q: Record<string, unknown>): Promise<OpenRev[]> {
  const served = await servedLeaves(ctx, id, visible);
  const options = { revs: flag(q.revs), latest: flag(q.latest), attachments: flag(q.attachments), binary: q.binary === true };
  // One read per revision: PouchDB answers a list of them in the order its reads finish.
  const read = async (rev: string): Promise<OpenRev> => {
    const [answer] = (await ctx.db.pouch.get(id, { ...options, open_revs: [rev] } as PouchDB.Core.GetOpenRevisions)) as OpenRev[];
    return answer && 'ok' in answer && served.has(String(answer.ok._rev)) ? answer : { missing: rev };
  };
  if (wanted === 'all') return Promise.all([...served.keys()].map(read));
  const unknown = new Set((await ctx.db.pouch.revsDiff({ [id]: wanted }))[id]?.missing ?? []);
  // One answer per revision asked, in that order; one that is not a served leaf is missing, and with `latest` each leaf comes once.
  const answers = await Promise.all(wanted.map(async (rev): Promise<OpenRev> => {
    if (visible && !unknown.has(rev)) return read(rev);
    return isRemovalRev(ctx, id, rev, entry) ? { ok: await removalDoc(ctx, id, rev, entry!) } : { missing: rev };
  }));
  return answers.filter((answer, i) => !('ok' in answer) || answers.findIndex((a) => 'ok' in a && a.ok._rev === answer.ok._rev) === i);
}

export async function readAttachmentRoute(asker: SyncContext, id: string, name: string, req: Request, res: Response): Promise<void> {
  const ctx = await contextFor(asker, id);
  const { visible } = await visibility(ctx, id);
  if (!visible) throw MISSING();
  const rev = queryText(req, 'rev');
  if (rev !== undefined && !(await servedLeaves(ctx, id, visible)).has(rev)) throw MISSING();
  const doc = (await ctx.db.pouch.get(id, rev ? { rev } : {})) as Doc & { _attachments?: Record<string, { content_type?: string }> };
  const stub = doc._attachments?.[name];
  // A name from before the rule (`../../etc/passwd`) is not served: see withoutUnsafeFiles.
  if (!stub || attachmentNameProblem(name)) throw MISSING();
  const data = (await ctx.db.pouch.getAttachment(id, name, rev ? { rev } : {})) as Buffer;
  setFileHeaders(res, stub.content_type, name);
  if (req.method === 'HEAD') res.set('Content-Length', String(data.length)).end();
  else res.send(data);
}

/** PUT and DELETE of one document: the same rights and checks as `_bulk_docs` (`new_edits=false` from a replicator). */
export async function writeDocRoute(ctx: SyncContext, doc: Doc, res: Response, newEdits: boolean): Promise<void> {
  const [row] = await bulkDocs(ctx, [doc], newEdits);
  if (row && 'ok' in row) {
    res.status(201).json(row);
    return;
  }
  const status: Record<string, number> = { conflict: 409, forbidden: 403, not_found: 404 };
  res.status(status[row?.error ?? ''] ?? 400).json({ error: row?.error, reason: row?.reason });
}
