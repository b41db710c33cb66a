import type { Doc } from '../../design/form.js';
import { viewDocs } from '../controllers/view-docs.js';
import type { LocalDatabase } from '../controllers/local-database.js';

/** Each database's view of what waits for the viewer's decision. */
export const WAITING_VIEWS: Readonly<Record<string, string>> = { office: 'awaiting-my-approval', crm: 'crm-awaiting-my-approval' };

export interface WaitingDocument {
  readonly db: string;
  readonly doc: Doc;
}

/**
 * Every document waiting for this person's decision, wherever it lives (expense claims and
 * requests in `office`, quotations and credit terms in `crm`), from the replicas, oldest submission
 * first: it works offline and shows what the replicas hold.
 */
export async function readWaitingApprovals(databases: readonly LocalDatabase[], name: string): Promise<WaitingDocument[]> {
  const lists = await Promise.all(databases.filter((db) => WAITING_VIEWS[db.name] !== undefined)
    .map(async (db) => (await viewDocs(db, WAITING_VIEWS[db.name]!)).map((doc) => ({ db: db.name, doc }))));
  // A manager's replica may hold what waits for others: the views show each only their own name.
  return lists.flat()
    .filter(({ doc }) => doc.approvalStatus === 'pending' && Array.isArray(doc.waitingFor) && doc.waitingFor.includes(name))
    .sort((a, b) => String(a.doc.submittedAt ?? '').localeCompare(String(b.doc.submittedAt ?? '')));
}
