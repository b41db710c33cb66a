import type { Doc } from '../../design/form.js';
import type { Database } from '../store/store.js';

const PAGE = 2000;

/** Every document of a database with its form among `forms`, read a page at a time. */
export async function storedDocsOf(db: Database, forms: readonly string[]): Promise<Doc[]> {
  const wanted = new Set(forms);
  const docs: Doc[] = [];
  let startkey: string | undefined;
  for (;;) {
    const { rows } = await db.pouch.allDocs({ include_docs: true, limit: PAGE + 1, ...(startkey === undefined ? {} : { startkey }) });
    for (const row of rows.slice(0, PAGE)) if (row.doc && typeof row.doc.form === 'string' && wanted.has(row.doc.form)) docs.push(row.doc);
    if (rows.length <= PAGE) return docs;
    startkey = rows[PAGE]!.id;
  }
}

/** Documents by id. */
export async function docsByIds(db: Database, ids: readonly string[]): Promise<Map<string, Doc>> {
  const docs = new Map<string, Doc>();
  for (let i = 0; i < ids.length; i += PAGE) {
    const { rows } = await db.pouch.allDocs({ keys: ids.slice(i, i + PAGE), include_docs: true });
    for (const row of rows) if ('doc' in row && row.doc) docs.set(row.id, row.doc);
  }
  return docs;
}
