import type { ApprovalDef } from '../approval/approval-def.js';
import { approvalFields, approvalRules } from '../approval/approval-fields.js';
import { MB } from '../attachment-rules.js';
import { defineForm } from '../form.js';
import { choices } from './choices.js';

/** Suggested subjects of a request; any other can be typed. */
export const REQUEST_CATEGORIES = choices({
  purchase: ['采购', 'Purchase'],
  leave: ['请假', 'Leave'],
  travel: ['出差', 'Business trip'],
  contract: ['合同', 'Contract'],
  credit: ['信用条件', 'Credit terms'],
  personnel: ['人事', 'Personnel'],
  other: ['其他', 'Other'],
});

export const REQUEST_ORDERS = choices({
  sequence: ['依次审批', 'One after another'],
  parallel: ['同时审批（全部同意）', 'All at once (all must approve)'],
});

/** The filer names the approvers, one after another or all at once. */
export const REQUEST_APPROVAL: ApprovalDef = {
  stages: [
    { label: { zh: '审批', en: 'Approval' }, approvers: { field: 'approvers' }, decide: 'all', sequenceWhen: { field: 'order', value: 'sequence' } },
  ],
};

/** A request (请示 / 公文) with a free subject and category, routed to the people its filer names. */
export const officeRequestForm = defineForm({
  name: 'Request',
  label: { zh: '请示公文', en: 'Request' },
  db: 'office',
  titleField: 'subject',
  approval: REQUEST_APPROVAL,
  fields: {
    subject: { type: 'text', label: { zh: '标题', en: 'Subject' }, required: true, sortable: true, maxLength: 300 },
    category: { type: 'choice', label: { zh: '类别', en: 'Category' }, required: true, sortable: true, choices: REQUEST_CATEGORIES, openChoices: true },
    body: { type: 'textarea', label: { zh: '正文', en: 'Text' }, required: true, maxLength: 50000 },
    approvers: { type: 'names', label: { zh: '审批人', en: 'Approvers' }, required: true, maxItems: 20 },
    order: { type: 'choice', label: { zh: '审批方式', en: 'Order' }, required: true, choices: REQUEST_ORDERS, default: 'sequence' },
    ...approvalFields(REQUEST_APPROVAL),
  },
  attachments: { label: { zh: '附件', en: 'Files' }, maxBytes: 20 * MB, maxTotalBytes: 50 * MB },
  rules: approvalRules,
});
