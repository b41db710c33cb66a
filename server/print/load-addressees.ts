import type { Access } from '../../design/access/acl.js';
import type { Doc } from '../../design/form.js';
import { createError } from '../../engine/errors.js';
import type { ViewPageRequest } from '../../engine/view-page.js';
import { docsByIds, storedDocsOf } from '../exchange/stored-docs.js';
import type { Database } from '../store/store.js';
import { addresseeOf, type Addressee } from './addressee.js';
import { YIELD_EVERY, type JobControl } from './pdf-output.js';
import { readViewDocuments } from './read-view-rows.js';

/**
 * The addressees of these documents, in the order given; an id that does not exist (or that the
 * viewer may not read) is an error, not a missing label.
 */
export async function addresseesByIds(db: Database, ids: readonly string[], viewer?: Access): Promise<Addressee[]> {
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id !== '')) {
    throw createError('bad_request', 'docIds must be a non-empty list of document ids');
  }
  const docs = await docsByIds(db, ids, viewer);
  const missing = ids.filter((id) => !docs.has(id));
  if (missing.length > 0) {
    const ids = missing.slice(0, 10).join(', ');
    const more = missing.length - 10;
    throw createError('not_found', `${db.name} 中没有文档 ${ids}${more > 0 ? ` 等（另有 ${more} 个）` : ''} · No document ${ids}${more > 0 ? ` and ${more} more` : ''} in ${db.name}`);
  }
  return withCustomers(db, ids.map((id) => docs.get(id)!), viewer);
}

/**
 * A view's documents in view order (optionally one category's), each with its addressee and
 * category path. While the view is read, `control` hears how many documents so far (of a total of
 * 0: not known yet), and a cancelled job stops.
 */
export async function addresseesOfView(db: Database, viewId: string, request: ViewPageRequest = {}, category: readonly string[] = [], viewer?: Access, control: JobControl = {}): Promise<{ addressee: Addressee; categories: readonly string[] }[]> {
  const placed = [];
  for await (const entry of readViewDocuments(db, viewId, { ...request, expandAll: true, toggled: [] }, category, viewer)) {
    placed.push(entry);
    if (placed.length % YIELD_EVERY === 0) {
      control.onProgress?.(placed.length, 0);
      control.signal?.throwIfAborted();
    }
  }
  const ids = placed.map((entry) => entry.row.id);
  const docs = await docsByIds(db, ids, viewer);
  // A document deleted between reading the view and reading it is no longer anyone's address.
  const present = placed.filter((entry) => docs.has(entry.row.id));
  const addressees = await withCustomers(db, present.map((entry) => docs.get(entry.row.id)!), viewer);
  return present.map((entry, i) => ({ addressee: addressees[i]!, categories: entry.categories }));
}

/**
 * Adds each document's customer, fetched in batches; documents that name none and are no customer
 * have no address. A customer the viewer may not read gives no address either.
 */
async function withCustomers(db: Database, docs: readonly Doc[], viewer: Access | undefined): Promise<Addressee[]> {
  const homeless = docs.filter((doc) => doc.form !== 'Customer' && typeof doc.customerId !== 'string');
  if (homeless.length > 0) {
    const named = homeless.slice(0, 5).map((doc) => `${doc._id} (${doc.form ?? 'no form'})`).join(', ');
    throw createError('bad_request', `只有客户和注明了客户的文档才有地址，这些文档没有：${named} · Only customers, and documents that name a customer, have an address; not ${named}`);
  }
  const customerIds = [...new Set(docs.flatMap((doc) => (doc.form !== 'Customer' && typeof doc.customerId === 'string' ? [doc.customerId] : [])))];
  const customers = await docsByIds(db, customerIds, viewer);
  const contacts = docs.some((doc) => doc.form === 'Customer') ? await firstContacts(db, viewer) : new Map<string, Doc>();
  return docs.map((doc) => addresseeOf(doc, typeof doc.customerId === 'string' ? customers.get(doc.customerId) ?? null : null, contacts.get(doc._id!) ?? null));
}

/** Each customer's first contact (the one entered first, then by name): whom a label to the customer is for. */
async function firstContacts(db: Database, viewer: Access | undefined): Promise<Map<string, Doc>> {
  const first = new Map<string, Doc>();
  for (const contact of await storedDocsOf(db, ['Contact'], viewer)) {
    if (typeof contact.customerId !== 'string') continue;
    const current = first.get(contact.customerId);
    const key = (doc: Doc) => `${String(doc.created ?? '')}\u0000${String(doc.name ?? '')}`;
    if (!current || key(contact) < key(current)) first.set(contact.customerId, contact);
  }
  return first;
}
