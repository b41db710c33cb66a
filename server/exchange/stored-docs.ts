import type { Access } from '../../design/access/acl.js';
import { canRead } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import type { Database } from '../store/store.js';

const PAGE = 2000;

/**
 * Whether a document may be shown to `viewer`: everything for the server itself (no viewer).
 * What a user may not read is, to them, a document that does not exist.
 */
export function readableBy(viewer: Access | undefined): (doc: Doc) => boolean {
  return viewer ? (doc) => canRead(viewer, doc) : () => true;
}

/** Every document of a database with its form among `forms` that `viewer` may read, read a page at a time. */
export async function storedDocsOf(db: Database, forms: readonly string[], viewer?: Access): Promise<Doc[]> {
  const readable = readableBy(viewer);
  const wanted = new Set(forms);
  const docs: Doc[] = [];
  let startkey: string | undefined;
  for (;;) {
    const { rows } = await db.pouch.allDocs({ include_docs: true, limit: PAGE + 1, ...(startkey === undefined ? {} : { startkey }) });
    for (const row of rows.slice(0, PAGE)) if (row.doc && typeof row.doc.form === 'string' && wanted.has(row.doc.form) && readable(row.doc)) docs.push(row.doc);
    if (rows.length <= PAGE) return docs;
    startkey = rows[PAGE]!.id;
  }
}

/** Documents by id that `viewer` may read. */
export async function docsByIds(db: Database, ids: readonly string[], viewer?: Access): Promise<Map<string, Doc>> {
  const readable = readableBy(viewer);
  const docs = new Map<string, Doc>();
  for (let i = 0; i < ids.length; i += PAGE) {
    const { rows } = await db.pouch.allDocs({ keys: ids.slice(i, i + PAGE), include_docs: true });
    for (const row of rows) if ('doc' in row && row.doc && readable(row.doc)) docs.set(row.id, row.doc);
  }
  return docs;
}
