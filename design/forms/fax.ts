import { MB } from '../attachment-rules.js';
import { fieldError } from '../field-error.js';
import { defineForm, type Doc, type FieldError } from '../form.js';
import { choices } from './choices.js';
import { CUSTOMER_GROUPS_IN_USE } from './customer.js';
import { gatewayWriteErrors, isServerUser, type GatewayOwned } from './gateway-fields.js';

export const FAX_STATUSES = choices({
  draft: ['草稿', 'Draft'],
  queued: ['待发送', 'Queued'],
  sending: ['发送中', 'Sending'],
  /** Handed over: accepted by the e-mail-to-fax service's mail server, or a job HylaFAX took. */
  sent: ['已交付', 'Handed over'],
  delivered: ['已发出', 'Sent'],
  failed: ['发送失败', 'Failed'],
});

/** Where a fax handed to HylaFAX is, as the gateway last saw its job. */
export const FAX_JOB_STATES = choices({
  queued: ['在传真服务器排队', 'Queued at the fax server'],
  sending: ['正在发送', 'Being sent'],
  done: ['已发出', 'Sent'],
  failed: ['发送失败', 'Failed'],
});

const OWNED: GatewayOwned = {
  userStatuses: new Set(['draft', 'queued']),
  serverFields: ['attempts', 'claimedBy', 'leaseUntil', 'lastError', 'sentAt', 'transportRef', 'transport', 'faxJobId', 'jobState', 'deliveredAt'],
};

const BATCH_OWNED: GatewayOwned = { userStatuses: new Set(['draft', 'queued']), serverFields: ['queuedCount', 'skippedCount', 'problem'] };

/**
 * A fax to a customer (传真): cover sheet and body rendered to PDF by the server and handed to the
 * fax transport; on the customer's timeline like a message.
 */
export const faxForm = defineForm({
  name: 'Fax',
  label: { zh: '传真', en: 'Fax' },
  db: 'crm',
  titleField: 'subject',
  fields: {
    customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, maxLength: 200 },
    customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200 },
    recipientName: { type: 'text', label: { zh: '收件人', en: 'To' }, maxLength: 200 },
    faxNumber: { type: 'phone', label: { zh: '传真号码', en: 'Fax number' }, required: true },
    subject: { type: 'text', label: { zh: '主题', en: 'Subject' }, required: true, maxLength: 300 },
    coverNote: { type: 'textarea', label: { zh: '封面说明', en: 'Cover note' }, maxLength: 2000 },
    body: { type: 'textarea', label: { zh: '正文', en: 'Body' }, maxLength: 200_000 },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, required: true, sortable: true, choices: FAX_STATUSES, default: 'draft' },
    timelineDate: { type: 'datetime', label: { zh: '时间', en: 'When' }, computed: (doc) => timelineDateOf(doc) },
    attempts: { type: 'number', label: { zh: '发送次数', en: 'Attempts' }, min: 0 },
    claimedBy: { type: 'text', label: { zh: '发送服务器', en: 'Claimed by' }, maxLength: 200 },
    leaseUntil: { type: 'datetime', label: { zh: '占用至', en: 'Lease until' } },
    lastError: { type: 'textarea', label: { zh: '失败原因', en: 'Reason' }, maxLength: 2000 },
    sentAt: { type: 'datetime', label: { zh: '交付时间', en: 'Handed over' } },
    transportRef: { type: 'text', label: { zh: '传输编号', en: 'Transport reference' }, maxLength: 200 },
    transport: { type: 'choice', label: { zh: '发送方式', en: 'Sent by' }, choices: choices({ email: ['电子邮件转传真', 'E-mail to fax'], hylafax: ['HylaFAX', 'HylaFAX'] }) },
    faxJobId: { type: 'text', label: { zh: '传真任务号', en: 'Fax job' }, maxLength: 40 },
    jobState: { type: 'choice', label: { zh: '传真任务状态', en: 'Fax job state' }, choices: FAX_JOB_STATES },
    deliveredAt: { type: 'datetime', label: { zh: '发出时间', en: 'Sent' } },
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
  // The rendered PDF the server sends: only the fax gateway writes it.
  attachments: { label: { zh: '传真件', en: 'Fax pages' }, maxBytes: 20 * MB, maxTotalBytes: 20 * MB, userMay: () => false },
  rules: (doc, oldDoc, user) => (isServerUser(user) ? [] : [...gatewayWriteErrors(doc, oldDoc, OWNED), ...handedErrors(oldDoc)]),
});

/** A fax whose mail waits in the outbox is still queued, but it is the gateway's: changing it now would not change what is sent. */
function handedErrors(oldDoc: Doc | null): FieldError[] {
  return typeof oldDoc?.transportRef === 'string' ? [fieldError('status', 'rule', '已交给网关发送，不能再修改', 'It is with the gateway and can no longer be changed')] : [];
}

function timelineDateOf(doc: Doc): string | undefined {
  for (const value of [doc.deliveredAt, doc.sentAt, doc.created]) if (typeof value === 'string' && value !== '') return value;
  return undefined;
}

/**
 * A fax to a group of customers (群发传真): one Fax per customer with a fax number, made by the
 * server, to every customer of the groups picked and those named by id (`customerIds`, from the
 * API). A customer id that names no customer — a group's name given as a customer — sends the
 * batch back to its writer as a draft with the `problem`, rather than faxing fewer people than meant.
 */
export const faxBatchForm = defineForm({
  name: 'FaxBatch',
  label: { zh: '群发传真', en: 'Batch fax' },
  db: 'crm',
  titleField: 'subject',
  serverFields: BATCH_OWNED.serverFields,
  fields: {
    subject: { type: 'text', label: { zh: '主题', en: 'Subject' }, required: true, maxLength: 300 },
    coverNote: { type: 'textarea', label: { zh: '封面说明', en: 'Cover note' }, maxLength: 2000 },
    body: { type: 'textarea', label: { zh: '正文', en: 'Body' }, maxLength: 200_000 },
    groups: { type: 'keywords', label: { zh: '客户分组', en: 'Customer groups' }, suggestFrom: CUSTOMER_GROUPS_IN_USE },
    customerIds: { type: 'keywords', label: { zh: '客户', en: 'Customers' } },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, required: true, choices: choices({ draft: ['草稿', 'Draft'], queued: ['待发送', 'Queued'], expanded: ['已生成传真', 'Faxes queued'] }), default: 'draft' },
    problem: { type: 'textarea', label: { zh: '未能发送的原因', en: 'Why it was not sent' }, maxLength: 2000 },
    queuedCount: { type: 'number', label: { zh: '已生成', en: 'Faxes' }, min: 0 },
    skippedCount: { type: 'number', label: { zh: '跳过（无传真号码）', en: 'Skipped (no fax number)' }, min: 0 },
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
  rules: (doc, oldDoc, user) => (isServerUser(user) ? [] : [...gatewayWriteErrors(doc, oldDoc, BATCH_OWNED), ...recipientErrors(doc, 'customerIds')]),
});

/** A batch goes to someone: a group picked, or people named by id. */
export function recipientErrors(doc: Doc, idsField: string): FieldError[] {
  const some = (value: unknown) => Array.isArray(value) && value.length > 0;
  return some(doc.groups) || some(doc[idsField]) ? [] : [fieldError('groups', 'required', '请选择至少一个客户分组', 'Pick at least one customer group')];
}
