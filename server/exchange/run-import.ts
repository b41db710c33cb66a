import type { Access } from '../../design/access/acl.js';
import type { Doc, FieldError } from '../../design/form.js';
import { contactForm } from '../../design/forms/contact.js';
import { customerForm } from '../../design/forms/customer.js';
import type { Label } from '../../design/label.js';
import type { Database } from '../store/store.js';
import { DuplicateIndex, recordKeys, type RecordKeys } from './find-duplicates.js';
import type { ImportRecord } from './import-records.js';
import type { ImportReport, RejectedRow } from './import-report.js';
import { importTarget } from './import-targets.js';
import { PendingWrites, type PendingOptions, type SaveFailure } from './pending-writes.js';
import { storedDocsOf } from './stored-docs.js';

export type ImportOptions = PendingOptions;

const NO_CUSTOMER = '没有客户名称：联系人必须属于一个客户 · No customer name: a contact must belong to a customer';
const NO_CONTACT_NAME = '联系人没有姓名，联系人的字段未导入 · The contact has no name; its fields were not imported';
const CUSTOMER_NOT_SAVED = '联系人的客户未能保存 · The contact’s customer could not be saved';

/**
 * Imports rows of customers and contacts into `db`: customers first (each row's customer is
 * matched against the stored ones and the rows before it, by name, e-mail or phone, then merged
 * or skipped as the policy says), then the contacts, linked to their row's customer. Every
 * document is saved through the store, so validation runs; what it refuses becomes a rejected row.
 */
export async function importRecords(db: Database, records: readonly ImportRecord[], { policy, ctx, access }: ImportOptions): Promise<ImportReport> {
  const stored = await storedCustomersAndContacts(db, access);
  const rejected = new Map<number, RejectedRow>();
  const reject = (row: number, reason: string, fields?: readonly FieldError[]) => {
    if (!rejected.has(row)) rejected.set(row, fields ? { row, reason, fields } : { row, reason });
  };

  const customerIndex = new DuplicateIndex();
  for (const doc of stored.customers.values()) customerIndex.add(doc._id!, customerKeys(doc));
  const customers = new PendingWrites('Customer', stored.customers, customerIndex, { policy, ctx, access });
  const customerOfRow = new Map<number, string>();
  for (const record of records) {
    if (typeof record.customer?.name !== 'string') reject(record.row, NO_CUSTOMER);
    else customerOfRow.set(record.row, customers.place(record.row, record.customer, customerKeys(record.customer)));
  }
  const failed = new Set<string>();
  const noteFailures = (form: string, label: Label, failures: readonly SaveFailure[]) => {
    for (const failure of failures) {
      for (const row of failure.rows) {
        failed.add(`${form}:${row}`);
        reject(row, reasonText(label, failure), failure.fields);
      }
    }
  };
  noteFailures('Customer', customerForm.label, await customers.save(db));

  const contactIndex = new DuplicateIndex();
  for (const doc of stored.contacts.values()) contactIndex.add(doc._id!, contactKeys(doc));
  const contacts = new PendingWrites('Contact', stored.contacts, contactIndex, { policy, ctx, access });
  for (const record of records) {
    const customerId = customerOfRow.get(record.row);
    if (!record.contact || customerId === undefined || rejected.has(record.row)) continue;
    if (!customers.has(customerId)) reject(record.row, CUSTOMER_NOT_SAVED);
    else if (typeof record.contact.name !== 'string') reject(record.row, NO_CONTACT_NAME);
    else {
      const fields = { ...record.contact, customerId, customerName: customers.doc(customerId)!.name };
      contacts.place(record.row, fields, contactKeys(fields));
    }
  }
  noteFailures('Contact', contactForm.label, await contacts.save(db));

  const duplicates = [...customers.duplicates, ...contacts.duplicates].filter((d) => !failed.has(`${d.form}:${d.row}`));
  return {
    rows: records.length,
    imported: customers.createdCount + contacts.createdCount,
    merged: duplicates.filter((d) => d.action === 'merged').length,
    skipped: duplicates.filter((d) => d.action === 'skipped').length,
    rejected: [...rejected.values()].sort((a, b) => a.row - b.row),
    duplicates: duplicates.sort((a, b) => a.row - b.row),
    notKept: records.flatMap((r) => (r.notKept?.length ? [{ row: r.row, title: String(r.contact?.name ?? r.customer?.name ?? ''), items: r.notKept }] : [])),
    changed: [
      ...customers.changedRecords((field) => importTarget(`customer.${field}`)?.def.label ?? { zh: field, en: field }),
      ...contacts.changedRecords((field) => importTarget(`contact.${field}`)?.def.label ?? { zh: field, en: field }),
    ],
  };
}

function customerKeys(doc: Record<string, unknown>): RecordKeys {
  return recordKeys(doc.name, [doc.email], [doc.phone]);
}

/** A contact's name identifies it only within its customer: two companies may each have a 王伟. */
function contactKeys(doc: Record<string, unknown>): RecordKeys {
  return recordKeys(doc.name, Array.isArray(doc.emails) ? doc.emails : [], [doc.phone, doc.mobile], String(doc.customerId ?? ''));
}

/** The field messages in both languages when validation refused, else the store's reason. */
export function reasonText(form: Label, failure: SaveFailure): string {
  if (!failure.fields || failure.fields.length === 0) return `${form.zh} · ${form.en}: ${failure.reason}`;
  return `${form.zh}：${failure.fields.map((f) => f.message.zh).join('；')} · ${form.en}: ${failure.fields.map((f) => f.message.en).join('; ')}`;
}

async function storedCustomersAndContacts(db: Database, access: Access | undefined): Promise<{ customers: Map<string, Doc>; contacts: Map<string, Doc> }> {
  const docs = await storedDocsOf(db, ['Customer', 'Contact'], access);
  return {
    customers: new Map(docs.filter((doc) => doc.form === 'Customer').map((doc) => [doc._id!, doc])),
    contacts: new Map(docs.filter((doc) => doc.form === 'Contact').map((doc) => [doc._id!, doc])),
  };
}
