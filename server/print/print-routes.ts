import express, { Router, type Response } from 'express';
import type { Access } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import { LANGUAGES, type Lang } from '../../design/label.js';
import type { UserContext } from '../../design/user.js';
import { createError } from '../../engine/errors.js';
import type { Store } from '../store/store.js';
import { renderLabels } from './label-sheet.js';
import { checkStartPosition, LABEL_FORMATS, resolveLabelFormat } from './label-formats.js';
import { renderListCsv } from './list-csv.js';
import { listKind } from './list-kinds.js';
import { renderListPdf } from './list-pdf.js';
import { listRows } from './list-rows.js';
import { parsePrintSelection, selectEntries } from './print-selection.js';

/** Who is asking, once sign-in is in front of a router: the user, and their rights in a database. */
export type WhoIsAsking = (res: Response, db: DbName) => { readonly user: UserContext; readonly access: Access };

export interface PrintRouterOptions {
  readonly store: Store;
  /** Without it the server prints every document; with it only what the user may read. */
  readonly whoIsAsking?: WhoIsAsking;
}

/**
 * Labels and lists as PDF (and lists as CSV). The routes carry their full paths (`/api/print/…`),
 * so the app mounts the router at its root, behind sign-in; errors go to the app's error handler.
 *
 * - `GET /api/print/label-formats`: the sheet formats
 * - `POST /api/print/labels` `{format, start?, outline?, docIds | view}` → application/pdf
 * - `POST /api/print/list` `{kind: 'address'|'phone', lang?, format?: 'pdf'|'csv', docIds | view}`
 */
export function createPrintRouter({ store, whoIsAsking }: PrintRouterOptions): Router {
  const router = Router();
  router.use('/api/print', express.json({ limit: '10mb' }));

  router.get('/api/print/label-formats', (_req, res) => {
    res.json({ formats: LABEL_FORMATS });
  });

  router.post('/api/print/labels', async (req, res) => {
    const body = bodyOf(req.body);
    const format = resolveLabelFormat(body.format ?? 'L7160');
    const selection = parsePrintSelection(body);
    const { entries } = await selectEntries(store, selection, whoIsAsking?.(res, selection.db).access);
    const start = checkStartPosition(format, body.start);
    const pdf = await renderLabels(entries.map((entry) => entry.addressee), { format, start, outline: body.outline === true });
    send(res, pdf, 'application/pdf', `labels-${format.id}.pdf`);
  });

  router.post('/api/print/list', async (req, res) => {
    const body = bodyOf(req.body);
    const kind = listKind(body.kind);
    const lang = langOf(body.lang);
    const selection = parsePrintSelection(body);
    const { entries, view } = await selectEntries(store, selection, whoIsAsking?.(res, selection.db).access);
    if (body.format === 'csv') {
      send(res, renderListCsv(entries, kind, lang, view?.categoryTitles.map((title) => title[lang])), 'text/csv; charset=utf-8', `${kind.id}-list.csv`);
    } else if (body.format === undefined || body.format === 'pdf') {
      send(res, await renderListPdf(listRows(entries), { kind, lang, source: view?.name[lang] }), 'application/pdf', `${kind.id}-list.pdf`);
    } else {
      throw createError('bad_request', `format must be "pdf" or "csv", got ${JSON.stringify(body.format)}`);
    }
  });
  return router;
}

export function langOf(value: unknown): Lang {
  if (value === undefined) return 'zh';
  if (typeof value !== 'string' || !(LANGUAGES as readonly string[]).includes(value)) throw createError('bad_request', `lang must be one of ${LANGUAGES.join(', ')}`);
  return value as Lang;
}

/** A file answered for the browser to show (a PDF preview) or save, under a name that says what it is. */
export function send(res: Response, body: Uint8Array | string, type: string, filename: string): void {
  res.set('Content-Type', type).set('Content-Disposition', `inline; filename="${filename}"`);
  res.send(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}

function bodyOf(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw createError('bad_request', 'The request body must be a JSON object');
  return body as Record<string, unknown>;
}
