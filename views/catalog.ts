import type { DbName } from '../design/databases.js';
import { compileView, type CompiledView } from './compile-view.js';
import { contactsByCustomer } from './crm/contacts.js';
import { customersByCategory, customersByName, customersByOwner, customersByRegion } from './crm/customers.js';
import { complaintsByCategory, complaintsByDepartment, complaintsByStatus } from './crm/complaints.js';
import { serviceByMonth, supportByStatus } from './crm/customer-service.js';
import { dealsByMonth, dealsByStatus } from './crm/deals.js';
import { myNotices } from './crm/notices.js';
import { interestProfiles } from './discussion/interests.js';
import { allDocuments, myPosts, postsByAuthor, topicsByCategory } from './discussion/threads.js';
import { articlesByKind, competitors, productsByCategory, qaByCategory, standardDocumentsByCategory } from './library/library.js';

export const VIEWS: readonly CompiledView[] = [
  customersByRegion, customersByCategory, customersByOwner, customersByName,
  contactsByCustomer, dealsByStatus, dealsByMonth, myNotices,
  allDocuments, topicsByCategory, postsByAuthor, myPosts, interestProfiles,
  complaintsByStatus, complaintsByDepartment, complaintsByCategory, supportByStatus, serviceByMonth,
  productsByCategory, competitors, standardDocumentsByCategory, articlesByKind, qaByCategory,
].map(compileView);

const byId = new Map(VIEWS.map((view) => [view.id, view]));
if (byId.size !== VIEWS.length) throw new Error('two views share an id');

export function viewById(id: string): CompiledView | undefined {
  return byId.get(id);
}

export function viewsOf(db: DbName): CompiledView[] {
  return VIEWS.filter((view) => view.def.db === db);
}
