import { defineView } from '../view-def.js';

/**
 * The forms on a customer's timeline: each has `customerId`, `customerName` and a computed
 * `timelineDate` (when it happened).
 */
export const TIMELINE_FORMS = ['Activity', 'Deal', 'Appointment', 'MailMessage', 'Fax', 'Complaint', 'Support', 'Service'] as const;

/** Everything about one customer, newest first. */
export const customerTimeline = defineView({
  id: 'customer-timeline',
  db: 'crm',
  name: { zh: '客户\\时间线', en: 'Customers\\Timeline' },
  forms: TIMELINE_FORMS,
  where: [{ field: 'customerId', exists: true }],
  columns: [
    { title: { zh: '客户', en: 'Customer' }, field: 'customerName', categorized: true },
    { title: { zh: '时间', en: 'Date' }, field: 'timelineDate', sort: 'desc' },
    { title: { zh: '类型', en: 'Type' }, field: 'form' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
    { title: { zh: '业务', en: 'Deal' }, field: 'name' },
    { title: { zh: '负责人', en: 'Owner' }, field: 'owner' },
  ],
});

/**
 * Everything about one customer with its mail grouped by conversation: each conversation under its
 * heading (its first subject, without Re:), so a thread's replies (In-Reply-To, References) and
 * other threads of the same subject read together, newest first. Entries that are no mail
 * (activities, deals, faxes, complaints) stay together under the customer's untitled heading.
 */
export const customerTimelineByConversation = defineView({
  id: 'customer-timeline-conversations',
  db: 'crm',
  name: { zh: '客户\\时间线（按会话）', en: 'Customers\\Timeline by Conversation' },
  forms: TIMELINE_FORMS,
  where: [{ field: 'customerId', exists: true }],
  columns: [
    { title: { zh: '客户', en: 'Customer' }, field: 'customerName', categorized: true },
    { title: { zh: '会话', en: 'Conversation' }, field: 'threadTitle', categorized: true },
    { title: { zh: '时间', en: 'Date' }, field: 'timelineDate', sort: 'desc' },
    { title: { zh: '类型', en: 'Type' }, field: 'form' },
    { title: { zh: '方向', en: 'Direction' }, field: 'direction' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
    { title: { zh: '业务', en: 'Deal' }, field: 'name' },
    { title: { zh: '负责人', en: 'Owner' }, field: 'owner' },
  ],
});
