import { defineForm } from '../form.js';
import { choices } from './choices.js';
import { contactPick, customerLink, dealPick, now, ownerHistory, savingUser } from './crm-fields.js';

export const ACTIVITY_KINDS = choices({
  call: ['电话', 'Call'],
  email: ['电子邮件', 'E-mail'],
  visit: ['拜访', 'Visit'],
  meeting: ['会议', 'Meeting'],
});

export const ACTIVITY_STATUSES = choices({
  planned: ['计划', 'Planned'],
  done: ['已完成', 'Done'],
});

/** A call, e-mail, visit or meeting with a customer (联系活动), planned or done. */
export const activityForm = defineForm({
  name: 'Activity',
  label: { zh: '联系活动', en: 'Activity' },
  db: 'crm',
  titleField: 'subject',
  fields: {
    subject: { type: 'text', label: { zh: '主题', en: 'Subject' }, required: true, maxLength: 300 },
    kind: { type: 'choice', label: { zh: '方式', en: 'Kind' }, sortable: true, required: true, choices: ACTIVITY_KINDS, default: 'call' },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, sortable: true, required: true, choices: ACTIVITY_STATUSES, default: 'done' },
    when: { type: 'datetime', label: { zh: '时间', en: 'When' }, required: true, default: now },
    ...customerLink,
    contactId: { type: 'text', label: { zh: '联系人', en: 'Contact' }, maxLength: 200, link: contactPick },
    contactName: { type: 'text', label: { zh: '联系人姓名', en: 'Contact name' }, maxLength: 100 },
    dealId: { type: 'text', label: { zh: '业务', en: 'Deal' }, maxLength: 200, link: dealPick },
    dealName: { type: 'text', label: { zh: '业务名称', en: 'Deal name' }, maxLength: 200 },
    owner: { type: 'names', label: { zh: '业务员', en: 'Owner' }, sortable: true, default: savingUser },
    result: { type: 'textarea', label: { zh: '结果', en: 'Result' }, maxLength: 20000 },
    /** A planned activity moves with its customer in a hand-over, which is recorded here. */
    ownerHistory,
    timelineDate: { type: 'datetime', label: { zh: '时间', en: 'Date' }, computed: (doc) => doc.when },
  },
  defaultAuthors: (doc, ctx) => [...new Set([ctx.user.name, ...(Array.isArray(doc.owner) ? doc.owner.map(String) : [])])],
});
