import type { DbName } from '../design/databases.js';
import { compileView, type CompiledView } from './compile-view.js';
import { activitiesByDate, activitiesByOwner, appointmentsByTime } from './crm/activities.js';
import { contactsByCustomer } from './crm/contacts.js';
import { complaintsByCategory, complaintsByDepartment, complaintsByStatus } from './crm/complaints.js';
import { customersByCategory, customersByIndustry, customersByName, customersByOwner, customersByRegion, customersContactDue } from './crm/customers.js';
import { serviceByMonth, supportByStatus } from './crm/customer-service.js';
import { dealsByMonth, dealsByOwner, dealsByStage, dealsByStatus, dealsClosed, dealsPaymentsDue } from './crm/deals.js';
import { myNotices } from './crm/notices.js';
import { customerTimeline } from './crm/timeline.js';
import { interestProfiles } from './discussion/interests.js';
import { allDocuments, myPosts, postsByAuthor, topicsByCategory } from './discussion/threads.js';
import { articlesByKind, competitors, productsByCategory, qaByCategory, standardDocumentsByCategory } from './library/library.js';
import { contactBirthdays, faxBatchesQueued, faxJobsOpen, faxOutbox, massMailingsQueued, nurturesActive, mailByCustomer, mailByFolder, mailLeads, mailOutbox, mailTemplates, noticesToMail, pendingWork } from './mail/mail-views.js';

export const VIEWS: readonly CompiledView[] = [
  customersByRegion, customersByCategory, customersByOwner, customersByName,
  contactsByCustomer, dealsByStatus, dealsByMonth, myNotices,
  customersByIndustry, customersContactDue, dealsByOwner, dealsByStage, dealsClosed, dealsPaymentsDue,
  activitiesByDate, activitiesByOwner, appointmentsByTime, customerTimeline,
  allDocuments, topicsByCategory, postsByAuthor, myPosts, interestProfiles,
  complaintsByStatus, complaintsByDepartment, complaintsByCategory, supportByStatus, serviceByMonth,
  productsByCategory, competitors, standardDocumentsByCategory, articlesByKind, qaByCategory,
  mailLeads, mailByCustomer, mailByFolder, mailOutbox, pendingWork, noticesToMail, faxOutbox, massMailingsQueued, nurturesActive, contactBirthdays, faxBatchesQueued, mailTemplates, faxJobsOpen,
].map(compileView);

const byId = new Map(VIEWS.map((view) => [view.id, view]));
if (byId.size !== VIEWS.length) throw new Error('two views share an id');

export function viewById(id: string): CompiledView | undefined {
  return byId.get(id);
}

export function viewsOf(db: DbName): CompiledView[] {
  return VIEWS.filter((view) => view.def.db === db);
}
