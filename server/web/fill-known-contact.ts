import type { SaveContext } from '../../design/form.js';
import { countryCode } from '../../design/reference/countries.js';
import { updateDoc } from '../crm/update-doc.js';
import type { AddressBook } from '../mail/address-book.js';
import type { Database } from '../store/store.js';
import type { WebInquiry } from './web-fields.js';

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/**
 * An inquiry from an address the CRM knows merges into its contact and customer: what the visitor
 * gave that they lack (the customer's country, the contact's language) is filled in; nothing they
 * hold is overwritten, whatever the form says, since a salesperson entered it.
 */
export async function fillKnownContact(crm: Database, book: AddressBook, inquiry: WebInquiry, ctx: SaveContext): Promise<void> {
  const contact = book.contact(inquiry.email);
  const customerId = contact?.customerId || book.customerByAddress(inquiry.email)?.id;
  const country = inquiry.country ? countryCode(inquiry.country) : undefined;
  if (contact) {
    await updateDoc(crm, contact.id, (doc) => (isEmpty(doc.language) ? { ...doc, language: inquiry.language } : null), () => ctx);
  }
  if (customerId && country) {
    await updateDoc(crm, customerId, (doc) => (doc.form === 'Customer' && isEmpty(doc.country) ? { ...doc, country } : null), () => ctx);
  }
}
