import type { ApprovalDef } from '../approval/approval-def.js';
import { approvalFields, approvalRules } from '../approval/approval-fields.js';
import { fieldError } from '../field-error.js';
import { defineForm, type Doc, type FieldError } from '../form.js';
import type { Label } from '../label.js';
import { choices } from './choices.js';
import { contactPick, customerLink, dealPick, MANAGER_ROLE, ownerAuthors, ownerReaders, today } from './crm-fields.js';
import { allowedDiscountPercent } from './crm-settings.js';
import { CURRENCIES } from './deal.js';
import { LANGUAGE_CHOICES } from './mail-template.js';
import { quotationTotals } from '../quotation-totals.js';

export const QUOTATION_KINDS = choices({
  quotation: ['报价单', 'Quotation'],
  proforma: ['形式发票', 'Proforma invoice'],
});

/** Incoterms 2020: the trade term's code is the same in every language. */
export const INCOTERMS = choices(Object.fromEntries(['EXW', 'FCA', 'FAS', 'FOB', 'CFR', 'CIF', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP'].map((code) => [code, [code, code] as [string, string]])));

export const QUOTATION_STATUSES = choices({
  draft: ['草稿', 'Draft'],
  sent: ['已发送', 'Sent'],
});

/** Written by the server when it sends the document: its number, and when, by whom and to whom it went. */
export const QUOTATION_SERVER_FIELDS = ['number', 'sentAt', 'sentBy', 'sentTo', 'mailId'] as const;

/** Whether the quotation's discount is above the one the CRM settings allow without approval. */
export function discountNeedsApproval(doc: Doc, crmSettings: Doc | null): boolean {
  return quotationTotals(doc).discountPercent > allowedDiscountPercent(crmSettings);
}

/**
 * A quotation above the allowed discount is approved by a sales director (`[Manager]`) before it is
 * sent; one within it, or already sent, needs no approval and is not submitted.
 */
export const QUOTATION_APPROVAL: ApprovalDef = {
  stages: [{ label: { zh: '销售总监审批', en: 'Sales director' }, approvers: { role: MANAGER_ROLE }, decide: 'any' }],
  required: (doc, crmSettings) => doc.status !== 'sent' && discountNeedsApproval(doc, crmSettings),
};

/** Why the quotation cannot be sent as its approval stands (the field to point at and the reason), or null. */
export function approvalRefusal(doc: Doc, crmSettings: Doc | null): { field: string; reason: Label } | null {
  if (doc.approvalStatus === 'pending') {
    return { field: 'approvalStatus', reason: { zh: '正在审批中：批准后才能发送', en: 'It is awaiting approval: it can be sent once approved' } };
  }
  if (doc.approvalStatus === 'rejected') {
    return { field: 'approvalStatus', reason: { zh: '审批已驳回，不能发送：请另建一份', en: 'Its approval was rejected: it cannot be sent; make a new one' } };
  }
  if (doc.approvalStatus === 'approved' || !discountNeedsApproval(doc, crmSettings)) return null;
  const [discount, allowed] = [quotationTotals(doc).discountPercent, allowedDiscountPercent(crmSettings)];
  return { field: 'discountPercent', reason: {
    zh: `折扣 ${discount}% 超过无需审批的 ${allowed}%：须经审批后才能发送`,
    en: `A discount of ${discount}% is above the ${allowed}% allowed without approval: it can be sent once approved`,
  } };
}

/**
 * A quotation or a proforma invoice (报价单、形式发票) made from a deal's order lines: its terms, in
 * the language the customer reads. The server numbers it, renders it as a PDF on the company's
 * letterhead and mails it from the deal (server/crm/quotation-routes.ts); once sent it is kept as sent.
 */
export const quotationForm = defineForm({
  name: 'Quotation',
  label: { zh: '报价单/形式发票', en: 'Quotation / proforma' },
  db: 'crm',
  titleField: 'title',
  serverFields: QUOTATION_SERVER_FIELDS,
  approval: QUOTATION_APPROVAL,
  fields: {
    title: { type: 'text', label: { zh: '标题', en: 'Title' }, maxLength: 300, computed: titleOf },
    kind: { type: 'choice', label: { zh: '类型', en: 'Kind' }, required: true, sortable: true, choices: QUOTATION_KINDS, default: 'quotation' },
    number: { type: 'text', label: { zh: '编号', en: 'Number' }, sortable: true, maxLength: 40 },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, required: true, sortable: true, choices: QUOTATION_STATUSES, default: 'draft' },
    dealId: { type: 'text', label: { zh: '业务', en: 'Deal' }, required: true, maxLength: 200, link: dealPick },
    dealName: { type: 'text', label: { zh: '业务名称', en: 'Deal name' }, sortable: true, maxLength: 200 },
    ...customerLink,
    owner: { type: 'names', label: { zh: '负责人', en: 'Owner' }, sortable: true },
    contactId: { type: 'text', label: { zh: '联系人', en: 'Contact' }, maxLength: 200, link: contactPick },
    contactName: { type: 'text', label: { zh: '联系人姓名', en: 'Contact name' }, maxLength: 100 },
    to: { type: 'email', label: { zh: '收件邮箱', en: 'Send to' } },
    language: { type: 'choice', label: { zh: '语言', en: 'Language' }, required: true, choices: LANGUAGE_CHOICES, default: 'en' },
    date: { type: 'date', label: { zh: '日期', en: 'Date' }, default: today },
    currency: { type: 'choice', label: { zh: '币种', en: 'Currency' }, required: true, choices: CURRENCIES, default: 'USD' },
    lines: {
      type: 'objects',
      label: { zh: '明细', en: 'Lines' },
      maxItems: 200,
      columns: {
        product: { type: 'text', label: { zh: '产品', en: 'Product' }, required: true, maxLength: 200 },
        model: { type: 'text', label: { zh: '型号', en: 'Model' }, maxLength: 100 },
        quantity: { type: 'number', label: { zh: '数量', en: 'Quantity' }, required: true, min: 0 },
        price: { type: 'number', label: { zh: '单价', en: 'Unit price' }, required: true, min: 0 },
      },
    },
    incoterm: { type: 'choice', label: { zh: '贸易术语', en: 'Incoterm' }, required: true, choices: INCOTERMS, default: 'FOB' },
    /** The named port or place the trade term is for: FOB Ningbo, CIF Hamburg. */
    place: { type: 'text', label: { zh: '港口/地点', en: 'Port / place' }, maxLength: 100 },
    paymentTerms: { type: 'text', label: { zh: '付款方式', en: 'Payment terms' }, maxLength: 300 },
    validUntil: { type: 'date', label: { zh: '有效期至', en: 'Valid until' } },
    deliveryTime: { type: 'text', label: { zh: '交货期', en: 'Delivery time' }, maxLength: 200 },
    discountPercent: { type: 'number', label: { zh: '折扣(%)', en: 'Discount (%)' }, min: 0, max: 100 },
    notes: { type: 'textarea', label: { zh: '备注', en: 'Notes' }, maxLength: 5000 },
    subtotal: { type: 'number', label: { zh: '小计', en: 'Subtotal' }, computed: (doc) => quotationTotals(doc).subtotal },
    total: { type: 'number', label: { zh: '总计', en: 'Total' }, computed: (doc) => quotationTotals(doc).total },
    sentAt: { type: 'datetime', label: { zh: '发送时间', en: 'Sent at' } },
    sentBy: { type: 'text', label: { zh: '发送人', en: 'Sent by' }, maxLength: 200 },
    sentTo: { type: 'keywords', label: { zh: '发送给', en: 'Sent to' }, maxLength: 320 },
    mailId: { type: 'text', label: { zh: '邮件', en: 'Mail' }, maxLength: 200 },
    // Readers and authors stay the deal's; the approvers are added to the readers.
    ...approvalFields(QUOTATION_APPROVAL, { ownAccess: true }),
  },
  defaultReaders: ownerReaders,
  defaultAuthors: ownerAuthors,
  rules: (doc, oldDoc, user) => [...approvalRules(doc, oldDoc, user), ...(user.roles.includes('[Server]') ? [] : writeErrors(doc, oldDoc))],
});

function titleOf(doc: Doc): string {
  const kind = QUOTATION_KINDS.find((k) => k.value === doc.kind)?.label ?? QUOTATION_KINDS[0]!.label;
  const name = typeof doc.number === 'string' && doc.number !== '' ? doc.number : `${kind.zh} ${kind.en}`;
  return typeof doc.customerName === 'string' && doc.customerName !== '' ? `${name} · ${doc.customerName}` : name;
}

/** A person writes drafts; sending, the number and the stamps are the server's, and a sent document stays as it went. */
function writeErrors(doc: Doc, oldDoc: Doc | null): FieldError[] {
  const before = oldDoc && !oldDoc._deleted ? oldDoc : null;
  if (before?.status === 'sent') {
    return [fieldError('status', 'rule', '已发送的报价单/形式发票不能再修改，请另建一份', 'It has been sent and cannot be changed: make a new one')];
  }
  const errors: FieldError[] = [];
  if (doc.status !== 'draft') errors.push(fieldError('status', 'rule', '由服务器在发送时设为已发送', 'The server marks it sent when it sends it'));
  for (const field of QUOTATION_SERVER_FIELDS) {
    if (JSON.stringify(doc[field]) !== JSON.stringify(before?.[field])) errors.push(fieldError(field, 'rule', '此字段由服务器填写', 'This field is written by the server'));
  }
  return errors;
}
