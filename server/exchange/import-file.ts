import { extname } from 'node:path';
import type { Label } from '../../design/label.js';
import { createError } from '../../engine/errors.js';
import type { Database } from '../store/store.js';
import { parseCsv } from './csv-import.js';
import { decodeText } from './decode-text.js';
import { recordsFromTable, resolveMapping, type ImportRecord } from './import-records.js';
import type { ImportReport } from './import-report.js';
import { IMPORT_TARGETS, importTarget } from './import-targets.js';
import { importRecords, type ImportOptions } from './run-import.js';
import { recordsFromVCards } from './vcard-import.js';
import { parseXlsx } from './xlsx-import.js';

export interface ImportFileOptions {
  /** The text encoding when guessing is not wanted: `gbk`, `big5`, … (CSV and vCard). */
  readonly encoding?: string;
  /** The worksheet of a workbook; the first when not given. */
  readonly sheet?: string;
  /** Changes to the guessed column mapping, see `resolveMapping`. */
  readonly mapping?: unknown;
}

/** How a file was read. */
export interface ImportFileInfo {
  readonly name: string;
  readonly format: 'csv' | 'xlsx' | 'vcard';
  readonly encoding?: string;
  readonly delimiter?: string;
  readonly sheet?: string;
  readonly sheets?: readonly string[];
}

export interface MappedColumn {
  /** `#1` for the first column. */
  readonly column: string;
  readonly header: string;
  readonly target: string | null;
  readonly label: Label | null;
}

export interface ImportPreview {
  readonly file: ImportFileInfo;
  /** Empty for vCard files, whose fields are fixed. */
  readonly columns: readonly MappedColumn[];
  readonly rowCount: number;
  /** The first rows as they would be imported. */
  readonly rows: readonly ImportRecord[];
  readonly targets: readonly { readonly key: string; readonly label: Label }[];
}

const PREVIEW_ROWS = 10;

/** Reads a file without saving anything: the mapping the import would use and its first rows. */
export async function previewImport(bytes: Uint8Array, filename: string, options: ImportFileOptions = {}): Promise<ImportPreview> {
  const { file, columns, records } = await readImportFile(bytes, filename, options);
  return {
    file, columns, rowCount: records.length, rows: records.slice(0, PREVIEW_ROWS),
    targets: IMPORT_TARGETS.map((target) => ({ key: target.key, label: target.label })),
  };
}

/** Reads a file and imports its rows into `db`. */
export async function importFile(db: Database, bytes: Uint8Array, filename: string, options: ImportFileOptions & ImportOptions): Promise<{ file: ImportFileInfo; report: ImportReport }> {
  const { file, records } = await readImportFile(bytes, filename, options);
  return { file, report: await importRecords(db, records, options) };
}

async function readImportFile(bytes: Uint8Array, filename: string, options: ImportFileOptions): Promise<{ file: ImportFileInfo; columns: MappedColumn[]; records: ImportRecord[] }> {
  if (bytes.length === 0) throw createError('bad_request', `${filename} is empty`);
  const extension = extname(filename).toLowerCase();
  switch (extension) {
    case '.csv':
    case '.txt':
    case '.tsv': {
      const { text, encoding } = decodeText(bytes, options.encoding);
      const table = parseCsv(text);
      const mapping = resolveMapping(table.headers, options.mapping);
      return { file: { name: filename, format: 'csv', encoding, delimiter: table.delimiter }, columns: mapped(table.headers, mapping), records: recordsFromTable(table, mapping) };
    }
    case '.xlsx': {
      const table = await parseXlsx(bytes, options.sheet);
      const mapping = resolveMapping(table.headers, options.mapping);
      return { file: { name: filename, format: 'xlsx', sheet: table.sheet, sheets: table.sheets }, columns: mapped(table.headers, mapping), records: recordsFromTable(table, mapping) };
    }
    case '.vcf':
    case '.vcard': {
      const { text, encoding } = decodeText(bytes, options.encoding);
      return { file: { name: filename, format: 'vcard', encoding }, columns: [], records: recordsFromVCards(text) };
    }
    case '.xls':
      throw createError('bad_request', `${filename} is an Excel 97–2003 workbook; save it as .xlsx or CSV and try again`);
    default:
      throw createError('bad_request', `${filename}: import reads .csv, .txt, .tsv, .xlsx and .vcf files`);
  }
}

function mapped(headers: readonly string[], mapping: readonly (string | null)[]): MappedColumn[] {
  return headers.map((header, i) => {
    const target = mapping[i] ?? null;
    return { column: `#${i + 1}`, header, target, label: target === null ? null : importTarget(target)!.label };
  });
}
