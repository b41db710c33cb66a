import type { Access } from '../../design/access/acl.js';
import { DB_NAMES, isDbName, type DbName } from '../../design/databases.js';
import type { FieldDef } from '../../design/form.js';
import type { Label } from '../../design/label.js';
import { createError } from '../../engine/errors.js';
import type { ViewPageRequest } from '../../engine/view-page.js';
import { viewById } from '../../views/catalog.js';
import { columnFieldDef } from '../../views/column-field.js';
import type { Store } from '../store/store.js';
import { addresseesByIds, addresseesOfView } from './load-addressees.js';
import type { JobControl } from './pdf-output.js';
import type { ListEntry } from './list-rows.js';

/** What to print: chosen documents, or a view (all of it, or one category of it: a group). */
export type PrintSelection =
  | { readonly db: DbName; readonly docIds: readonly string[] }
  | { readonly db: DbName; readonly viewId: string; readonly request?: ViewPageRequest; readonly category?: readonly string[] };

export interface SelectedEntries {
  readonly entries: ListEntry[];
  /** The view's name and the titles of its categorised columns, when printing from a view. */
  readonly view?: { readonly name: Label; readonly categoryTitles: readonly Label[]; readonly categoryFields: readonly (FieldDef | undefined)[] };
}

/** Checks a request body's `{docIds}` or `{view: {db, viewId, request?, category?}}`. */
export function parsePrintSelection(body: Record<string, unknown>): PrintSelection {
  if (body.docIds !== undefined) {
    const db = body.db ?? 'crm';
    if (typeof db !== 'string' || !isDbName(db)) throw createError('bad_request', `db must be one of ${DB_NAMES.join(', ')}`);
    if (!Array.isArray(body.docIds) || !body.docIds.every((id) => typeof id === 'string')) throw createError('bad_request', 'docIds must be a list of document ids');
    return { db, docIds: body.docIds as string[] };
  }
  const view = body.view;
  if (view === null || typeof view !== 'object' || Array.isArray(view)) throw createError('bad_request', 'Say what to print: docIds, or view {db, viewId, request?, category?}');
  const { db, viewId, request, category } = view as Record<string, unknown>;
  if (typeof db !== 'string' || !isDbName(db)) throw createError('bad_request', `view.db must be one of ${DB_NAMES.join(', ')}`);
  if (typeof viewId !== 'string') throw createError('bad_request', 'view.viewId must be a view id');
  if (request !== undefined && (request === null || typeof request !== 'object' || Array.isArray(request))) throw createError('bad_request', 'view.request must be an object like the view API takes');
  if (category !== undefined && (!Array.isArray(category) || !category.every((title) => typeof title === 'string'))) {
    throw createError('bad_request', 'view.category must be a list of category titles, outermost first');
  }
  return { db, viewId, request: request as ViewPageRequest | undefined, category: category as string[] | undefined };
}

/** The entries to print that `viewer` may read (all, for the server), in the order chosen or the view's order, with their category paths; `control` hears how the reading of a view goes. */
export async function selectEntries(store: Store, selection: PrintSelection, viewer?: Access, control?: JobControl): Promise<SelectedEntries> {
  const db = store.database(selection.db);
  if ('docIds' in selection) {
    return { entries: (await addresseesByIds(db, selection.docIds, viewer)).map((addressee) => ({ addressee, categories: [] })) };
  }
  const view = viewById(selection.viewId);
  if (!view || view.def.db !== selection.db) throw createError('not_found', `No view ${selection.viewId} in database ${selection.db}`);
  return {
    entries: await addresseesOfView(db, selection.viewId, selection.request, selection.category, viewer, control),
    view: {
      name: view.def.name,
      categoryTitles: view.def.columns.filter((column) => column.categorized).map((column) => column.title),
      categoryFields: view.def.columns.flatMap((column, i) => (column.categorized ? [columnFieldDef(view.def, i)] : [])),
    },
  };
}
