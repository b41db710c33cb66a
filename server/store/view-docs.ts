import type { Database, StoredDoc } from './store.js';

/** Every document a view lists, read page by page. */
export async function viewDocs(db: Database, viewId: string): Promise<StoredDoc[]> {
  const ids: string[] = [];
  let after = null;
  do {
    const page = await db.view(viewId, { expandAll: true, limit: 1000, after });
    for (const row of page.rows) if (row.kind === 'document') ids.push(row.id);
    after = page.next;
  } while (after);
  if (ids.length === 0) return [];
  const { rows } = await db.pouch.allDocs({ keys: ids, include_docs: true });
  return rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc as StoredDoc] : []));
}
