import { extname } from 'node:path';
import type { Access } from '../../design/access/acl.js';
import { decideWrite } from '../../design/access/document-access.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { dealForm } from '../../design/forms/deal.js';
import { createError } from '../../engine/errors.js';
import type { Database } from '../store/store.js';
import { parseCsv } from './csv-import.js';
import { configuredDealColumns, type DealColumn } from './deal-records.js';
import { decodeText } from './decode-text.js';
import type { RejectedRow } from './import-report.js';
import { fieldValue } from './import-values.js';
import { reasonText } from './run-import.js';
import { storedDocsOf } from './stored-docs.js';
import type { Table, TableRow } from './table.js';
import { parseXlsx } from './xlsx-import.js';

export interface DealImportReport {
  readonly rows: number;
  readonly imported: number;
  /** Deals already stored (the same number, or the same name at the same customer): left as they are. */
  readonly skipped: readonly { readonly row: number; readonly title: string }[];
  readonly rejected: readonly RejectedRow[];
}

const CHUNK = 500;

/** Reads a deals' complete export (CSV or .xlsx) back into `db`. */
export async function importDealFile(db: Database, bytes: Uint8Array, filename: string, options: { ctx: SaveContext; access?: Access; encoding?: string }): Promise<DealImportReport> {
  if (bytes.length === 0) throw createError('bad_request', `${filename} is empty`);
  const extension = extname(filename).toLowerCase();
  if (extension === '.xlsx') return importDealRecords(db, await parseXlsx(bytes), options);
  if (extension === '.csv' || extension === '.txt') return importDealRecords(db, parseCsv(decodeText(bytes, options.encoding).text), options);
  throw createError('bad_request', `${filename}: deals are imported from the .csv or .xlsx file their export writes`);
}

/**
 * The rows of a deals' export as deals: consecutive rows with the same deal cells are one deal,
 * each row one of its order lines. The customer is found by its name among those the person may
 * read; a deal already stored is left alone, so importing the same file twice adds nothing.
 */
export async function importDealRecords(db: Database, table: Table, { ctx, access }: { ctx: SaveContext; access?: Access }): Promise<DealImportReport> {
  const columns = columnsOf(table.headers, await configuredDealColumns(db));
  const stored = await storedDocsOf(db, ['Customer', 'Deal'], access);
  const customerByName = new Map<string, Doc>();
  for (const doc of stored) if (doc.form === 'Customer' && !customerByName.has(String(doc.name))) customerByName.set(String(doc.name), doc);
  const storedKeys = new Set(stored.filter((doc) => doc.form === 'Deal').flatMap(dealKeys));

  const rejected: RejectedRow[] = [];
  const skipped: { row: number; title: string }[] = [];
  const pending: { doc: Doc; rows: number[] }[] = [];
  for (const group of dealGroups(table.rows, columns)) {
    const rows = group.map((r) => r.row);
    const deal = valuesOf(group[0]!, columns, 'deal');
    const customer = customerByName.get(String(deal.customerName ?? ''));
    if (!customer) {
      const reason = `没有名为“${String(deal.customerName ?? '')}”的客户 · No customer named "${String(deal.customerName ?? '')}"`;
      rejected.push(...rows.map((row) => ({ row, reason })));
      continue;
    }
    const orderLines = group.map((r) => valuesOf(r, columns, 'line')).filter((line) => Object.keys(line).length > 0);
    const doc: Doc = { form: 'Deal', ...deal, customerId: customer._id!, customerName: customer.name, ...(orderLines.length > 0 ? { orderLines } : {}) };
    if (dealKeys(doc).some((key) => storedKeys.has(key))) {
      skipped.push(...rows.map((row) => ({ row, title: String(doc.name ?? '') })));
      continue;
    }
    const decision = access ? decideWrite(access, null, doc) : { allowed: true as const };
    if (!decision.allowed) rejected.push(...rows.map((row) => ({ row, reason: decision.reason })));
    else pending.push({ doc, rows });
  }
  let imported = 0;
  for (let i = 0; i < pending.length; i += CHUNK) {
    const chunk = pending.slice(i, i + CHUNK);
    const results = await db.saveMany(chunk.map((p) => p.doc), ctx);
    results.forEach((result, n) => {
      if (result.ok) imported++;
      else {
        const reason = reasonText(dealForm.label, { rows: chunk[n]!.rows, reason: result.reason, ...(result.fields ? { fields: result.fields } : {}) });
        rejected.push(...chunk[n]!.rows.map((row) => ({ row, reason, ...(result.fields ? { fields: result.fields } : {}) })));
      }
    });
  }
  return { rows: table.rows.length, imported, skipped, rejected: rejected.sort((a, b) => a.row - b.row) };
}

/** Each title as the export writes it, in Chinese or English; a file without deal names is no deals' export. */
function columnsOf(headers: readonly string[], columns: readonly DealColumn[]): (DealColumn | null)[] {
  const byTitle = new Map(columns.flatMap((column) => [[column.label.zh, column], [column.label.en, column]] as const));
  const found = headers.map((title) => byTitle.get(title.trim()) ?? null);
  if (!found.some((column) => column?.of === 'deal' && column.field === 'name')) {
    throw createError('bad_request', `This is not a deals' export: it has no column ${JSON.stringify(columns[0]!.label.zh)} or ${JSON.stringify(columns[0]!.label.en)}`);
  }
  return found;
}

/** Runs of rows whose deal cells are the same: one deal each. */
function dealGroups(rows: readonly TableRow[], columns: readonly (DealColumn | null)[]): TableRow[][] {
  const dealCells = (row: TableRow) => JSON.stringify(columns.map((column, i) => (column?.of === 'deal' ? (row.cells[i] ?? '') : '')));
  const groups: TableRow[][] = [];
  let last: string | undefined;
  for (const row of rows) {
    const key = dealCells(row);
    if (key === last) groups.at(-1)!.push(row);
    else groups.push([row]);
    last = key;
  }
  return groups;
}

function valuesOf(row: TableRow, columns: readonly (DealColumn | null)[], of: DealColumn['of']): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  columns.forEach((column, i) => {
    if (column?.of !== of) return;
    const value = fieldValue(column.def, row.cells[i] ?? '');
    if (value !== undefined) values[column.field] = value;
  });
  return values;
}

/** How a stored deal is recognised: by its number, else by its name at its customer. */
function dealKeys(doc: Doc): string[] {
  return typeof doc.number === 'string' && doc.number !== '' ? [`number:${doc.number}`] : [`name:${String(doc.customerName ?? '')}\u0000${String(doc.name ?? '')}`];
}
