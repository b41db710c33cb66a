import ExcelJS from 'exceljs';
import { createError } from '../../engine/errors.js';
import { tableOf, type Table } from './table.js';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];

/** The first worksheet (or the one named) of an Excel .xlsx workbook, cells as the text Excel shows. */
export async function parseXlsx(bytes: Uint8Array, sheetName?: string): Promise<Table & { readonly sheet: string; readonly sheets: readonly string[] }> {
  if (startsWith(bytes, OLE2)) throw createError('bad_request', 'This is an Excel 97–2003 workbook (.xls); save it as .xlsx or CSV and try again');
  if (!startsWith(bytes, ZIP)) throw createError('bad_request', 'The file is not an Excel .xlsx workbook (an .xlsx file is a ZIP archive); save it as .xlsx or CSV and try again');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw createError('bad_request', `The workbook cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sheets = workbook.worksheets.map((sheet) => sheet.name);
  const sheet = sheetName === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!sheet) throw createError('bad_request', sheetName === undefined ? 'The workbook has no worksheet' : `The workbook has no worksheet ${JSON.stringify(sheetName)}; it has ${sheets.join(', ')}`);
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    records[rowNumber - 1] = Array.from(cells, (cell) => cell ?? '');
  });
  return { ...tableOf(Array.from(records, (record) => record ?? [])), sheet: sheet.name, sheets };
}

/** What a cell shows: a formula's result, rich text's text, a hyperlink's text, a date as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDate(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  // An error value (#N/A, #REF!) stands for no value.
  return '';
}

/** Excel keeps dates as days without a zone; ExcelJS hands them over as UTC midnight. */
function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}
