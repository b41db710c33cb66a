import type { Access } from '../../design/access/acl.js';
import { categoryTitle } from '../../engine/category-title.js';
import { MAX_PAGE_SIZE, type ViewPageRequest, type ViewRow } from '../../engine/view-page.js';
import type { Database } from '../store/store.js';

export type DocumentRow = Extract<ViewRow, { kind: 'document' }>;
export type CategoryRow = Extract<ViewRow, { kind: 'category' }>;

/** A document row with the titles of the categories it sits under, outermost first. */
export interface PlacedDocumentRow {
  readonly row: DocumentRow;
  readonly categories: readonly string[];
}

/**
 * Every row of a view from `request.after` to the end, page by page, as the view pane shows them
 * (collapsed categories stay collapsed) to `viewer`, or all of them to the server itself.
 */
export async function* readViewRows(db: Database, viewId: string, request: ViewPageRequest = {}, viewer?: Access): AsyncGenerator<ViewRow> {
  let after = request.after ?? null;
  do {
    const page = await db.view(viewId, { ...request, after, limit: MAX_PAGE_SIZE }, viewer);
    yield* page.rows;
    after = page.next;
  } while (after);
}

/**
 * The document rows of a view, each with its category path; with `category` (titles, outermost
 * first) only those under that category: the "group" one prints labels for.
 */
export async function* readViewDocuments(db: Database, viewId: string, request: ViewPageRequest = {}, category: readonly string[] = [], viewer?: Access): AsyncGenerator<PlacedDocumentRow> {
  const path: string[] = [];
  for await (const row of readViewRows(db, viewId, request, viewer)) {
    if (row.kind === 'category') {
      path.length = row.level;
      path.push(categoryTitle(row.title));
    } else if (category.every((title, i) => path[i] === title)) {
      yield { row, categories: path.slice(0, row.level) };
    }
  }
}
