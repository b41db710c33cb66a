import express, { Router, type Response } from 'express';
import type { Access } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import type { UserContext } from '../../design/user.js';
import { createError } from '../../engine/errors.js';
import type { Store } from '../store/store.js';
import { LABEL_FORMATS } from './label-formats.js';
import { PrintJobs } from './print-jobs.js';
import { parsePrintRequest, PRINT_KINDS, renderPrintRequest, type PrintFile, type PrintKind, type PrintRequest } from './print-request.js';
import { setFileHeaders } from '../file-headers.js';

/** Who is asking, once sign-in is in front of a router: the user, and their rights in a database. */
export type WhoIsAsking = (res: Response, db: DbName) => { readonly user: UserContext; readonly access: Access };

export interface PrintRouterOptions {
  readonly store: Store;
  /** Without it the server prints every document; with it only what the user may read. */
  readonly whoIsAsking?: WhoIsAsking;
}

/**
 * Labels and lists as PDF (and lists as CSV), at once or as jobs that report their progress. The
 * routes carry their full paths (`/api/print/…`), so the app mounts the router at its root, behind
 * sign-in; errors go to the app's error handler.
 *
 * - `GET /api/print/label-formats`: the sheet formats
 * - `POST /api/print/labels` `{format, start?, outline?, docIds | view}` → application/pdf
 * - `POST /api/print/list` `{kind: 'address'|'phone', lang?, format?: 'pdf'|'csv', docIds | view}`
 * - `POST /api/print/jobs` `{job: 'labels'|'list', …the same}` → 202 and the job's status;
 *   `GET /api/print/jobs/:id` its status, `GET /api/print/jobs/:id/file` the file once done,
 *   `DELETE /api/print/jobs/:id` cancels it (or forgets a finished one)
 */
export function createPrintRouter({ store, whoIsAsking }: PrintRouterOptions): Router {
  const router = Router();
  const jobs = new PrintJobs();
  router.use('/api/print', express.json({ limit: '10mb' }));
  const viewerOf = (res: Response, request: PrintRequest) => whoIsAsking?.(res, request.selection.db).access;
  // A job is its starter's: the user's name, or the server's own when no one signs in.
  const ownerOf = (res: Response) => whoIsAsking?.(res, 'crm').user.name ?? '';

  router.get('/api/print/label-formats', (_req, res) => {
    res.json({ formats: LABEL_FORMATS });
  });

  for (const kind of PRINT_KINDS) {
    router.post(`/api/print/${kind}`, async (req, res) => {
      const request = parsePrintRequest(kind, req.body);
      sendFile(res, await renderPrintRequest(store, request, viewerOf(res, request)));
    });
  }

  router.post('/api/print/jobs', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const request = parsePrintRequest(printKind(body.job), body);
    const viewer = viewerOf(res, request);
    res.status(202).json(jobs.start(ownerOf(res), (control) => renderPrintRequest(store, request, viewer, control)));
  });

  router.get('/api/print/jobs/:id', (req, res) => {
    res.json(jobs.status(ownerOf(res), req.params.id));
  });

  router.get('/api/print/jobs/:id/file', (req, res) => {
    sendFile(res, jobs.file(ownerOf(res), req.params.id));
  });

  router.delete('/api/print/jobs/:id', (req, res) => {
    res.json(jobs.cancel(ownerOf(res), req.params.id));
  });
  return router;
}

function printKind(value: unknown): PrintKind {
  if (!PRINT_KINDS.includes(value as PrintKind)) throw createError('bad_request', `job must be ${PRINT_KINDS.map((kind) => JSON.stringify(kind)).join(' or ')}, got ${JSON.stringify(value)}`);
  return value as PrintKind;
}

/** A file answered for the browser to show (a PDF preview) or save (a CSV), under a name that says what it is. */
export function sendFile(res: Response, { body, type, filename }: PrintFile): void {
  setFileHeaders(res, type, filename);
  res.send(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}
