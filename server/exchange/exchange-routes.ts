import { json, Router } from 'express';
import { DB_NAMES, isDbName } from '../../design/databases.js';
import type { SaveContext } from '../../design/form.js';
import { isTimeZone } from '../../design/local-time.js';
import { SERVER_USER } from '../../design/user.js';
import { createError } from '../../engine/errors.js';
import { langOf } from '../print/print-request.js';
import { sendFile, type WhoIsAsking } from '../print/print-routes.js';
import type { Store } from '../store/store.js';
import { COMPLETE_EXPORTS, isCompleteExport } from './complete-exports.js';
import { exportViewCsv } from './csv-export.js';
import { importDealFile } from './deal-import.js';
import { importFile, previewImport, type ImportFileOptions } from './import-file.js';
import { DUPLICATE_POLICIES, type DuplicatePolicy } from './import-report.js';
import { receiveUpload, uploadOf, type Upload } from './upload.js';
import { undoImportChanges } from './undo-import.js';
import { exportContactsVCard } from './vcard-export.js';

export interface ExchangeRouterOptions {
  readonly store: Store;
  /**
   * Without it the server exports everything and imports as itself; with it a user exports what
   * they may read and imports what they may write, as the sync gateway would let them.
   */
  readonly whoIsAsking?: WhoIsAsking;
  readonly now?: () => Date;
}

/**
 * Import and export. The routes carry their full paths, so the app mounts the router at its root,
 * behind sign-in; errors go to the app's error handler.
 *
 * - `GET /api/export/:db/:viewId.csv?lang=zh|en&tz=Asia/Shanghai`: a view as CSV, times in that zone (the server's without one)
 * - `GET /api/export/contacts.vcf`: every contact as vCard 4.0
 * - `GET /api/export/records/customers.csv|.xlsx?lang=zh|en`: every customer with its contacts, every field
 * - `GET /api/export/records/deals.csv|.xlsx?lang=zh|en`: every deal with its order lines, every field
 * - `POST /api/import/preview`: a file (multipart field `file`, or the body with `?filename=`)
 *   with optional `encoding`, `sheet`, `mapping` (JSON) → how it would be imported
 * - `POST /api/import`: the same and `policy` (`fill`, `overwrite` or `skip`) → the import report
 * - `POST /api/import/undo`: `{ changed }`, an import report's list → the fields put back
 * - `POST /api/import/deals`: a deals' complete export (CSV or .xlsx) → the deals' import report
 */
export function createExchangeRouter({ store, whoIsAsking, now = () => new Date() }: ExchangeRouterOptions): Router {
  const router = Router();
  const crm = () => store.database('crm');

  router.get('/api/export/contacts.vcf', async (_req, res) => {
    sendFile(res, { body: await exportContactsVCard(crm(), whoIsAsking?.(res, 'crm').access), type: 'text/vcard; charset=utf-8', filename: 'contacts.vcf' });
  });

  router.get('/api/export/records/:records.:format', async (req, res) => {
    const { records, format } = req.params;
    if (!isCompleteExport(records)) throw createError('not_found', `No complete export of ${JSON.stringify(records)}; there are ${Object.keys(COMPLETE_EXPORTS).join(', ')}`);
    const lang = langOf(req.query.lang);
    const viewer = whoIsAsking?.(res, 'crm').access;
    if (format === 'csv') sendFile(res, { body: await COMPLETE_EXPORTS[records].csv(crm(), lang, viewer), type: 'text/csv; charset=utf-8', filename: `${records}.csv` });
    else if (format === 'xlsx') sendFile(res, { body: await COMPLETE_EXPORTS[records].xlsx(crm(), lang, viewer), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${records}.xlsx` });
    else throw createError('not_found', `${records} can be exported as .csv or .xlsx, not .${format}`);
  });

  router.get('/api/export/:db/:viewId.csv', async (req, res) => {
    const { db, viewId } = req.params;
    if (!isDbName(db)) throw createError('not_found', `No database ${JSON.stringify(db)}; the databases are ${DB_NAMES.join(', ')}`);
    const csv = await exportViewCsv(store.database(db), viewId, langOf(req.query.lang), {}, whoIsAsking?.(res, db).access, timeZoneOf(req.query.tz));
    sendFile(res, { body: csv, type: 'text/csv; charset=utf-8', filename: `${viewId}.csv` });
  });

  router.post('/api/import/preview', receiveUpload, async (req, res) => {
    const upload = uploadOf(req);
    res.json(await previewImport(upload.bytes, upload.filename, fileOptions(upload)));
  });

  router.post('/api/import', receiveUpload, async (req, res) => {
    const upload = uploadOf(req);
    const asking = whoIsAsking?.(res, 'crm');
    const ctx: SaveContext = { user: asking?.user ?? SERVER_USER, now: now().toISOString() };
    res.json(await importFile(crm(), upload.bytes, upload.filename, { ...fileOptions(upload), policy: policyOf(upload.fields.policy), ctx, access: asking?.access }));
  });
  router.post('/api/import/deals', receiveUpload, async (req, res) => {
    const upload = uploadOf(req);
    const asking = whoIsAsking?.(res, 'crm');
    const ctx: SaveContext = { user: asking?.user ?? SERVER_USER, now: now().toISOString() };
    res.json(await importDealFile(crm(), upload.bytes, upload.filename, { ctx, access: asking?.access, encoding: upload.fields.encoding }));
  });
  router.post('/api/import/undo', json({ limit: '50mb' }), async (req, res) => {
    const asking = whoIsAsking?.(res, 'crm');
    const ctx: SaveContext = { user: asking?.user ?? SERVER_USER, now: now().toISOString() };
    res.json(await undoImportChanges(crm(), (req.body as { changed?: unknown } | undefined)?.changed, { ctx, access: asking?.access }));
  });
  return router;
}

function fileOptions({ fields }: Upload): ImportFileOptions {
  return { encoding: fields.encoding, sheet: fields.sheet, mapping: fields.mapping === undefined ? undefined : parseMapping(fields.mapping) };
}

export function parseMapping(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw createError('bad_request', `mapping is not valid JSON: ${(error as Error).message}`);
  }
}

export function policyOf(value: unknown): DuplicatePolicy {
  if (value === undefined) return 'fill';
  if (!DUPLICATE_POLICIES.includes(value as DuplicatePolicy)) throw createError('bad_request', `policy must be fill, overwrite or skip, got ${JSON.stringify(value)}`);
  return value as DuplicatePolicy;
}

/** The time zone an export is read in; absent: the server's own. */
function timeZoneOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isTimeZone(value)) throw createError('bad_request', `tz must be a time zone such as Asia/Shanghai, got ${JSON.stringify(value)}`);
  return value;
}
