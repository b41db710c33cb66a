import type { Request } from 'express';
import type { Doc } from '../../design/form.js';
import { createError } from '../../engine/errors.js';

/**
 * What a replication client sends, checked before anything reads it: a wrong shape is answered
 * 400 `bad_request` in CouchDB's words, never a TypeError deep inside.
 */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A JSON request body that must be an object; no body or another content type is CouchDB's 415 or 400. */
export function objectBody(req: Request): Record<string, unknown> {
  if (!req.is('application/json')) throw createError('bad_content_type', 'Content-Type must be application/json');
  if (!isPlainObject(req.body)) throw createError('bad_request', 'Request body must be a JSON object');
  return req.body;
}

/** One query parameter given at most once, as text. */
export function queryText(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw createError('bad_request', `Query parameter ${name} must be given once`);
  return value;
}

export function queryFlag(req: Request, name: string): boolean {
  const value = queryText(req, name);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw createError('bad_request', `Query parameter ${name} must be true or false`);
}

export function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw createError('bad_request', `${name} is not valid JSON`);
  }
}

/** A list of revision ids (`open_revs`, `atts_since`, a `_revs_diff` entry). */
export function revList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((rev) => typeof rev === 'string')) {
    throw createError('bad_request', `${name} must be a JSON array of revision ids`);
  }
  return value;
}

/** A list of documents (`_bulk_docs`), each a JSON object. */
export function docList(body: Record<string, unknown>): Doc[] {
  const { docs } = body;
  if (!Array.isArray(docs)) throw createError('bad_request', 'POST body must include a docs array');
  if (!docs.every(isPlainObject)) throw createError('bad_request', 'Document must be a JSON object');
  return docs as Doc[];
}
