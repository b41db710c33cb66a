import type { Doc } from '../../design/form.js';
import type { PouchDatabase } from '../store/store.js';

export interface CustomerRef {
  readonly id: string;
  readonly name: string;
  readonly owner: readonly string[];
  readonly readers: readonly string[];
  readonly authors: readonly string[];
}

export interface ContactRef {
  readonly id: string;
  readonly name: string;
  readonly customerId: string;
  readonly customerName: string;
}

/**
 * Who an address belongs to: contacts by each of their `emails`, customers by their
 * `emailDomains`. Kept in memory and brought up to date from the database's changes before
 * each batch of mail is filed, so filing 10,000 messages costs no lookups.
 */
export class AddressBook {
  private readonly contactsByAddress = new Map<string, ContactRef>();
  private readonly customersByDomain = new Map<string, CustomerRef>();
  private readonly customers = new Map<string, CustomerRef>();
  /** What each document last put in the maps, to take it out when it changes. */
  private readonly entries = new Map<string, { readonly keys: readonly string[]; readonly kind: 'contact' | 'customer' }>();
  private since: string | number = 0;

  constructor(private readonly crm: PouchDatabase) {}

  async refresh(): Promise<void> {
    for (;;) {
      const changes = await this.crm.changes({ since: this.since, include_docs: true, limit: 1000 });
      for (const change of changes.results) this.apply(change.id, change.deleted ? undefined : (change.doc as Doc | undefined));
      this.since = changes.last_seq;
      if (changes.results.length < 1000) return;
    }
  }

  contact(address: string): ContactRef | undefined {
    return this.contactsByAddress.get(address.toLowerCase());
  }

  customer(id: string): CustomerRef | undefined {
    return this.customers.get(id);
  }

  /** The customer of `shop.acme.de` may be registered as `acme.de`. */
  customerByAddress(address: string): CustomerRef | undefined {
    let domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
    for (;;) {
      const found = this.customersByDomain.get(domain);
      if (found) return found;
      const dot = domain.indexOf('.');
      if (dot < 0 || domain.indexOf('.', dot + 1) < 0) return undefined;
      domain = domain.slice(dot + 1);
    }
  }

  private apply(id: string, doc: Doc | undefined): void {
    const previous = this.entries.get(id);
    if (previous) {
      const map = previous.kind === 'contact' ? this.contactsByAddress : this.customersByDomain;
      for (const key of previous.keys) if (map.get(key)?.id === id) map.delete(key);
      this.customers.delete(id);
      this.entries.delete(id);
    }
    if (doc?.form === 'Contact' && typeof doc.customerId === 'string') {
      const contact: ContactRef = { id, name: String(doc.name ?? ''), customerId: doc.customerId, customerName: String(doc.customerName ?? '') };
      const keys = texts(doc.emails).map((e) => e.toLowerCase());
      for (const key of keys) this.contactsByAddress.set(key, contact);
      this.entries.set(id, { keys, kind: 'contact' });
    } else if (doc?.form === 'Customer') {
      const customer: CustomerRef = { id, name: String(doc.name ?? ''), owner: texts(doc.owner), readers: texts(doc.readers), authors: texts(doc.authors) };
      const keys = texts(doc.emailDomains).map((d) => d.toLowerCase().replace(/^@/, ''));
      for (const key of keys) this.customersByDomain.set(key, customer);
      this.customers.set(id, customer);
      this.entries.set(id, { keys, kind: 'customer' });
    }
  }
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
}
