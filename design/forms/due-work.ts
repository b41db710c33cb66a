import { defineForm } from '../form.js';
import { choices } from './choices.js';

export const DUE_WORK_KINDS = choices({
  followUp: ['跟进', 'Follow-up'],
});

export const DUE_WORK_STATUSES = choices({
  pending: ['待执行', 'Pending'],
  done: ['已执行', 'Done'],
  cancelled: ['已取消', 'Cancelled'],
});

/**
 * Work the scheduler does at a time (定时任务), kept as a document so that it survives restarts,
 * is caught up after downtime and is done once by whichever server claims it first. A follow-up
 * reminds `owner` that `aboutId` got no answer, unless the customer replied first.
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
    subject: { type: 'text', label: { zh: '主题', en: 'Subject' }, required: true, maxLength: 2000 },
    owner: { type: 'names', label: { zh: '负责人', en: 'Owner' }, sortable: true },
    aboutId: { type: 'text', label: { zh: '相关文档', en: 'About' }, maxLength: 200 },
    customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, maxLength: 200 },
    customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200 },
    claimedBy: { type: 'text', label: { zh: '执行服务器', en: 'Claimed by' }, maxLength: 200 },
    leaseUntil: { type: 'datetime', label: { zh: '占用至', en: 'Lease until' } },
    doneAt: { type: 'datetime', label: { zh: '完成时间', en: 'Done' } },
    cancelledBy: { type: 'text', label: { zh: '取消原因', en: 'Cancelled by' }, maxLength: 200 },
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
});
