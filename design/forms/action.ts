import { fieldError } from '../field-error.js';
import { defineForm, type ChoicesFrom, type Doc, type FieldLink } from '../form.js';
import { choices } from './choices.js';
import { bilingualRows, CRM_SETTINGS_ID } from './crm-configured.js';
import { customerPick, dealPick, savingUser, today } from './crm-fields.js';
import { isServerUser } from './gateway-fields.js';

/** Where an action sits in Getting Things Done: collected, to do next, delegated, some day, done. */
export const ACTION_STATUSES = choices({
  inbox: ['收集箱', 'Inbox'],
  next: ['下一步行动', 'Next action'],
  waiting: ['等待', 'Waiting for'],
  someday: ['将来/也许', 'Someday/maybe'],
  done: ['已完成', 'Done'],
});

/** Where an action can be done; an administrator adds more in the CRM settings (`actionContexts`). */
export const ACTION_CONTEXTS = choices({
  office: ['办公室', 'Office'],
  home: ['家里', 'Home'],
  road: ['在路上', 'On the road'],
  fair: ['展会', 'Trade fair'],
  phone: ['电话', 'Phone'],
});

const contextsFromSettings: ChoicesFrom = { docId: CRM_SETTINGS_ID, choices: (settings) => [...ACTION_CONTEXTS, ...bilingualRows(settings, 'actionContexts')] };
const mailPick = { db: 'crm', forms: ['MailMessage'], fill: { mailSubject: 'subject' } } as const satisfies FieldLink;
const projectPick = { db: 'crm', forms: ['ActionProject'], fill: { projectName: 'subject' } } as const satisfies FieldLink;

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String).filter((name) => name !== '') : [];
}

/** The owner and whoever it is delegated to: the only people who see and change the action. */
function ownerAndDelegates(doc: Doc): string[] {
  return [...new Set([...list(doc.owner), ...list(doc.delegatedTo)])];
}

/**
 * A GTD action (行动): personal, seen only by its owner and the people it is delegated to. Waiting
 * for someone puts it in their inbox (`inboxOf`) until it is done; it keeps since when it waits,
 * and when it was done, for the weekly review and the done log.
 */
export const actionForm = defineForm({
  name: 'Action',
  label: { zh: '行动', en: 'Action' },
  db: 'crm',
  titleField: 'subject',
  fields: {
    subject: { type: 'text', label: { zh: '内容', en: 'Action' }, required: true, maxLength: 300 },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, required: true, sortable: true, choices: ACTION_STATUSES, default: 'inbox' },
    context: { type: 'choice', label: { zh: '场合', en: 'Context' }, sortable: true, choices: ACTION_CONTEXTS, choicesFrom: contextsFromSettings },
    due: { type: 'date', label: { zh: '截止日期', en: 'Due' } },
    owner: { type: 'names', label: { zh: '负责人', en: 'Owner' }, required: true, sortable: true, default: savingUser, maxItems: 1 },
    delegatedTo: { type: 'names', label: { zh: '委托给', en: 'Delegated to' }, sortable: true, maxItems: 20 },
    projectId: { type: 'text', label: { zh: '项目', en: 'Project' }, maxLength: 200, link: projectPick },
    projectName: { type: 'text', label: { zh: '项目名称', en: 'Project name' }, sortable: true, maxLength: 300, pinyin: true },
    customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, maxLength: 200, link: customerPick },
    customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200, pinyin: true },
    dealId: { type: 'text', label: { zh: '业务', en: 'Deal' }, maxLength: 200, link: dealPick },
    dealName: { type: 'text', label: { zh: '业务名称', en: 'Deal name' }, maxLength: 200 },
    mailId: { type: 'text', label: { zh: '邮件', en: 'Mail' }, maxLength: 200, link: mailPick },
    mailSubject: { type: 'text', label: { zh: '邮件主题', en: 'Mail subject' }, maxLength: 1000 },
    notes: { type: 'textarea', label: { zh: '备注', en: 'Notes' }, maxLength: 20000 },
    waitingSince: {
      type: 'date', label: { zh: '等待起始', en: 'Waiting since' },
      computed: (doc, ctx) => (doc.status !== 'waiting' ? undefined : typeof doc.waitingSince === 'string' ? doc.waitingSince : today(ctx)),
    },
    doneAt: {
      type: 'datetime', label: { zh: '完成时间', en: 'Done' },
      computed: (doc, ctx) => (doc.status !== 'done' ? undefined : typeof doc.doneAt === 'string' ? doc.doneAt : ctx.now),
    },
    /** Whose inbox shows it: the owner's while collected, the delegates' while it waits for them. */
    inboxOf: {
      type: 'names', label: { zh: '收集箱', en: 'In the inbox of' }, sortable: true,
      computed: (doc) => (doc.status === 'inbox' ? list(doc.owner) : doc.status === 'waiting' ? list(doc.delegatedTo) : []),
    },
    readers: { type: 'readers', label: { zh: '读者', en: 'Readers' }, computed: ownerAndDelegates },
    authors: { type: 'authors', label: { zh: '作者', en: 'Authors' }, computed: ownerAndDelegates },
  },
  rules: (doc, oldDoc, user) => [
    ...(doc.status === 'waiting' && list(doc.delegatedTo).length === 0
      ? [fieldError('delegatedTo', 'required', '等待中的行动须写明委托给谁', 'Say whom a waiting-for action is delegated to')] : []),
    // A delegate works on the action; only its owner gives it away.
    ...(oldDoc && list(oldDoc.owner).join('\n') !== list(doc.owner).join('\n') && !list(oldDoc.owner).includes(user.name) && !isServerUser(user)
      ? [fieldError('owner', 'rule', '只有负责人可以转交行动', 'Only the owner hands an action over')] : []),
  ],
});

export const PROJECT_STATUSES = choices({
  active: ['进行中', 'Active'],
  someday: ['将来/也许', 'Someday/maybe'],
  done: ['已完成', 'Done'],
});

/** A GTD project (项目): an outcome that takes more than one action; the review flags one without a next action. */
export const actionProjectForm = defineForm({
  name: 'ActionProject',
  label: { zh: '行动项目', en: 'Project' },
  db: 'crm',
  titleField: 'subject',
  fields: {
    subject: { type: 'text', label: { zh: '项目', en: 'Project' }, required: true, sortable: true, maxLength: 300, pinyin: true },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, required: true, sortable: true, choices: PROJECT_STATUSES, default: 'active' },
    owner: { type: 'names', label: { zh: '负责人', en: 'Owner' }, required: true, sortable: true, default: savingUser, maxItems: 1 },
    customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, maxLength: 200, link: customerPick },
    customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200, pinyin: true },
    outcome: { type: 'textarea', label: { zh: '预期结果', en: 'Outcome' }, maxLength: 20000 },
  },
  defaultReaders: (doc) => list(doc.owner),
  defaultAuthors: (doc) => list(doc.owner),
});
