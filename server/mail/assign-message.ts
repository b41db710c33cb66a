import type { Access } from '../../design/access/acl.js';
import { canCreate, canEdit, canRead } from '../../design/access/document-access.js';
import type { SaveContext } from '../../design/form.js';
import { createError } from '../../engine/errors.js';
import type { Database, StoredDoc } from '../store/store.js';
import { MANAGER_ROLE } from './file-message.js';

export interface Assigned {
  readonly message: StoredDoc;
  readonly contact: StoredDoc;
  /** The message's sender was a new address of the contact, now kept with the others. */
  readonly addressAdded: boolean;
}

/**
 * Files a message under a contact by hand (归档): the message takes the contact's customer and
 * that customer's access, stops being a lead, and the address it came from is added to the
 * contact's addresses when the person may edit the contact, so the next message files itself.
 */
export async function assignMessage(crm: Database, access: Access, messageId: string, contactId: string, ctx: SaveContext): Promise<Assigned> {
  const message = await readable(crm, access, messageId, 'MailMessage', 'message');
  if (!canEdit(access, message)) throw createError('forbidden', 'You may not file this message');
  const contact = await readable(crm, access, contactId, 'Contact', 'contact');
  const customer = typeof contact.customerId === 'string' ? await crm.find(contact.customerId) : null;
  if (!customer || !canRead(access, customer)) throw createError('not_found', `The contact ${contactId} belongs to no customer you may read`);

  const address = message.direction === 'in' ? message.from : Array.isArray(message.to) ? message.to[0] : undefined;
  const emails = Array.isArray(contact.emails) ? contact.emails.map(String) : [];
  const addressAdded = typeof address === 'string' && address !== '' && canEdit(access, contact)
    && !emails.some((e) => e.toLowerCase() === address.toLowerCase());
  const savedContact = addressAdded ? await crm.save({ ...contact, emails: [...emails, address] }, ctx) : contact;
  const owner = list(customer.owner);
  const saved = await crm.save({
    ...message,
    customerId: customer._id,
    customerName: customer.name,
    contactId: contact._id,
    contactName: contact.name,
    lead: false,
    owner: owner.length > 0 ? owner : list(message.owner),
    readers: list(customer.readers),
    authors: [...new Set([...list(customer.authors), ...owner, MANAGER_ROLE])],
  }, ctx);
  return { message: saved, contact: savedContact, addressAdded };
}

/** Makes a contact of the message's sender under a customer (新建联系人), then files the message under it. */
export async function contactFromMessage(crm: Database, access: Access, messageId: string, customerId: string, ctx: SaveContext, name?: string): Promise<Assigned> {
  const message = await readable(crm, access, messageId, 'MailMessage', 'message');
  const customer = await readable(crm, access, customerId, 'Customer', 'customer');
  if (!canCreate(access)) throw createError('forbidden', 'You may not create contacts in this database');
  const address = typeof message.from === 'string' ? message.from : '';
  if (message.direction !== 'in' || address === '') throw createError('bad_request', 'Only a received message with a sender address can become a contact');
  const contactName = (name?.trim() || (typeof message.fromName === 'string' && message.fromName.trim()) || address.slice(0, address.indexOf('@'))).slice(0, 100);
  const contact = await crm.save({ form: 'Contact', name: contactName, customerId: customer._id, customerName: customer.name, emails: [address] }, ctx);
  return assignMessage(crm, access, messageId, contact._id, ctx);
}

async function readable(crm: Database, access: Access, id: string, form: string, what: string): Promise<StoredDoc> {
  const doc = await crm.find(id);
  // Not 403: whether a document the user may not read exists is not theirs to know.
  if (!doc || doc.form !== form || !canRead(access, doc)) throw createError('not_found', `No ${what} ${id}`);
  return doc as StoredDoc;
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
