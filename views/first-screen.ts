import type { DbName } from '../design/databases.js';
import { viewsOf } from './catalog.js';
import { actionsByDue } from './crm/actions.js';
import { customersContactDue } from './crm/customers.js';
import { dealsClosed, dealsPipeline } from './crm/deals.js';
import { bulletinsByExpiry } from './crm/messages.js';
import { allDocuments } from './discussion/threads.js';

/** What the home page (client/home) reads as soon as a person signs in: its lists, and the pipeline the server counts. */
const HOME_PAGE: Partial<Record<DbName, readonly string[]>> = {
  crm: [actionsByDue.id, customersContactDue.id, bulletinsByExpiry.id, dealsClosed.id, dealsPipeline.id],
  discussion: [allDocuments.id],
};

/**
 * The views of a database a new workstation reads from the server while its replica is still
 * empty: the first view (the navigator's first) and the home page's. A server keeps them indexed as
 * documents arrive; one of them cold at the first screen made the others wait behind its build.
 */
export function firstScreenViews(db: DbName): string[] {
  return [...new Set([...viewsOf(db).slice(0, 1).map((view) => view.id), ...(HOME_PAGE[db] ?? [])])];
}
