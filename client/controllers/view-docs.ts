import type { Doc } from '../../design/form.js';
import type { Cursor, ViewRow } from '../../engine/view-page.js';
import { viewById } from '../../views/catalog.js';
import type { LocalDatabase } from './local-database.js';

type DocumentRow = Extract<ViewRow, { kind: 'document' }>;

export interface ViewDocsRequest {
  /** Start after this key (a view sorted by a date starts at a day, not at its first row). */
  readonly after?: Cursor;
  /** Stop at the first row this says is past what is wanted (the view is sorted). */
  readonly stop?: (row: DocumentRow) => boolean;
  /** At most this many documents. */
  readonly limit?: number;
}

const PAGE = 200;

/**
 * The documents of a view's rows, in view order (main documents, not their responses), read from
 * the replica's index and then the replica: for pages that list a few of a view's documents.
 */
export async function viewDocs(db: LocalDatabase, viewId: string, request: ViewDocsRequest = {}): Promise<Doc[]> {
  const view = viewById(viewId);
  if (!view || view.def.db !== db.name) return [];
  const limit = request.limit ?? Infinity;
  const ids: string[] = [];
  let after: Cursor | null = request.after ?? null;
  let fromServer = false;
  paging: do {
    // A short list asks for little more than it shows: while the replica fills, the server reads these pages.
    const page = await db.viewPage(view, { after, limit: Math.min(PAGE, limit - ids.length + 10), expandAll: true });
    fromServer ||= page.fromServer;
    for (const row of page.rows) {
      if (row.kind !== 'document' || row.depth > 0) continue;
      if (request.stop?.(row)) break paging;
      ids.push(row.id);
      if (ids.length >= limit) break paging;
    }
    after = page.next;
  } while (after);
  if (ids.length === 0) return [];
  const { rows } = await db.pouch.allDocs({ keys: ids, include_docs: true });
  const held = new Map(rows.flatMap((row) => ('doc' in row && row.doc ? [[row.id, row.doc as Doc] as const] : [])));
  // Rows the server listed while the replica fills: what has not arrived yet is read there.
  if (fromServer) {
    const fetched = await Promise.all(ids.filter((id) => !held.has(id)).map((id) => db.getDoc(id)));
    for (const doc of fetched) if (doc) held.set(doc._id, doc as Doc);
  }
  return ids.flatMap((id) => (held.has(id) ? [held.get(id)!] : []));
}

/** For a view sorted by a date in its first column: stop at the first row dated `day` or later (or undated). */
export function fromDay(day: string): (row: DocumentRow) => boolean {
  return (row) => typeof row.values[0] !== 'string' || row.values[0].slice(0, 10) >= day;
}
