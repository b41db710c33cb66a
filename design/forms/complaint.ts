import { defineForm, type Doc, type SaveContext } from '../form.js';
import { fieldError } from '../field-error.js';
import { SERVER_USER, type UserContext } from '../user.js';
import { choices } from './choices.js';
import { customerPick } from './crm-fields.js';

export const COMPLAINT_CATEGORIES = choices({
  quality: ['产品质量', 'Product quality'],
  delivery: ['交货', 'Delivery'],
  packaging: ['包装', 'Packaging'],
  service: ['服务', 'Service'],
  price: ['价格结算', 'Price and billing'],
  other: ['其他', 'Other'],
});

export const COMPLAINT_TARGETS = choices({
  product: ['产品', 'Product'],
  person: ['人员', 'Person'],
  department: ['部门', 'Department'],
});

/** new → (review →) assigned → solved → closed; see design/complaint-actions.ts. */
export const COMPLAINT_STATUSES = choices({
  new: ['新登记', 'New'],
  review: ['待经理审核', 'Awaiting review'],
  assigned: ['处理中', 'Being handled'],
  solved: ['已解决', 'Solved'],
  closed: ['已关闭', 'Closed'],
});

/**
 * The fields that only the complaint's steps change. Steps are taken through the server, which
 * stamps who took them and when (its own clock), so a workstation can neither backdate a step nor
 * take one in someone else's name; the server saves them as `[Server]`.
 */
export const COMPLAINT_WORKFLOW_FIELDS = [
  'status', 'department', 'handler', 'handling', 'solution', 'summary', 'steps', 'closedAt', 'overdueNotifiedAt',
] as const;

export const complaintForm = defineForm({
  name: 'Complaint',
  label: { zh: '客户投诉', en: 'Complaint' },
  db: 'crm',
  titleField: 'subject',
  fields: {
    subject: { type: 'text', label: { zh: '投诉主题', en: 'Subject' }, sortable: true, required: true, maxLength: 300 },
    customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, required: true, link: customerPick },
    customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200 },
    contactName: { type: 'text', label: { zh: '投诉人', en: 'Complainant' }, maxLength: 200 },
    received: { type: 'datetime', label: { zh: '受理时间', en: 'Received' }, required: true, default: (ctx: SaveContext) => ctx.now },
    category: { type: 'choice', label: { zh: '投诉类别', en: 'Category' }, sortable: true, required: true, choices: COMPLAINT_CATEGORIES },
    aboutKind: { type: 'choice', label: { zh: '投诉对象类型', en: 'About a' }, required: true, choices: COMPLAINT_TARGETS },
    about: { type: 'text', label: { zh: '投诉对象', en: 'About' }, required: true, maxLength: 200 },
    description: { type: 'textarea', label: { zh: '投诉内容', en: 'Description' }, required: true, maxLength: 20000 },
    needsReview: { type: 'boolean', label: { zh: '需经理审核', en: 'Manager review first' }, default: false },
    manager: { type: 'names', label: { zh: '负责经理', en: 'Manager' }, required: true },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, sortable: true, required: true, choices: COMPLAINT_STATUSES, default: 'new' },
    /** A group (department) of the directory: its members handle the complaint. */
    department: { type: 'text', label: { zh: '处理部门', en: 'Department' }, sortable: true, maxLength: 100 },
    handler: { type: 'names', label: { zh: '处理人', en: 'Handler' } },
    handling: { type: 'objects', label: { zh: '处理记录', en: 'Handling records' } },
    solution: { type: 'textarea', label: { zh: '解决方案', en: 'Solution' }, maxLength: 20000 },
    summary: { type: 'textarea', label: { zh: '总结', en: 'Summary' }, maxLength: 20000 },
    steps: { type: 'objects', label: { zh: '处理过程', en: 'Steps' } },
    closedAt: { type: 'datetime', label: { zh: '关闭时间', en: 'Closed' } },
    overdueNotifiedAt: { type: 'datetime', label: { zh: '超时通知时间', en: 'Overdue notice sent' } },
    timelineDate: { type: 'datetime', label: { zh: '时间', en: 'Date' }, computed: (doc) => doc.received ?? doc.created },
    /** Who may edit, kept current as the complaint moves: its filer, manager, managers, department and handler. */
    authors: { type: 'authors', label: { zh: '作者', en: 'Authors' }, computed: complaintAuthors },
  },
  rules: (doc, oldDoc, user) => {
    if (isServer(user)) return [];
    const changed = COMPLAINT_WORKFLOW_FIELDS.filter((field) => !sameValue(doc[field], oldDoc ? oldDoc[field] : initialValue(field)));
    return changed.map((field) => fieldError(field, 'rule',
      '投诉的处理步骤须通过服务器办理（由服务器记录时间和办理人）',
      'Complaint steps are taken through the server, which records who took them and when'));
  },
});

function complaintAuthors(doc: Doc): string[] {
  const names = [doc.createdBy, ...list(doc.manager), '[Manager]', doc.department, ...list(doc.handler)];
  return [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))];
}

function initialValue(field: string): unknown {
  return field === 'status' ? 'new' : undefined;
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function isServer(user: UserContext): boolean {
  return SERVER_USER.roles.every((role) => user.roles.includes(role));
}

function sameValue(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
  return (empty(a) && empty(b)) || JSON.stringify(a) === JSON.stringify(b);
}
