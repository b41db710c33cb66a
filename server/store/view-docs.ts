import type { Key } from '../../engine/view-source.js';
import type { Database, StoredDoc } from './store.js';

/**
 * Every document shown by a view (for the server's own jobs: no access filter), optionally only
 * those under some of its top-level categories.
 */
export async function docsOfView(db: Database, viewId: string, categories?: (title: unknown) => boolean): Promise<StoredDoc[]> {
  let toggled: Key[] | undefined;
  if (categories) {
    const { rows } = await db.view(viewId, { expandAll: false, limit: 1000 });
    toggled = rows.flatMap((row) => (row.kind === 'category' && categories(row.title) ? [row.key] : []));
    if (toggled.length === 0) return [];
  }
  const ids: string[] = [];
  let after = null;
  do {
    const page = await db.view(viewId, { limit: 1000, after, expandAll: !toggled, toggled });
    for (const row of page.rows) if (row.kind === 'document') ids.push(row.id);
    after = page.next;
  } while (after);
  if (ids.length === 0) return [];
  const { rows } = await db.pouch.allDocs({ keys: ids, include_docs: true });
  return rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc as StoredDoc] : []));
}
