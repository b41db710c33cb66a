import type { AddressBook, ContactRef, CustomerRef } from './address-book.js';
import type { Routing } from './apply-rules.js';

/** Where a message is filed and who may see it: the items it adds to its document. */
export interface Filing {
  readonly customerId?: string;
  readonly customerName?: string;
  readonly contactId?: string;
  readonly contactName?: string;
  readonly lead: boolean;
  readonly owner: readonly string[];
  readonly readers: readonly string[];
  readonly authors: readonly string[];
}

/** Managers see and steer every customer, lead or not. */
export const MANAGER_ROLE = '[Manager]';

/**
 * Files a message under the first of its counterpart addresses (the sender of received mail, the
 * recipients of sent mail) that a contact has, else whose domain a customer has; with neither, it
 * is a new lead for the salesperson the rules name (or the account's default), or for anyone.
 * A filed message takes its customer's access; the rules' salesperson may read it too.
 */
export function fileMessage(counterparts: readonly string[], book: AddressBook, routing: Routing, defaultOwner: readonly string[] = []): Filing {
  let contact: ContactRef | undefined;
  let customer: CustomerRef | undefined;
  for (const address of counterparts) {
    contact = book.contact(address);
    customer = contact ? book.customer(contact.customerId) : undefined;
    if (contact) break;
  }
  for (const address of counterparts) {
    if (customer || contact) break;
    customer = book.customerByAddress(address);
  }
  if (contact && !customer) {
    // The contact names a customer this server cannot see (not replicated yet, or removed): the
    // message still goes to the contact; with no customer access to copy, the salesperson and managers keep it.
    const owner = routing.owner.length > 0 ? routing.owner : defaultOwner;
    return {
      customerId: contact.customerId, customerName: contact.customerName, contactId: contact.id, contactName: contact.name,
      lead: false, owner, readers: [], authors: unique([...owner, MANAGER_ROLE]),
    };
  }
  if (customer) {
    const owner = customer.owner.length > 0 ? customer.owner : routing.owner;
    const readers = customer.readers.length === 0 ? [] : unique([...customer.readers, ...routing.owner]);
    return {
      customerId: customer.id,
      customerName: customer.name,
      ...(contact ? { contactId: contact.id, contactName: contact.name } : {}),
      lead: false,
      owner,
      readers,
      authors: unique([...customer.authors, ...owner, MANAGER_ROLE]),
    };
  }
  const owner = routing.owner.length > 0 ? routing.owner : defaultOwner;
  // A routed lead is the salesperson's (and the managers'); an unrouted one is anyone's to take.
  return { lead: true, owner, readers: owner.length > 0 ? unique([...owner, MANAGER_ROLE]) : [], authors: unique([...owner, MANAGER_ROLE]) };
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
