import type { ApprovalDef } from '../approval/approval-def.js';
import { approvalFields, approvalRules } from '../approval/approval-fields.js';
import { fieldError } from '../field-error.js';
import { defineForm, type Doc, type FieldError } from '../form.js';
import type { Label } from '../label.js';
import { exchangeRate } from './crm-configured.js';
import { DEFAULT_ALLOWED_CREDIT_DAYS, DEFAULT_ALLOWED_CREDIT_LIMIT } from './crm-settings.js';
import { customerLink, dealPick, MANAGER_ROLE, ownerAuthors, ownerReaders } from './crm-fields.js';
import { CURRENCIES } from './deal.js';

const number = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function allowedDays(settings: Doc | null): number {
  return typeof settings?.allowedCreditDays === 'number' ? settings.allowedCreditDays : DEFAULT_ALLOWED_CREDIT_DAYS;
}

function allowedLimit(settings: Doc | null): number {
  return typeof settings?.allowedCreditLimit === 'number' ? settings.allowedCreditLimit : DEFAULT_ALLOWED_CREDIT_LIMIT;
}

/**
 * Why these credit terms are beyond what the CRM settings allow without approval, or null: more
 * credit days, or a larger limit in the base currency (a limit in a currency without an exchange
 * rate cannot be compared, so it needs approval too).
 */
export function creditBeyondAllowed(doc: Doc, settings: Doc | null): Label | null {
  const [days, maxDays] = [number(doc.creditDays), allowedDays(settings)];
  if (days > maxDays) return { zh: `账期 ${days} 天超过无需审批的 ${maxDays} 天`, en: `${days} credit days are more than the ${maxDays} allowed without approval` };
  const limit = number(doc.creditLimit);
  if (limit === 0) return null;
  const base = typeof settings?.baseCurrency === 'string' ? settings.baseCurrency : 'CNY';
  const currency = typeof doc.currency === 'string' ? doc.currency : base;
  const rate = currency === base ? 1 : exchangeRate(settings, currency);
  const maxLimit = allowedLimit(settings);
  if (rate === undefined) return { zh: `没有 ${currency} 折合 ${base} 的汇率，信用额度须经审批`, en: `There is no exchange rate for ${currency} into ${base}: the credit limit needs approval` };
  if (limit * rate > maxLimit) return { zh: `信用额度超过无需审批的 ${maxLimit} ${base}`, en: `The credit limit is above the ${maxLimit} ${base} allowed without approval` };
  return null;
}

/** Credit terms beyond the allowed are approved by a sales director (`[Manager]`) before they apply to the deal. */
export const CREDIT_TERMS_APPROVAL: ApprovalDef = {
  stages: [{ label: { zh: '销售总监审批', en: 'Sales director' }, approvers: { role: MANAGER_ROLE }, decide: 'any' }],
  required: (doc, settings) => doc.appliedAt === undefined && creditBeyondAllowed(doc, settings) !== null,
};

/** Why these terms cannot be applied to the deal now, or null. */
export function creditTermsRefusal(doc: Doc, settings: Doc | null): Label | null {
  if (typeof doc.appliedAt === 'string') return { zh: '这些信用条件已经生效', en: 'These credit terms have already been applied' };
  if (doc.approvalStatus === 'pending') return { zh: '正在审批中：批准后才能生效', en: 'They are awaiting approval: they apply once approved' };
  if (doc.approvalStatus === 'rejected') return { zh: '审批已驳回，不能生效：请另建一份', en: 'Their approval was rejected: make a new request' };
  if (doc.approvalStatus === 'approved') return null;
  const beyond = creditBeyondAllowed(doc, settings);
  return beyond ? { zh: `${beyond.zh}：须经审批后才能生效`, en: `${beyond.en}: they apply once approved` } : null;
}

/** Written by the server when it applies the terms to the deal. */
export const CREDIT_TERMS_SERVER_FIELDS = ['appliedAt', 'appliedBy'] as const;

