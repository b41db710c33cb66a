import type { Request } from 'express';
import type { Doc } from '../../design/form.js';
import { createError } from '../../engine/errors.js';
import type { BulkGetRequest } from './bulk-get.js';
import { docFromMultipart } from './multipart.js';
import { isPlainObject, objectBody, revList } from './request-input.js';

/** `_revs_diff`: `{id: [rev, …]}`. */
export function revsDiffRequest(body: Record<string, unknown>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(body).map(([id, revs]) => [id, revList(revs, `The revisions of ${JSON.stringify(id)}`)]));
}

/** `_bulk_get`: `{docs: [{id, rev?, atts_since?}, …]}`. */
export function bulkGetRequests(body: Record<string, unknown>): BulkGetRequest[] {
  const { docs } = body;
  if (!Array.isArray(docs)) throw createError('bad_request', 'POST body must include a docs array');
  return docs.map((entry: unknown) => {
    if (!isPlainObject(entry) || typeof entry.id !== 'string' || entry.id === '') throw createError('bad_request', 'Each entry of docs must be an object with an id');
    if (entry.rev !== undefined && typeof entry.rev !== 'string') throw createError('bad_request', `The rev of ${JSON.stringify(entry.id)} must be a revision id`);
    return {
      id: entry.id,
      ...(entry.rev === undefined ? {} : { rev: entry.rev }),
      ...(entry.atts_since === undefined ? {} : { atts_since: revList(entry.atts_since, 'atts_since') }),
    };
  });
}

/** A document sent on its own: its id and revision, when given, are texts. */
export function docBody(body: Record<string, unknown>): Doc {
  for (const item of ['_id', '_rev'] as const) {
    if (body[item] !== undefined && typeof body[item] !== 'string') throw createError('bad_request', `${item} must be a string`);
  }
  return body as Doc;
}

/** A PUT's document: JSON, or multipart/related (the JSON, then each file) as CouchDB's replicator sends it. */
export function putDocBody(req: Request): Doc {
  if (req.is('multipart/related')) {
    if (!Buffer.isBuffer(req.body)) throw createError('bad_request', 'The multipart body is empty');
    return docBody(docFromMultipart(req.body, req.get('content-type') ?? ''));
  }
  return docBody(objectBody(req));
}
