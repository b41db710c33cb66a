import type { Doc } from '../../design/form.js';
import type { Store } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';

/** A confirmed subscriber of a list: the address they confirmed, and the contact it belongs to (for the greeting). */
export interface Subscriber {
  /** What their message is keyed by in a mailing: the subscription, so a contact's second address gets its own. */
  readonly key: string;
  readonly address: string;
  readonly contact: Doc & { _id: string };
}

/** Those who confirmed their subscription to `list` (double opt-in); pending sign-ups are not in it. */
export async function subscribersOf(store: Store, list: string): Promise<Subscriber[]> {
  const crm = store.database('crm');
  const subscriptions = (await docsOfView(crm, 'subscriptions-by-list', (title) => title === list)).filter((s) => s.list === list && typeof s.address === 'string');
  const ids = subscriptions.flatMap((s) => (typeof s.contactId === 'string' ? [s.contactId] : []));
  const { rows } = ids.length > 0 ? await crm.pouch.allDocs({ keys: ids, include_docs: true }) : { rows: [] };
  const contacts = new Map(rows.flatMap((row) => ('doc' in row && row.doc?.form === 'Contact' ? [[row.key, row.doc as Doc & { _id: string }]] : [])));
  return subscriptions.map((s) => ({
    key: s._id,
    address: String(s.address).toLowerCase(),
    // A contact removed since keeps the subscription: the message greets the name they gave.
    contact: contacts.get(String(s.contactId)) ?? { _id: s._id, name: s.contactName },
  }));
}
