import type { Doc, FormDef } from './form.js';

/**
 * What a record opened from a customer (a deal, an activity, a complaint) takes from it: the link,
 * the customer's owner where the form has one, and the customer's readers, so that a record about
 * a restricted customer is restricted alike and a deal does not land in the public pool.
 */
export function valuesFromCustomer(child: FormDef, customer: Doc, title: unknown): Doc {
  const owner = Array.isArray(customer.owner) ? customer.owner.map(String) : [];
  const readers = Array.isArray(customer.readers) ? customer.readers.map(String) : [];
  return {
    customerId: customer._id,
    customerName: typeof title === 'string' ? title : undefined,
    ...('owner' in child.fields && owner.length > 0 ? { owner } : {}),
    ...(readers.length > 0 ? { readers } : {}),
  };
}
