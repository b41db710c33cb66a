import { createHash } from 'node:crypto';
import type { Doc, SaveContext } from '../../design/form.js';
import { countryCode } from '../../design/reference/countries.js';
import type { Database } from '../store/store.js';
import type { AddressBook } from './address-book.js';
import type { Routing } from './apply-rules.js';
import type { PlatformInquiry } from './b2b-inquiry.js';

/**
 * The buyers of platform inquiries (and the visitors of the company's website) as contacts, so
 * each inquiry is filed under a person and not a platform's robot address: an address no contact
 * has becomes a new potential customer (source B2B platform or website) with that contact, owned
 * by the salesperson the rules name or, with none, in the public pool. Ids come from the address,
 * so the buyer's second inquiry, or another server filing the same one, finds them and makes no
 * twin. One write for a batch of mail.
 */
export async function ensureInquiryContacts(crm: Database, book: AddressBook, inquiries: readonly { inquiry: PlatformInquiry; routing: Routing }[], ctx: SaveContext, source: 'b2b' | 'website' = 'b2b'): Promise<void> {
  const docs = new Map<string, Doc>();
  for (const { inquiry, routing } of inquiries) {
    const email = inquiry.buyer.email;
    if (!email || book.contact(email) || book.customerByAddress(email)) continue;
    const key = `${source === 'b2b' ? 'b2b' : 'web'}-${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32)}`;
    if (docs.has(`contact-${key}`)) continue;
    const { buyer } = inquiry;
    const personName = buyer.name ?? email.slice(0, email.indexOf('@'));
    const customerName = (buyer.company ?? personName).slice(0, 200);
    const customerId = `customer-${key}`;
    // A country the platform names in a way no list knows is kept in the notes, not lost with the customer.
    const country = buyer.country ? countryCode(buyer.country) : undefined;
    const details = [buyer.product && `产品 Product: ${buyer.product}`, buyer.quantity && `数量 Quantity: ${buyer.quantity}`, buyer.country && !country && `国家 Country: ${buyer.country}`].filter(Boolean).join('\n');
    docs.set(customerId, {
      _id: customerId, form: 'Customer', name: customerName, category: 'potential', source,
      ...(country ? { country } : {}),
      owner: [...routing.owner], tags: [inquiry.platform],
      notes: `${inquiry.platform} 询盘 inquiry${details ? `\n${details}` : ''}`,
    });
    docs.set(`contact-${key}`, {
      _id: `contact-${key}`, form: 'Contact', name: personName.slice(0, 100), customerId, customerName, emails: [email],
      ...(buyer.language ? { language: buyer.language } : {}),
    });
  }
  if (docs.size === 0) return;
  // Conflicts mean the buyer was filed a moment ago; either way the book now knows them.
  await crm.saveMany([...docs.values()], ctx);
  await book.refresh();
}
