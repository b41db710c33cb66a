import { defineOverdueList } from '../overdue-list.js';
import { defineView } from '../view-def.js';

const subject = { title: { zh: '内容', en: 'Action' }, field: 'subject' } as const;
const context = { title: { zh: '场合', en: 'Context' }, field: 'context' } as const;
const due = { title: { zh: '截止日期', en: 'Due' }, field: 'due' } as const;
const customer = { title: { zh: '客户', en: 'Customer' }, field: 'customerName' } as const;
const project = { title: { zh: '项目', en: 'Project' }, field: 'projectName' } as const;
const status = { title: { zh: '状态', en: 'Status' }, field: 'status' } as const;
/** Each person sees only their own actions in the lists below (Notes' single category by @UserName). */
const mine = { title: { zh: '负责人', en: 'Owner' }, field: 'owner', categorized: true } as const;
const open = { field: 'status', in: ['inbox', 'next', 'waiting'] } as const;

/** What I collected and have not sorted yet, and what others delegated to me. */
export const actionsInbox = defineView({
  id: 'actions-inbox',
  db: 'crm',
  name: { zh: '行动\\收集箱', en: 'Actions\\Inbox' },
  forms: ['Action'],
  viewersCategoryOnly: true,
  columns: [
    { title: { zh: '收集箱', en: 'Inbox of' }, field: 'inboxOf', categorized: true },
    { title: { zh: '记录时间', en: 'Captured' }, field: 'created', sort: 'asc' },
    subject, { title: { zh: '负责人', en: 'Owner' }, field: 'owner' }, due, customer,
  ],
});

/** My next actions by where they can be done: at the office one sees what can be done there. */
export const actionsByContext = defineView({
  id: 'actions-by-context',
  db: 'crm',
  name: { zh: '行动\\按场合', en: 'Actions\\By Context' },
  forms: ['Action'],
  where: [{ field: 'status', eq: 'next' }],
  viewersCategoryOnly: true,
  columns: [mine, { ...context, categorized: true }, { ...due, sort: 'asc' }, subject, customer, project],
});

/** What I delegated, oldest first: what to chase. */
export const actionsWaiting = defineView({
  id: 'actions-waiting',
  db: 'crm',
  name: { zh: '行动\\等待', en: 'Actions\\Waiting For' },
  forms: ['Action'],
  where: [{ field: 'status', eq: 'waiting' }],
  viewersCategoryOnly: true,
  columns: [mine, { title: { zh: '等待起始', en: 'Since' }, field: 'waitingSince', sort: 'asc' }, { title: { zh: '委托给', en: 'Delegated to' }, field: 'delegatedTo' }, subject, due, customer],
});

export const actionsSomeday = defineView({
  id: 'actions-someday',
  db: 'crm',
  name: { zh: '行动\\将来/也许', en: 'Actions\\Someday Maybe' },
  forms: ['Action'],
  where: [{ field: 'status', eq: 'someday' }],
  viewersCategoryOnly: true,
  columns: [mine, { title: { zh: '记录时间', en: 'Captured' }, field: 'created', sort: 'desc' }, subject, context, customer],
});

/** The done log, newest first. */
export const actionsDone = defineView({
  id: 'actions-done',
  db: 'crm',
  name: { zh: '行动\\已完成', en: 'Actions\\Done' },
  forms: ['Action'],
  where: [{ field: 'status', eq: 'done' }],
  viewersCategoryOnly: true,
  columns: [mine, { title: { zh: '完成时间', en: 'Done' }, field: 'doneAt', sort: 'desc' }, subject, context, customer],
});

/** Open actions under the customer they concern (by pinyin). */
export const actionsByCustomer = defineView({
  id: 'actions-by-customer',
  db: 'crm',
  name: { zh: '行动\\按客户', en: 'Actions\\By Customer' },
  forms: ['Action'],
  where: [{ field: 'customerName', exists: true }, open],
  columns: [{ ...customer, categorized: true }, { ...due, sort: 'asc' }, subject, status, context, { title: { zh: '负责人', en: 'Owner' }, field: 'owner' }],
});

/** Open actions that have a due date, earliest first. */
export const actionsByDue = defineView({
  id: 'actions-by-due',
  db: 'crm',
  name: { zh: '行动\\按截止日期', en: 'Actions\\By Due Date' },
  forms: ['Action'],
  where: [{ field: 'due', exists: true }, open],
  columns: [{ ...due, sort: 'asc' }, subject, status, context, customer, { title: { zh: '负责人', en: 'Owner' }, field: 'owner' }],
});

/** Open actions of a project, under it: the review looks here for each project's next action. */
export const actionsByProject = defineView({
  id: 'actions-by-project',
  db: 'crm',
  name: { zh: '行动\\按项目', en: 'Actions\\By Project' },
  forms: ['Action'],
  where: [{ field: 'projectId', exists: true }, open],
  columns: [{ ...project, categorized: true }, { ...due, sort: 'asc' }, subject, status, context],
});

export const actionProjects = defineView({
  id: 'action-projects',
  db: 'crm',
  name: { zh: '行动\\项目', en: 'Actions\\Projects' },
  forms: ['ActionProject'],
  viewersCategoryOnly: true,
  columns: [mine, { ...status, categorized: true }, { title: { zh: '项目', en: 'Project' }, field: 'subject', sort: 'asc' }, customer],
});

/** Open actions whose due date has passed. */
export const overdueActions = defineOverdueList({
  id: 'overdue-actions',
  db: 'crm',
  name: { zh: '行动\\已过期', en: 'Actions\\Overdue' },
  viewId: actionsByDue.id,
});
