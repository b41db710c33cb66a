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
