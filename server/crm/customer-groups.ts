import type { Database, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';

/** The customers in any of `groups` (the view's categories), each once. */
export async function customersOfGroups(crm: Database, groups: readonly string[]): Promise<StoredDoc[]> {
  if (groups.length === 0) return [];
  const docs = await docsOfView(crm, 'customers-by-group', (title) => typeof title === 'string' && groups.includes(title));
  return docs.filter((doc, i) => doc.form === 'Customer' && docs.findIndex((other) => other._id === doc._id) === i);
}

/** The contacts of the customers in any of `groups`, read under their customers' names. */
export async function contactsOfGroups(crm: Database, groups: readonly string[]): Promise<StoredDoc[]> {
  const customers = await customersOfGroups(crm, groups);
  if (customers.length === 0) return [];
  const ids = new Set(customers.map((c) => c._id));
  const names = new Set(customers.map((c) => c.name));
  const contacts = await docsOfView(crm, 'contacts-by-customer', (title) => names.has(title));
  return contacts.filter((contact) => contact.form === 'Contact' && ids.has(String(contact.customerId)));
}

/** The group names customers carry. */
export async function groupsInUse(crm: Database): Promise<Set<string>> {
  const { rows } = await crm.view('customers-by-group', { expandAll: false, limit: 10_000 });
  return new Set(rows.flatMap((row) => (row.kind === 'category' && typeof row.title === 'string' ? [row.title] : [])));
}
