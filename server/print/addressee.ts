import type { Doc } from '../../design/form.js';

/** What an address label shows; label-lines.ts orders it as the destination country's post reads it. */
export interface LabelAddress {
  readonly postcode: string;
  readonly address: string;
  readonly customerName: string;
  readonly department: string;
  readonly contactName: string;
  /** As written on the customer (德国, Germany, DE); none is the home country. */
  readonly country?: string;
  readonly city?: string;
  readonly province?: string;
}

/** A label's address and what the phone list adds to it. */
export interface Addressee extends LabelAddress {
  readonly phone: string;
  readonly mobile: string;
  readonly fax: string;
  readonly email: string;
}

/**
 * Whom a document is addressed to: a contact (or a deal) at its customer's address, or a customer
 * itself for the attention of its first contact. `customer` is the document named by
 * `doc.customerId`, when there is one.
 */
export function addresseeOf(doc: Doc, customer: Doc | null, firstContact: Doc | null = null): Addressee {
  const company = doc.form === 'Customer' ? doc : customer;
  const contact = doc.form === 'Contact' ? doc : doc.form === 'Customer' ? firstContact : null;
  const emails = contact ? list(contact.emails) : [];
  return {
    postcode: text(company?.postcode),
    address: text(company?.address),
    customerName: text(company?.name) || text(doc.customerName),
    department: text(contact?.department),
    contactName: text(contact?.name),
    country: text(company?.country),
    city: text(company?.city),
    province: text(company?.province),
    phone: text(contact?.phone) || text(company?.phone),
    mobile: text(contact?.mobile),
    fax: text(company?.fax),
    email: emails[0] ?? text(company?.email),
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
}
