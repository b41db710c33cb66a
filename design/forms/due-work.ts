import { fieldError } from '../field-error.js';
import { defineForm, type FieldError } from '../form.js';
import { choices } from './choices.js';
import { isServerUser } from './gateway-fields.js';

export const DUE_WORK_KINDS = choices({
  followUp: ['跟进提醒', 'Follow-up reminder'],
  followUpMail: ['跟进邮件', 'Follow-up mail'],
});

export const DUE_WORK_STATUSES = choices({
  pending: ['待执行', 'Pending'],
  done: ['已执行', 'Done'],
  cancelled: ['已取消', 'Cancelled'],
});

/**
 * Work the scheduler does at a time (定时任务), kept as a document so that it survives restarts,
 * is caught up after downtime and is done once by whichever server claims it first. A follow-up
 * reminder tells `owner` that `aboutId` got no answer; a follow-up mail goes to the customer
 * (`to`, `subject`, `body`, threaded on `aboutId`). Either is cancelled by any mail from the
 * contact or their company before it is due.
 */
export const dueWorkForm = defineForm({
  name: 'DueWork',
  label: { zh: '定时任务', en: 'Scheduled work' },
  db: 'crm',
  titleField: 'subject',
  fields: {
    kind: { type: 'choice', label: { zh: '类型', en: 'Kind' }, required: true, sortable: true, choices: DUE_WORK_KINDS },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, required: true, sortable: true, choices: DUE_WORK_STATUSES, default: 'pending' },
    due: { type: 'datetime', label: { zh: '执行时间', en: 'Due' }, required: true },
    to: { type: 'keywords', label: { zh: '收件人', en: 'To' }, maxLength: 320 },
    toNames: { type: 'keywords', label: { zh: '收件人姓名', en: 'Recipient names' }, maxLength: 300 },
    subject: { type: 'text', label: { zh: '主题', en: 'Subject' }, required: true, maxLength: 2000 },
    body: { type: 'textarea', label: { zh: '正文', en: 'Body' }, maxLength: 200_000 },
    /** A MailTemplate (its id) that writes the mail when it is due, in the contact's language, instead of `body`. */
    templateId: { type: 'text', label: { zh: '邮件模板', en: 'Mail template' }, maxLength: 200 },
    owner: { type: 'names', label: { zh: '负责人', en: 'Owner' }, sortable: true },
    aboutId: { type: 'text', label: { zh: '相关文档', en: 'About' }, maxLength: 200 },
    customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, maxLength: 200 },
    customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200 },
    contactId: { type: 'text', label: { zh: '联系人', en: 'Contact' }, maxLength: 200 },
    contactName: { type: 'text', label: { zh: '联系人姓名', en: 'Contact name' }, maxLength: 100 },
    inReplyTo: { type: 'text', label: { zh: '回复邮件', en: 'In reply to' }, maxLength: 998 },
    references: { type: 'keywords', label: { zh: '引用邮件', en: 'References' }, maxLength: 998 },
    threadId: { type: 'text', label: { zh: '会话', en: 'Thread' }, maxLength: 200 },
    accountId: { type: 'text', label: { zh: '邮箱账户', en: 'Mail account' }, maxLength: 200 },
    /** The message a follow-up mail became, once due. */
    mailId: { type: 'text', label: { zh: '发出的邮件', en: 'Message sent' }, maxLength: 200 },
    claimedBy: { type: 'text', label: { zh: '执行服务器', en: 'Claimed by' }, maxLength: 200 },
    leaseUntil: { type: 'datetime', label: { zh: '占用至', en: 'Lease until' } },
    doneAt: { type: 'datetime', label: { zh: '完成时间', en: 'Done' } },
    cancelledBy: { type: 'text', label: { zh: '取消原因', en: 'Cancelled by' }, maxLength: 200 },
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
  rules: (doc, oldDoc, user) => (isServerUser(user) ? [] : personErrors(doc.status, oldDoc?.status)),
});

/** A person edits or cancels pending work; doing it, and what is done, are the scheduler's. */
function personErrors(status: unknown, oldStatus: unknown): FieldError[] {
  if (oldStatus !== undefined && oldStatus !== 'pending') return [fieldError('status', 'rule', '已执行或已取消，不能再修改', 'It is done or cancelled and can no longer be changed')];
  if (status !== 'pending' && status !== 'cancelled') return [fieldError('status', 'rule', '只能保存为待执行或取消', 'Can only be kept pending or cancelled')];
  return [];
}
