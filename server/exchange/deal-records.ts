import type { Access } from '../../design/access/acl.js';
import { withConfiguredChoices } from '../../design/configured-choices.js';
import type { Doc, FieldDef } from '../../design/form.js';
import { dealForm } from '../../design/forms/deal.js';
import type { Label, Lang } from '../../design/label.js';
import { readSettingsFor } from '../store/read-settings.js';
import type { Database } from '../store/store.js';
import { writeCsv } from './csv-write.js';
import { shown, workbookOf } from './records-export.js';
import { storedDocsOf } from './stored-docs.js';

/** A column of the deals' complete export: a deal's field, or a field of one of its order lines. */
export interface DealColumn {
  readonly of: 'deal' | 'line';
  readonly field: string;
  readonly def: FieldDef;
  readonly label: Label;
}

const LINES = dealForm.fields.orderLines;
// The customer is named by customerName and found again by it; wonDate is computed only when not given.
const LEFT_OUT = new Set(['orderLines', 'customerId']);

export const DEAL_COLUMNS: readonly DealColumn[] = [
  ...Object.entries<FieldDef>(dealForm.fields)
    .filter(([field, def]) => !LEFT_OUT.has(field) && (def.computed === undefined || field === 'wonDate'))
    .map(([field, def]): DealColumn => ({ of: 'deal', field, def, label: { zh: `${dealForm.label.zh}：${def.label.zh}`, en: `${dealForm.label.en}: ${def.label.en}` } })),
  ...Object.entries(LINES.columns!).map(([field, def]): DealColumn => ({ of: 'line', field, def, label: { zh: `${LINES.label.zh}：${def.label.zh}`, en: `${LINES.label.en}: ${def.label.en}` } })),
];

/** The columns with the stage names the company configured, as export and import both read them. */
export async function configuredDealColumns(db: Database): Promise<DealColumn[]> {
  const settings = await readSettingsFor(db.pouch, [{ form: 'Deal' }]);
  return DEAL_COLUMNS.map((column) => ({ ...column, def: withConfiguredChoices(column.def, settings) }));
}

/**
 * Every deal `viewer` may read, with every field, one row per order line (the deal's fields
 * repeated beside each line) and one row for a deal without lines; a deal's rows follow each
 * other, which is how the import puts its lines back together. Competitors, deliveries, payments
 * and the other lists of entries are JSON cells, as in the customers' export.
 */
export async function dealRecordsTable(db: Database, lang: Lang, viewer?: Access): Promise<{ header: string[]; rows: string[][] }> {
  const columns = await configuredDealColumns(db);
  const deals = (await storedDocsOf(db, ['Deal'], viewer)).sort((a, b) =>
    String(a.customerName ?? '').localeCompare(String(b.customerName ?? ''), 'zh') || String(a.number ?? '').localeCompare(String(b.number ?? '')) || String(a._id).localeCompare(String(b._id)));
  const rows: string[][] = [];
  for (const deal of deals) {
    const lines = Array.isArray(deal.orderLines) && deal.orderLines.length > 0 ? (deal.orderLines as Doc[]) : [null];
    for (const line of lines) rows.push(columns.map((column) => shown(column.def, (column.of === 'deal' ? deal : line)?.[column.field], lang)));
  }
  return { header: columns.map((column) => column.label[lang]), rows };
}

export async function exportDealRecordsCsv(db: Database, lang: Lang, viewer?: Access): Promise<string> {
  const { header, rows } = await dealRecordsTable(db, lang, viewer);
  return writeCsv(header, rows);
}

/** Every cell text, so that contract numbers keep their zeros. */
export async function exportDealRecordsXlsx(db: Database, lang: Lang, viewer?: Access): Promise<Uint8Array> {
  return workbookOf(await dealRecordsTable(db, lang, viewer), lang === 'zh' ? '业务' : 'Deals');
}
