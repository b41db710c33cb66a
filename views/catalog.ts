import type { DbName } from '../design/databases.js';
import { compileView, type CompiledView } from './compile-view.js';
import { actionProjects, actionsByContext, actionsByCustomer, actionsByDue, actionsByProject, actionsDone, actionsInbox, actionsSomeday, actionsWaiting, overdueActions } from './crm/actions.js';
import { activitiesByDate, activitiesByOwner, appointmentsByTime } from './crm/activities.js';
import { calendarByCustomer, calendarByPerson, calendarByStart, calendarDealDates, calendarRecurring, calendarRemindersDue } from './crm/calendar.js';
import { calendarMyPlannedActivities, calendarPlannedActivities } from './crm/calendar.js';
import { contactsByCustomer } from './crm/contacts.js';
import { complaintsByCategory, complaintsByDepartment, complaintsByStatus } from './crm/complaints.js';
import { customersByCategory, customersByGroup, customersByIndustry, customersByName, customersByOwner, customersByRegion, customersContactDue, overdueContact } from './crm/customers.js';
import { serviceByMonth, supportByStatus } from './crm/customer-service.js';
import { dealsByMonth, dealsByOwner, dealsByStage, dealsByStatus, dealsClosed, dealsPaymentsDue, dealsPipeline, overduePayments } from './crm/deals.js';
import { bulletinsByCategory, bulletinsByExpiry, messagesAll, messagesSent } from './crm/messages.js';
import { myNotices, officeNotices } from './crm/notices.js';
import { quotationsByDeal } from './crm/quotations.js';
import { customerTimeline, customerTimelineByConversation } from './crm/timeline.js';
import { crmSettingsDocs, mailAccounts, mailRules, salesTargetsDocs, webForms } from './admin/settings.js';
import { interestProfiles } from './discussion/interests.js';
import { allDocuments, myPosts, postsByAuthor, topicsByCategory } from './discussion/threads.js';
import { articlesByKind, competitors, productsByCategory, qaByCategory, standardDocumentsByCategory } from './library/library.js';
import { contactBirthdays, faxBatchesQueued, faxJobsOpen, faxOutbox, massMailingsQueued, nurturesActive, followUps, greetings, mailByConversation, mailByCustomer, mailByFolder, mailLeads, mailOutbox, mailTemplates, noticesToMail, officeNoticesToMail, pendingWork, subscriptionsByList } from './mail/mail-views.js';
import type { OverdueListDef } from './overdue-list.js';
import { approvalsByStatus, approvalsBySubject, awaitingMyApproval, delegations, myRequests } from './office/approvals.js';
import { reportsByPeriod, reportsByPerson, reportTemplates } from './office/reports.js';
import { creditTermsByDeal, crmApprovalsPending, crmAwaitingMyApproval } from './crm/approvals.js';
import { expensesByCategory, expensesByDeal, expensesByDepartment, expensesByMonth, expensesByPerson, expensesByStatus, requestsNotClaimed } from './office/expenses.js';

export const VIEWS: readonly CompiledView[] = [
  customersByRegion, customersByCategory, customersByOwner, customersByName,
  contactsByCustomer, dealsByStatus, dealsByMonth, myNotices,
  customersByIndustry, customersContactDue, dealsByOwner, dealsByStage, dealsClosed, dealsPaymentsDue, dealsPipeline,
  activitiesByDate, activitiesByOwner, appointmentsByTime, customerTimeline,
  allDocuments, topicsByCategory, postsByAuthor, myPosts, interestProfiles,
  complaintsByStatus, complaintsByDepartment, complaintsByCategory, supportByStatus, serviceByMonth,
  productsByCategory, competitors, standardDocumentsByCategory, articlesByKind, qaByCategory,
  mailLeads, mailByCustomer, mailByConversation, mailByFolder, mailOutbox, followUps, greetings, pendingWork, noticesToMail, faxOutbox, massMailingsQueued, nurturesActive, contactBirthdays, faxBatchesQueued, mailTemplates, faxJobsOpen,
  crmSettingsDocs, mailRules, mailAccounts,
  quotationsByDeal,
  webForms, subscriptionsByList, customerTimelineByConversation,
  actionsInbox, actionsByContext, actionsWaiting, actionsSomeday, actionsDone, actionsByCustomer, actionsByDue, actionsByProject, actionProjects,
  messagesAll, messagesSent, bulletinsByExpiry, bulletinsByCategory,
  awaitingMyApproval, myRequests, approvalsByStatus, approvalsBySubject, delegations,
  expensesByPerson, expensesByDepartment, expensesByMonth, expensesByCategory, expensesByDeal, expensesByStatus,
  reportsByPerson, reportsByPeriod, reportTemplates,
  calendarByStart, calendarRecurring, calendarByPerson, calendarByCustomer, calendarRemindersDue, calendarDealDates,
  salesTargetsDocs, customersByGroup,
  crmAwaitingMyApproval, creditTermsByDeal, requestsNotClaimed, crmApprovalsPending,
  officeNotices, officeNoticesToMail,
  calendarPlannedActivities, calendarMyPlannedActivities,
].map(compileView);

const byId = new Map(VIEWS.map((view) => [view.id, view]));
if (byId.size !== VIEWS.length) throw new Error('two views share an id');

export function viewById(id: string): CompiledView | undefined {
  return byId.get(id);
}

export function viewsOf(db: DbName): CompiledView[] {
  return VIEWS.filter((view) => view.def.db === db);
}

export const OVERDUE_LISTS: readonly OverdueListDef[] = [overduePayments, overdueContact, overdueActions];

for (const list of OVERDUE_LISTS) {
  const view = byId.get(list.viewId);
  const first = view?.def.columns[0];
  if (!view || view.def.db !== list.db || byId.has(list.id) || first?.categorized || first?.sort !== 'asc') {
    throw new Error(`overdue list ${list.id}: needs a view of ${list.db} sorted by its first column, earliest first, and an id of its own`);
  }
}

export function overdueListById(id: string): OverdueListDef | undefined {
  return OVERDUE_LISTS.find((list) => list.id === id);
}

export function overdueListsOf(db: DbName): OverdueListDef[] {
  return OVERDUE_LISTS.filter((list) => list.db === db);
}
