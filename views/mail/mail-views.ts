import type { DbName } from '../../design/databases.js';
import type { Label } from '../../design/label.js';
import { defineView } from '../view-def.js';

/** Mail from senders no contact or customer knows: new inquiries to pick up (潜在客户). */
export const mailLeads = defineView({
  id: 'mail-leads',
  db: 'crm',
  name: { zh: '邮件\\潜在客户', en: 'Mail\\New Leads' },
  forms: ['MailMessage'],
  where: [{ field: 'lead', eq: true }],
  columns: [
    { title: { zh: '业务员', en: 'Salesperson' }, field: 'owner', categorized: true },
    { title: { zh: '日期', en: 'Date' }, field: 'timelineDate', sort: 'desc' },
    { title: { zh: '发件人', en: 'From' }, field: 'from' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
    { title: { zh: '标签', en: 'Tags' }, field: 'tags' },
  ],
});

export const mailByCustomer = defineView({
  id: 'mail-by-customer',
  db: 'crm',
  name: { zh: '邮件\\按客户', en: 'Mail\\By Customer' },
  forms: ['MailMessage'],
  where: [{ field: 'customerId', exists: true }],
  columns: [
    { title: { zh: '客户', en: 'Customer' }, field: 'customerName', categorized: true },
    { title: { zh: '日期', en: 'Date' }, field: 'timelineDate', sort: 'desc' },
    { title: { zh: '方向', en: 'Direction' }, field: 'direction' },
    { title: { zh: '联系人', en: 'Contact' }, field: 'contactName' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
  ],
});

/** Each customer's conversations: a message and its replies (In-Reply-To, References) under one heading. */
export const mailByConversation = defineView({
  id: 'mail-by-conversation',
  db: 'crm',
  name: { zh: '邮件\\按会话', en: 'Mail\\By Conversation' },
  forms: ['MailMessage'],
  where: [{ field: 'customerId', exists: true }],
  columns: [
    { title: { zh: '客户', en: 'Customer' }, field: 'customerName', categorized: true },
    { title: { zh: '会话', en: 'Conversation' }, field: 'threadTitle', categorized: true },
    { title: { zh: '日期', en: 'Date' }, field: 'timelineDate', sort: 'asc' },
    { title: { zh: '方向', en: 'Direction' }, field: 'direction' },
    { title: { zh: '发件人', en: 'From' }, field: 'from' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
  ],
});

export const mailByFolder = defineView({
  id: 'mail-by-folder',
  db: 'crm',
  name: { zh: '邮件\\按文件夹', en: 'Mail\\By Folder' },
  forms: ['MailMessage'],
  where: [{ field: 'folder', exists: true }],
  columns: [
    { title: { zh: '文件夹', en: 'Folder' }, field: 'folder', categorized: true },
    { title: { zh: '日期', en: 'Date' }, field: 'timelineDate', sort: 'desc' },
    { title: { zh: '发件人', en: 'From' }, field: 'from' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
  ],
});

/** What the gateway has still to send, what it gave up on, and what may have gone out when a server stopped. */
export const mailOutbox = defineView({
  id: 'mail-outbox',
  db: 'crm',
  name: { zh: '邮件\\发件箱', en: 'Mail\\Outbox' },
  forms: ['MailMessage'],
  where: [{ field: 'status', in: ['queued', 'sending', 'failed', 'uncertain'] }],
  columns: [
    { title: { zh: '状态', en: 'Status' }, field: 'status', categorized: true },
    { title: { zh: '下次发送', en: 'Next attempt' }, field: 'nextAttemptAt', sort: 'asc' },
    { title: { zh: '收件人', en: 'To' }, field: 'to' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
    { title: { zh: '失败原因', en: 'Reason' }, field: 'lastError' },
  ],
});

export const pendingWork = defineView({
  id: 'pending-work',
  db: 'crm',
  name: { zh: '定时任务', en: 'Scheduled Work' },
  forms: ['DueWork'],
  where: [{ field: 'status', eq: 'pending' }],
  columns: [
    { title: { zh: '执行时间', en: 'Due' }, field: 'due', sort: 'asc' },
    { title: { zh: '类型', en: 'Kind' }, field: 'kind' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
    { title: { zh: '负责人', en: 'Owner' }, field: 'owner' },
  ],
});

/** Follow-ups still to go out, like an outbox: each can be opened, changed or cancelled until it is due. */
export const followUps = defineView({
  id: 'follow-ups',
  db: 'crm',
  name: { zh: '邮件\\待发跟进', en: 'Mail\\Follow-ups' },
  forms: ['DueWork'],
  where: [{ field: 'status', eq: 'pending' }, { field: 'kind', in: ['followUp', 'followUpMail'] }],
  columns: [
    { title: { zh: '执行时间', en: 'Due' }, field: 'due', sort: 'asc' },
    { title: { zh: '类型', en: 'Kind' }, field: 'kind' },
    { title: { zh: '客户', en: 'Customer' }, field: 'customerName' },
    { title: { zh: '收件人', en: 'To' }, field: 'to' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
  ],
});

/** The greetings the server mails by itself, birthdays and holidays. */
export const greetings = defineView({
  id: 'greetings',
  db: 'crm',
  name: { zh: '邮件\\问候', en: 'Mail\\Greetings' },
  forms: ['Greeting'],
  columns: [
    { title: { zh: '场合', en: 'Occasion' }, field: 'occasion', sort: 'asc' },
    { title: { zh: '名称', en: 'Name' }, field: 'name' },
    { title: { zh: '客户分组', en: 'Customer group' }, field: 'group' },
    { title: { zh: '启用', en: 'Enabled' }, field: 'enabled' },
  ],
});

/** Notices the gateway has not yet mailed, the soonest due first (no due time: at once). */
function noticesToMailIn(db: DbName, id: string, name: Label) {
  return defineView({
    id,
    db,
    name,
    forms: ['Notice'],
    where: [{ field: 'mailedAt', exists: false }],
    columns: [
      { title: { zh: '提醒时间', en: 'Due' }, field: 'due', sort: 'asc' },
      { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
    ],
  });
}

export const noticesToMail = noticesToMailIn('crm', 'notices-to-mail', { zh: '邮件\\待发通知', en: 'Mail\\Notices to Mail' });
export const officeNoticesToMail = noticesToMailIn('office', 'office-notices-to-mail', { zh: '通知\\待发邮件', en: 'Notices\\To Mail' });

/** Faxes still to hand to the fax transport, and those that failed. */
export const faxOutbox = defineView({
  id: 'fax-outbox',
  db: 'crm',
  name: { zh: '传真\\待发送', en: 'Fax\\Outbox' },
  forms: ['Fax'],
  where: [{ field: 'status', in: ['queued', 'sending', 'failed'] }],
  columns: [
    { title: { zh: '状态', en: 'Status' }, field: 'status', categorized: true },
    { title: { zh: '时间', en: 'When' }, field: 'timelineDate', sort: 'asc' },
    { title: { zh: '传真号码', en: 'Fax number' }, field: 'faxNumber' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
    { title: { zh: '失败原因', en: 'Reason' }, field: 'lastError' },
  ],
});

/** Mass mailings waiting for the server to make their messages. */
export const massMailingsQueued = defineView({
  id: 'mass-mailings-queued',
  db: 'crm',
  name: { zh: '邮件\\待群发', en: 'Mail\\Mass Mailings Queued' },
  forms: ['MassMailing'],
  where: [{ field: 'status', eq: 'queued' }],
  columns: [
    { title: { zh: '创建时间', en: 'Created' }, field: 'created', sort: 'asc' },
    { title: { zh: '名称', en: 'Name' }, field: 'name' },
    { title: { zh: '订阅列表', en: 'List' }, field: 'list' },
  ],
});

export const nurturesActive = defineView({
  id: 'nurtures-active',
  db: 'crm',
  name: { zh: '邮件\\培育中', en: 'Mail\\Nurture Sequences' },
  forms: ['Nurture'],
  where: [{ field: 'status', eq: 'active' }],
  columns: [
    { title: { zh: '客户', en: 'Customer' }, field: 'customerName', sort: 'asc' },
    { title: { zh: '联系人', en: 'Contact' }, field: 'contactName' },
    { title: { zh: '开始时间', en: 'Started' }, field: 'startedAt' },
    { title: { zh: '下一步', en: 'Next step' }, field: 'nextStep' },
  ],
});

/** Contacts with a birthday, for the scheduler's customer care (客户关怀). */
export const contactBirthdays = defineView({
  id: 'contact-birthdays',
  db: 'crm',
  name: { zh: '联系人\\生日', en: 'Contacts\\Birthdays' },
  forms: ['Contact'],
  where: [{ field: 'birthday', exists: true }],
  columns: [
    { title: { zh: '生日', en: 'Birthday' }, field: 'birthday', sort: 'asc' },
    { title: { zh: '姓名', en: 'Name' }, field: 'name' },
    { title: { zh: '客户', en: 'Customer' }, field: 'customerName' },
  ],
});

export const faxBatchesQueued = defineView({
  id: 'fax-batches-queued',
  db: 'crm',
  name: { zh: '传真\\待群发', en: 'Fax\\Batches Queued' },
  forms: ['FaxBatch'],
  where: [{ field: 'status', eq: 'queued' }],
  columns: [
    { title: { zh: '创建时间', en: 'Created' }, field: 'created', sort: 'asc' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
  ],
});

/** Mail templates by language, for the template lists of composing. */
export const mailTemplates = defineView({
  id: 'mail-templates',
  db: 'crm',
  name: { zh: '邮件\\模板', en: 'Mail\\Templates' },
  forms: ['MailTemplate'],
  columns: [
    { title: { zh: '语言', en: 'Language' }, field: 'language', categorized: true },
    { title: { zh: '模板名称', en: 'Template' }, field: 'name', sort: 'asc' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
  ],
});

/** Faxes handed to HylaFAX whose job the gateway still follows. */
export const faxJobsOpen = defineView({
  id: 'fax-jobs-open',
  db: 'crm',
  name: { zh: '传真\\发送中', en: 'Fax\\Being Sent' },
  forms: ['Fax'],
  where: [{ field: 'status', eq: 'sent' }, { field: 'faxJobId', exists: true }],
  columns: [
    { title: { zh: '交付时间', en: 'Handed over' }, field: 'sentAt', sort: 'asc' },
    { title: { zh: '传真号码', en: 'Fax number' }, field: 'faxNumber' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
    { title: { zh: '传真任务状态', en: 'Fax job state' }, field: 'jobState' },
  ],
});

/** Confirmed subscribers (double opt-in) by list: whom a mass mailing to the list reaches. */
export const subscriptionsByList = defineView({
  id: 'subscriptions-by-list',
  db: 'crm',
  name: { zh: '邮件\\订阅者', en: 'Mail\\Subscribers' },
  forms: ['Subscription'],
  columns: [
    { title: { zh: '订阅列表', en: 'List' }, field: 'list', categorized: true },
    { title: { zh: '邮箱地址', en: 'Address' }, field: 'address', sort: 'asc' },
    { title: { zh: '联系人', en: 'Contact' }, field: 'contactName' },
    { title: { zh: '确认时间', en: 'Confirmed' }, field: 'confirmedAt' },
  ],
});
