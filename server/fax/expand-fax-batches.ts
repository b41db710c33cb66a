import type { Doc, SaveContext } from '../../design/form.js';
import type { Database, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';

/**
 * Turns each queued batch into one queued Fax per customer with a fax number (the Customer's
 * `fax`), with ids derived from the batch and the customer, so each is made once.
 */
export async function expandFaxBatches(crm: Database, ctx: SaveContext): Promise<number> {
  let expanded = 0;
  for (const batch of await docsOfView(crm, 'fax-batches-queued')) {
    const ids = Array.isArray(batch.customerIds) ? batch.customerIds.map(String) : [];
    const { rows } = await crm.pouch.allDocs({ keys: ids, include_docs: true });
    const customers = rows.flatMap((row) => ('doc' in row && row.doc?.form === 'Customer' && typeof row.doc.fax === 'string' && row.doc.fax !== '' ? [row.doc as StoredDoc] : []));
    const faxes: Doc[] = customers.map((customer) => ({
      _id: `faxbatch-${batch._id}-${customer._id}`,
      form: 'Fax', status: 'queued', faxNumber: customer.fax, customerId: customer._id, customerName: customer.name, recipientName: customer.name,
      subject: batch.subject, coverNote: batch.coverNote ?? '', body: batch.body ?? '',
      readers: Array.isArray(customer.readers) ? customer.readers : [], authors: Array.isArray(batch.authors) ? batch.authors : [],
    }));
    const results = await crm.saveMany(faxes, ctx);
    if (results.some((r) => !r.ok && r.error !== 'conflict')) continue;
    try {
      await crm.save({ ...batch, status: 'expanded', queuedCount: faxes.length, skippedCount: ids.length - faxes.length }, ctx);
      expanded++;
    } catch {
      // Another server marked it a moment ago: the faxes were the same ones.
    }
  }
  return expanded;
}
