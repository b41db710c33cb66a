import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Response } from 'express';
import { createError } from '../../engine/errors.js';
import { isPlainObject, parseJson } from './request-input.js';

/**
 * CouchDB's multipart forms of a document with its files (couch_httpd_multipart): a
 * multipart/related body is the document's JSON, whose `_attachments` entries say `follows`, then
 * one part per file in that order. `open_revs` answers `multipart/mixed`, one part per revision.
 */

type Attachment = Record<string, unknown> & { data?: unknown };

function boundaryOf(contentType: string): string {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw createError('bad_request', 'The multipart Content-Type names no boundary');
  return boundary;
}

interface Part {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

function splitParts(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw createError('bad_request', 'The multipart body does not contain its boundary');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), at);
    if (next < 0) throw createError('bad_request', 'The multipart body ends before its closing boundary');
    const part = body.subarray(at, next);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw createError('bad_request', 'A multipart part has no headers');
    const headers: Record<string, string> = {};
    for (const line of part.subarray(0, split).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: part.subarray(split + 4) });
    at = next + 2;
  }
}

/** A multipart/related PUT as the document PouchDB stores: each following file's bytes in `data` (base64). */
export function docFromMultipart(body: Buffer, contentType: string): Record<string, unknown> {
  const [json, ...files] = splitParts(body, boundaryOf(contentType));
  if (!json) throw createError('bad_request', 'The multipart body holds no document');
  const doc = parseJson(json.body.toString('utf8'), 'The document part');
  if (!isPlainObject(doc)) throw createError('bad_request', 'Document must be a JSON object');
  const attachments = isPlainObject(doc._attachments) ? doc._attachments : {};
  const following = Object.entries(attachments).filter(([, entry]) => isPlainObject(entry) && entry.follows === true);
  if (following.length !== files.length) throw createError('bad_request', `The document names ${following.length} following files but ${files.length} were sent`);
  following.forEach(([name, entry], i) => {
    const file = files[i]!;
    const { content_type: type, encoding } = entry as Attachment;
    const gzip = encoding === 'gzip' || file.headers['content-encoding'] === 'gzip';
    let data: Buffer;
    try {
      data = gzip ? gunzipSync(new Uint8Array(file.body.buffer, file.body.byteOffset, file.body.length)) : file.body;
    } catch {
      throw createError('bad_request', `The file ${JSON.stringify(name)} is not valid gzip`);
    }
    attachments[name] = { content_type: typeof type === 'string' ? type : 'application/octet-stream', data: data.toString('base64') };
  });
  return doc;
}

/** One revision of an `open_revs` answer: a document whose files are Buffers or stubs, or a revision not found. */
export type OpenRev = { ok: Record<string, unknown> } | { missing: string };

/** `open_revs` as multipart/mixed: a revision without files as JSON, one with files as multipart/related. */
export function sendMultipartMixed(res: Response, revisions: readonly OpenRev[]): void {
  const outer = randomUUID().replaceAll('-', '');
  res.status(200).type(`multipart/mixed; boundary="${outer}"`);
  const write = (text: string | Buffer) => res.write(text);
  write(`--${outer}`);
  for (const revision of revisions) {
    if ('missing' in revision) {
      write(`\r\nContent-Type: application/json; error="true"\r\n\r\n${JSON.stringify({ missing: revision.missing })}\r\n--${outer}`);
      continue;
    }
    const { doc, files } = followingFiles(revision.ok);
    if (files.length === 0) {
      write(`\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(doc)}\r\n--${outer}`);
      continue;
    }
    const inner = randomUUID().replaceAll('-', '');
    write(`\r\nContent-Type: multipart/related; boundary="${inner}"\r\n\r\n`);
    write(`--${inner}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(doc)}\r\n--${inner}`);
    for (const file of files) {
      write(`\r\nContent-Disposition: attachment; filename=${JSON.stringify(file.name)}\r\nContent-Type: ${file.type}\r\nContent-Length: ${file.data.length}\r\n\r\n`);
      write(file.data);
      write(`\r\n--${inner}`);
    }
    write(`--\r\n--${outer}`);
  }
  res.end('--');
}

/** The document with each file that has its bytes marked `follows`, and those bytes in order. */
function followingFiles(doc: Record<string, unknown>): { doc: Record<string, unknown>; files: { name: string; type: string; data: Buffer }[] } {
  if (!isPlainObject(doc._attachments)) return { doc, files: [] };
  const files: { name: string; type: string; data: Buffer }[] = [];
  const attachments: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(doc._attachments as Record<string, Attachment>)) {
    if (!Buffer.isBuffer(entry.data)) {
      attachments[name] = entry;
      continue;
    }
    const { data, ...stub } = entry;
    const type = typeof stub.content_type === 'string' ? stub.content_type : 'application/octet-stream';
    attachments[name] = { ...stub, length: data.length, follows: true };
    files.push({ name, type, data });
  }
  return { doc: { ...doc, _attachments: attachments }, files };
}
