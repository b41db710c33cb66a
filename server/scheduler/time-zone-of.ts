import { COMPANY_TIME_ZONE } from '../../design/forms/time-zones.js';
import type { Doc } from '../../design/form.js';
import type { Database } from '../store/store.js';

/** Where a contact is: their own time zone, else their company's, else the company's own. */
export async function timeZoneOf(crm: Database, about: { readonly contactId?: unknown; readonly customerId?: unknown }, known: { contact?: Doc | null; customer?: Doc | null } = {}): Promise<string> {
  const contact = known.contact !== undefined ? known.contact : typeof about.contactId === 'string' ? await crm.find(about.contactId) : null;
  if (typeof contact?.timeZone === 'string' && contact.timeZone !== '') return contact.timeZone;
  const customerId = typeof about.customerId === 'string' ? about.customerId : contact?.customerId;
  const customer = known.customer !== undefined ? known.customer : typeof customerId === 'string' ? await crm.find(customerId) : null;
  return typeof customer?.timeZone === 'string' && customer.timeZone !== '' ? customer.timeZone : COMPANY_TIME_ZONE;
}
