import type { Doc } from '../../design/form.js';
import { storedDocsOf } from '../../server/exchange/stored-docs.js';
import type { Store } from '../../server/store/store.js';

// What a save adds or an id names: not part of the record as a user sees it.
const BOOKKEEPING = new Set(['_id', '_rev', 'created', 'createdBy', 'modified', 'modifiedBy', 'authors', 'readers', '$sort', '$pinyin', '$initials', 'customerId']);

/**
 * The customers and contacts of a store as comparable records: without ids, revisions and what
 * a save adds, a contact's customer by name, sorted. Two imports of the same data compare equal.
 */
export async function storedRecords(store: Store): Promise<Record<string, unknown>[]> {
  const docs = await storedDocsOf(store.database('crm'), ['Customer', 'Contact']);
  const names = new Map(docs.map((doc) => [doc._id, doc.name]));
  return docs
    .map((doc: Doc) => {
      const record: Record<string, unknown> = {};
      for (const key of Object.keys(doc).sort()) if (!BOOKKEEPING.has(key)) record[key] = doc[key];
      if (doc.form === 'Contact') record.customer = names.get(String(doc.customerId));
      return record;
    })
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
