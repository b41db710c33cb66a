import { defineForm, type SaveContext } from '../form.js';
import { choices } from './choices.js';
import { customerPick } from './crm-fields.js';

/** Every customer-service record names its customer, as all customer documents do. */
const customer = {
  customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, required: true, link: customerPick },
  customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200 },
} as const;

export const SUPPORT_STATUSES = choices({
  open: ['待答复', 'Open'],
  answered: ['已答复', 'Answered'],
  escalated: ['已转技术支持', 'Escalated'],
});

/** 客户支持: the customer's question, answered from the standard Q&A library or escalated. */
export const supportForm = defineForm({
  name: 'Support',
  label: { zh: '客户支持', en: 'Support request' },
  db: 'crm',
  titleField: 'question',
  fields: {
    ...customer,
    asked: { type: 'datetime', label: { zh: '提问时间', en: 'Asked' }, required: true, default: (ctx: SaveContext) => ctx.now },
    question: { type: 'text', label: { zh: '问题', en: 'Question' }, sortable: true, required: true, maxLength: 500 },
    details: { type: 'textarea', label: { zh: '问题描述', en: 'Details' }, maxLength: 20000 },
    /** The standard answer chosen (a `QA` document of the library), copied so it stays as given. */
    qaId: { type: 'text', label: { zh: '标准答案', en: 'Standard answer' }, maxLength: 200, link: { db: 'library', forms: ['QA'], fill: { answer: 'answer' } } },
    answer: { type: 'textarea', label: { zh: '答复', en: 'Answer' }, maxLength: 20000 },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, sortable: true, required: true, choices: SUPPORT_STATUSES, default: 'open' },
    escalatedTo: { type: 'names', label: { zh: '技术支持', en: 'Technical support' } },
    timelineDate: { type: 'datetime', label: { zh: '时间', en: 'Date' }, computed: (doc) => doc.asked ?? doc.created },
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name, '[Support]'],
});

export const SERVICE_KINDS = choices({
  onSite: ['上门服务', 'On site'],
  phone: ['电话服务', 'Phone'],
  remote: ['远程服务', 'Remote'],
});

/** 售后服务: a service given to a customer, when, how, and by whom. */
export const serviceForm = defineForm({
  name: 'Service',
  label: { zh: '售后服务', en: 'After-sales service' },
  db: 'crm',
  titleField: 'subject',
  fields: {
    ...customer,
    subject: { type: 'text', label: { zh: '服务主题', en: 'Subject' }, sortable: true, required: true, maxLength: 300 },
    time: { type: 'datetime', label: { zh: '服务时间', en: 'Time' }, required: true, default: (ctx: SaveContext) => ctx.now },
    kind: { type: 'choice', label: { zh: '服务方式', en: 'Kind' }, sortable: true, required: true, choices: SERVICE_KINDS },
    content: { type: 'textarea', label: { zh: '服务内容', en: 'Content' }, required: true, maxLength: 20000 },
    servedBy: { type: 'names', label: { zh: '服务人员', en: 'Served by' }, sortable: true, required: true, default: (ctx: SaveContext) => [ctx.user.name] },
    timelineDate: { type: 'datetime', label: { zh: '时间', en: 'Date' }, computed: (doc) => doc.time ?? doc.created },
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
});
