import { defineForm, type Doc } from '../form.js';
import { choices } from './choices.js';
import { CUSTOMER_GROUPS_IN_USE } from './customer.js';
import { gatewayWriteErrors, isServerUser, type GatewayOwned } from './gateway-fields.js';

const OWNED: GatewayOwned = { userStatuses: new Set(['draft', 'queued']), serverFields: ['expandedAt', 'queuedCount', 'skippedCount'] };

/**
 * Mass mail (群发邮件): one template, personalised for each contact, sent to the contacts chosen and
 * to those who confirmed a subscription to `list`; every message carries a link that unsubscribes
 * its recipient from the list.
 */
export const massMailingForm = defineForm({
  name: 'MassMailing',
  label: { zh: '群发邮件', en: 'Mass mailing' },
  db: 'crm',
  titleField: 'name',
  serverFields: OWNED.serverFields,
  fields: {
    name: { type: 'text', label: { zh: '名称', en: 'Name' }, required: true, sortable: true, maxLength: 200 },
    list: { type: 'text', label: { zh: '订阅列表', en: 'Subscription list' }, required: true, maxLength: 100 },
    templateId: { type: 'text', label: { zh: '邮件模板', en: 'Template' }, required: true, maxLength: 200, link: { db: 'crm', forms: ['MailTemplate'], fill: { templateName: 'name' } } },
    templateName: { type: 'text', label: { zh: '模板名称', en: 'Template name' }, maxLength: 200 },
    /** Every contact (with an address) of the customers in these groups; the list's confirmed subscribers are added when the messages are made, so both may be empty. */
    groups: { type: 'keywords', label: { zh: '客户分组', en: 'Customer groups' }, suggestFrom: CUSTOMER_GROUPS_IN_USE },
    /** Chosen through the API by id. */
    contactIds: { type: 'keywords', label: { zh: '联系人', en: 'Contacts' } },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, required: true, choices: choices({ draft: ['草稿', 'Draft'], queued: ['待发送', 'Queued'], expanded: ['已生成邮件', 'Messages queued'] }), default: 'draft' },
    expandedAt: { type: 'datetime', label: { zh: '生成时间', en: 'Queued at' } },
    queuedCount: { type: 'number', label: { zh: '已生成', en: 'Messages' }, min: 0 },
    skippedCount: { type: 'number', label: { zh: '跳过（退订或无地址）', en: 'Skipped (unsubscribed or no address)' }, min: 0 },
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
  rules: (doc: Doc, oldDoc, user) => (isServerUser(user) ? [] : gatewayWriteErrors(doc, oldDoc, OWNED)),
});

/** An address on a subscription list, joining or leaving it. */
const LIST_ADDRESS = {
  address: { type: 'email', label: { zh: '邮箱地址', en: 'Address' }, required: true, sortable: true },
  list: { type: 'text', label: { zh: '订阅列表', en: 'Subscription list' }, required: true, sortable: true, maxLength: 100 },
} as const;

/** An address that left a subscription list (退订); written by the server when the link is followed. */
export const unsubscribeForm = defineForm({
  name: 'Unsubscribe',
  label: { zh: '退订', en: 'Unsubscribed' },
  db: 'crm',
  titleField: 'address',
  minimumLevel: 'manager',
  fields: LIST_ADDRESS,
});

/** An address that confirmed its subscription to a list (double opt-in, docs/web-capture.md); written by the server only. */
export const subscriptionForm = defineForm({
  name: 'Subscription',
  label: { zh: '订阅', en: 'Subscription' },
  db: 'crm',
  titleField: 'address',
  minimumLevel: 'manager',
  fields: {
    ...LIST_ADDRESS,
    contactId: { type: 'text', label: { zh: '联系人', en: 'Contact' }, maxLength: 200 },
    contactName: { type: 'text', label: { zh: '联系人姓名', en: 'Contact name' }, maxLength: 200 },
    requestedAt: { type: 'datetime', label: { zh: '申请时间', en: 'Requested' } },
    confirmedAt: { type: 'datetime', label: { zh: '确认时间', en: 'Confirmed' } },
    site: { type: 'text', label: { zh: '网站表单', en: 'Website form' }, maxLength: 200 },
  },
});
