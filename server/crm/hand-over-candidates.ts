import type { Doc } from '../../design/form.js';
import { activitiesByOwner } from '../../views/crm/activities.js';
import { customersByOwner } from '../../views/crm/customers.js';
import { dealsByOwner } from '../../views/crm/deals.js';
import type { Database } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import type { HandOverScope } from './hand-over.js';

/** Everything filed under these people in the views by owner: their customers, deals and activities. */
async function ownedBy(crm: Database, owners: readonly string[], viewIds: readonly string[]): Promise<Doc[]> {
  if (owners.length === 0) return [];
  const lists = await Promise.all(viewIds.map((viewId) => docsOfView(crm, viewId, (title) => typeof title === 'string' && owners.includes(title))));
  return lists.flat();
}

/**
 * The records a hand-over may move, read by id and through the views by owner instead of the whole
 * database (a customer's deals and activities move only when its owners had them, so they are
 * among its owners' records); `hand-over.ts` decides which of them move. `customer`: the customer
 * handed over, when that is the scope.
 */
export async function handOverCandidates(crm: Database, scope: HandOverScope): Promise<{ docs: Doc[]; customer: Doc | null }> {
  let docs: Doc[];
  let customer: Doc | null = null;
  if ('dealId' in scope) {
    docs = [await crm.find(scope.dealId)].filter((doc) => doc !== null);
  } else if ('customerId' in scope) {
    customer = await crm.find(scope.customerId);
    if (customer?.form !== 'Customer') customer = null;
    const owners = Array.isArray(customer?.owner) ? customer.owner.map(String) : [];
    docs = [...(customer ? [customer] : []), ...(await ownedBy(crm, owners, [dealsByOwner.id, activitiesByOwner.id])).filter((doc) => doc.customerId === scope.customerId)];
  } else {
    docs = await ownedBy(crm, [scope.from], [customersByOwner.id, dealsByOwner.id, activitiesByOwner.id]);
  }
  const byId = new Map(docs.map((doc) => [doc._id, doc]));
  return { docs: [...byId.values()], customer };
}