/**
 * A change of a deal's credit terms (信用条件: payment terms, credit days, credit limit). Within what
 * the CRM settings allow it applies at once; beyond it, a sales director approves it first. Only
 * the server writes the deal's terms (`POST /api/crm/credit-terms/:id/apply`), so nobody raises
 * them offline or through the gateway.
 */
export const creditTermsForm = defineForm({
  name: 'CreditTerms',
  label: { zh: '信用条件', en: 'Credit terms' },
  db: 'crm',
  titleField: 'subject',
  serverFields: CREDIT_TERMS_SERVER_FIELDS,
  approval: CREDIT_TERMS_APPROVAL,
  fields: {
    subject: { type: 'text', label: { zh: '标题', en: 'Title' }, maxLength: 300, computed: subjectOf },
    dealId: { type: 'text', label: { zh: '业务', en: 'Deal' }, required: true, maxLength: 200, link: dealPick },
    dealName: { type: 'text', label: { zh: '业务名称', en: 'Deal name' }, sortable: true, maxLength: 200 },
    ...customerLink,
    owner: { type: 'names', label: { zh: '负责人', en: 'Owner' }, sortable: true },
    paymentTerms: { type: 'text', label: { zh: '付款方式', en: 'Payment terms' }, required: true, maxLength: 300 },
    creditDays: { type: 'number', label: { zh: '账期（天）', en: 'Credit days' }, required: true, min: 0, max: 3650 },
    creditLimit: { type: 'number', label: { zh: '信用额度', en: 'Credit limit' }, min: 0 },
    currency: { type: 'choice', label: { zh: '币种', en: 'Currency' }, required: true, choices: CURRENCIES, default: 'USD' },
    reason: { type: 'textarea', label: { zh: '理由', en: 'Reason' }, maxLength: 5000 },
    appliedAt: { type: 'datetime', label: { zh: '生效时间', en: 'Applied' } },
    appliedBy: { type: 'text', label: { zh: '生效办理人', en: 'Applied by' }, maxLength: 200 },
    // Readers and authors stay the deal's; the approvers are added to the readers.
    ...approvalFields(CREDIT_TERMS_APPROVAL, { ownAccess: true }),
  },
  defaultReaders: ownerReaders,
  defaultAuthors: ownerAuthors,
  rules: (doc, oldDoc, user) => [...approvalRules(doc, oldDoc, user), ...(user.roles.includes('[Server]') ? [] : writeErrors(doc, oldDoc))],
});

function subjectOf(doc: Doc): string {
  const deal = typeof doc.dealName === 'string' && doc.dealName !== '' ? doc.dealName : String(doc.dealId ?? '');
  return `信用条件 Credit terms · ${deal} · ${number(doc.creditDays)}d`.slice(0, 300);
}

/** Terms once applied stay as they went into the deal; the stamps are the server's. */
function writeErrors(doc: Doc, oldDoc: Doc | null): FieldError[] {
  const before = oldDoc && !oldDoc._deleted ? oldDoc : null;
  if (typeof before?.appliedAt === 'string') {
    return [fieldError('appliedAt', 'rule', '已生效的信用条件不能再修改，请另建一份', 'Credit terms already applied cannot be changed: make a new request')];
  }
  return CREDIT_TERMS_SERVER_FIELDS
    .filter((field) => JSON.stringify(doc[field]) !== JSON.stringify(before?.[field]))
    .map((field) => fieldError(field, 'rule', '此字段由服务器填写', 'This field is written by the server'));
}

/** A new change of a deal's credit terms, starting from the terms in force, restricted as the deal is. */
export function creditTermsFromDeal(deal: Doc): Doc {
  const owner = Array.isArray(deal.owner) ? deal.owner.map(String) : [];
  const readers = Array.isArray(deal.readers) ? deal.readers.map(String) : [];
  const kept = Object.fromEntries(['paymentTerms', 'creditDays', 'creditLimit', 'currency'].flatMap((field) => (deal[field] === undefined ? [] : [[field, deal[field]]])));
  return {
    dealId: deal._id, dealName: deal.name, customerId: deal.customerId, customerName: deal.customerName, ...kept,
    ...(owner.length > 0 ? { owner } : {}),
    ...(readers.length > 0 ? { readers } : {}),
  };
}
