import ExcelJS from 'exceljs';
import type { Access } from '../../design/access/acl.js';
import { withConfiguredChoices } from '../../design/configured-choices.js';
import type { Doc, FieldDef } from '../../design/form.js';
import type { Lang } from '../../design/label.js';
import { readSettingsFor } from '../store/read-settings.js';
import type { Database } from '../store/store.js';
import { cellText, writeCsv } from './csv-write.js';
import { IMPORT_TARGETS, type ImportTarget } from './import-targets.js';
import { storedDocsOf } from './stored-docs.js';

/** What the export writes: every field the import reads back, the computed ones aside. */
const COLUMNS: readonly ImportTarget[] = IMPORT_TARGETS.filter((target) => target.def.computed === undefined);

/**
 * Every customer `viewer` may read, with every field, one row per contact (its fields beside the
 * customer's) and one for a customer without contacts, under the titles the import recognises
 * ("客户资料：客户名称"), so that the file is a backup that imports back unchanged. Choices by
 * their label, lists joined with "; ", lists of entries (related companies) as JSON.
 */
export async function customerRecordsTable(db: Database, lang: Lang, viewer?: Access): Promise<{ header: string[]; rows: string[][] }> {
  const docs = await storedDocsOf(db, ['Customer', 'Contact'], viewer);
  const settings = await readSettingsFor(db.pouch, [{ form: 'Customer' }, { form: 'Contact' }]);
  const fields = COLUMNS.map((target) => withConfiguredChoices(target.def, settings));
  const byName = (a: Doc, b: Doc) => String(a.name ?? '').localeCompare(String(b.name ?? ''), 'zh') || String(a._id).localeCompare(String(b._id));
  const contactsOf = new Map<string, Doc[]>();
  for (const contact of docs.filter((doc) => doc.form === 'Contact')) {
    const list = contactsOf.get(String(contact.customerId)) ?? [];
    list.push(contact);
    contactsOf.set(String(contact.customerId), list);
  }
  const rows: string[][] = [];
  for (const customer of docs.filter((doc) => doc.form === 'Customer').sort(byName)) {
    for (const contact of (contactsOf.get(customer._id!) ?? [null]).sort((a, b) => (a && b ? byName(a, b) : 0))) {
      rows.push(COLUMNS.map((target, i) => shown(fields[i]!, (target.form === 'Customer' ? customer : contact)?.[target.field], lang)));
    }
  }
  return { header: COLUMNS.map((target) => target.label[lang]), rows };
}

export async function exportCustomerRecordsCsv(db: Database, lang: Lang, viewer?: Access): Promise<string> {
  const { header, rows } = await customerRecordsTable(db, lang, viewer);
  return writeCsv(header, rows);
}

/** The same as an Excel workbook: every cell text, so that codes and phone numbers keep their zeros. */
export async function exportCustomerRecordsXlsx(db: Database, lang: Lang, viewer?: Access): Promise<Uint8Array> {
  return workbookOf(await customerRecordsTable(db, lang, viewer), lang === 'zh' ? '客户资料' : 'Customers');
}

/** A table as a one-sheet workbook of text cells. */
export async function workbookOf({ header, rows }: { header: readonly string[]; rows: readonly string[][] }, sheetName: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  sheet.eachRow((row) => row.eachCell((cell) => (cell.numFmt = '@')));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A field's value as the import reads it back. */
export function shown(field: FieldDef, value: unknown, lang: Lang): string {
  if (value === undefined || value === null) return '';
  if (field.type === 'objects') return Array.isArray(value) && value.length > 0 ? JSON.stringify(value) : '';
  if (field.type === 'choice' && typeof value === 'string') {
    // An open choice may hold a label typed in another language (Referral): it reads, and imports, as that choice.
    const folded = value.toLowerCase();
    const choice = field.choices?.find((c) => c.value === value) ?? field.choices?.find((c) => [c.label.zh, c.label.en].some((label) => label.toLowerCase() === folded));
    return choice?.label[lang] ?? value;
  }
  return cellText(value);
}
