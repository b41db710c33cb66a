import type { Doc, SaveContext } from '../../design/form.js';
import type { Database, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import { customersOfGroups, groupsInUse } from '../crm/customer-groups.js';

/**
 * Turns each queued batch into one queued Fax per customer with a fax number (the Customer's
 * `fax`) among its groups' customers and those it names by id, with ids derived from the batch and
 * the customer, so each is made once. A batch naming an id that is no customer goes back to its
 * writer as a draft with the reason: a group's name typed as a customer once faxed nobody of it.
 */
export async function expandFaxBatches(crm: Database, ctx: SaveContext): Promise<number> {
  let expanded = 0;
  for (const batch of await docsOfView(crm, 'fax-batches-queued')) {
    const ids = Array.isArray(batch.customerIds) ? batch.customerIds.map(String) : [];
    const groups = Array.isArray(batch.groups) ? batch.groups.map(String) : [];
    const { rows } = await crm.pouch.allDocs({ keys: ids, include_docs: true });
    const named = rows.flatMap((row) => ('doc' in row && row.doc?.form === 'Customer' ? [row.doc as StoredDoc] : []));
    const unknown = ids.filter((id) => !named.some((customer) => customer._id === id));
    if (unknown.length > 0) {
      await crm.save({ ...batch, status: 'draft', problem: await problemOf(crm, unknown) }, ctx).catch(() => undefined);
      continue;
    }
    const everyone = [...named, ...(await customersOfGroups(crm, groups))].filter((c, i, all) => all.findIndex((d) => d._id === c._id) === i);
    const customers = everyone.filter((customer) => typeof customer.fax === 'string' && customer.fax !== '');
    const faxes: Doc[] = customers.map((customer) => ({
      _id: `faxbatch-${batch._id}-${customer._id}`,
      form: 'Fax', status: 'queued', faxNumber: customer.fax, customerId: customer._id, customerName: customer.name, recipientName: customer.name,
      subject: batch.subject, coverNote: batch.coverNote ?? '', body: batch.body ?? '',
      readers: Array.isArray(customer.readers) ? customer.readers : [], authors: Array.isArray(batch.authors) ? batch.authors : [],
    }));
    const results = await crm.saveMany(faxes, ctx);
    if (results.some((r) => !r.ok && r.error !== 'conflict')) continue;
    try {
      const { problem: _solved, ...rest } = batch;
      await crm.save({ ...rest, status: 'expanded', queuedCount: faxes.length, skippedCount: everyone.length - faxes.length }, ctx);
      expanded++;
    } catch {
      // Another server marked it a moment ago: the faxes were the same ones.
    }
  }
  return expanded;
}

/** Why a batch names customers that are not: a group's name, or nothing known. */
async function problemOf(crm: Database, unknown: readonly string[]): Promise<string> {
  const groups = await groupsInUse(crm);
  const [first] = unknown;
  return groups.has(first!)
    ? `“${first}”是客户分组，不是客户：请在“客户分组”中选择它。\n“${first}” is a customer group, not a customer: pick it under Customer groups.`
    : `没有这个客户：${unknown.join('、')}\nNo such customer: ${unknown.join(', ')}`;
}
