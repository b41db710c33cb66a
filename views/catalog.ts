import type { DbName } from '../design/databases.js';
import { compileView, type CompiledView } from './compile-view.js';
import { contactsByCustomer } from './crm/contacts.js';
import { customersByCategory, customersByName, customersByOwner, customersByRegion } from './crm/customers.js';
import { dealsByMonth, dealsByStatus } from './crm/deals.js';
import { myNotices } from './crm/notices.js';
import { allDocuments, topicsByCategory } from './discussion/threads.js';
import { contactBirthdays, faxBatchesQueued, faxOutbox, massMailingsQueued, nurturesActive, mailByCustomer, mailByFolder, mailLeads, mailOutbox, noticesToMail, pendingWork } from './mail/mail-views.js';

export const VIEWS: readonly CompiledView[] = [
  customersByRegion, customersByCategory, customersByOwner, customersByName,
  contactsByCustomer, dealsByStatus, dealsByMonth, myNotices,
  allDocuments, topicsByCategory,
  mailLeads, mailByCustomer, mailByFolder, mailOutbox, pendingWork, noticesToMail, faxOutbox, massMailingsQueued, nurturesActive, contactBirthdays, faxBatchesQueued,
].map(compileView);

const byId = new Map(VIEWS.map((view) => [view.id, view]));
if (byId.size !== VIEWS.length) throw new Error('two views share an id');

export function viewById(id: string): CompiledView | undefined {
  return byId.get(id);
}

export function viewsOf(db: DbName): CompiledView[] {
  return VIEWS.filter((view) => view.def.db === db);
}
