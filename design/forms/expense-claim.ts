import type { ApprovalDef, BaseAmount } from '../approval/approval-def.js';
import { approvalFields, approvalRules } from '../approval/approval-fields.js';
import { MB } from '../attachment-rules.js';
import { fieldError } from '../field-error.js';
import { defineForm, type Doc, type FieldLink } from '../form.js';
import { isServerUser } from './gateway-fields.js';
import { choices } from './choices.js';
import { customerPick, savingUser } from './crm-fields.js';
import { CURRENCIES } from './deal.js';

export const EXPENSE_CATEGORIES = choices({
  travel: ['差旅交通', 'Travel'],
  hotel: ['住宿', 'Hotel'],
  meals: ['餐费招待', 'Meals and entertainment'],
  gifts: ['礼品', 'Gifts'],
  samples: ['样品', 'Samples'],
  courier: ['快递邮寄', 'Courier and postage'],
  fair: ['展会', 'Trade fair'],
  communication: ['通讯', 'Communication'],
  other: ['其他', 'Other'],
});

/** A request before spending (费用申请), or a claim for what was spent (费用报销). */
export const EXPENSE_KINDS = choices({
  claim: ['费用报销', 'Expense claim'],
  request: ['费用申请', 'Expense request'],
});

export const FINANCE_ROLE = '[Finance]';
export const DIRECTOR_ROLE = '[Director]';
/** Over this, in the base currency, a claim also goes to the director. */
export const DIRECTOR_THRESHOLD = 5000;

/** Picking the deal a claim was for brings its customer too. */
const dealOfClaim = { db: 'crm', forms: ['Deal'], fill: { dealName: 'name', customerId: 'customerId', customerName: 'customerName' } } as const satisfies FieldLink;

/** A line's own deal or customer, else the claim's: what each expense was for. */
export function lineFor(claim: Doc, line: Doc): { dealId: string; dealName: string; customerId: string; customerName: string } {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const own = text(line.dealId) !== '' || text(line.customerId) !== '';
  const from = own ? line : claim;
  return { dealId: text(from.dealId), dealName: text(from.dealName), customerId: text(from.customerId), customerName: text(from.customerName) };
}

/** Every deal (or customer) the claim's lines were for, for the views that list claims under each. */
function linesFor(doc: Doc, field: 'dealName' | 'customerName'): string[] {
  const lines = Array.isArray(doc.lines) ? (doc.lines as Doc[]).filter((l) => l !== null && typeof l === 'object') : [];
  const names = (lines.length > 0 ? lines.map((line) => lineFor(doc, line)[field]) : [typeof doc[field] === 'string' ? doc[field] : '']).filter((n) => n !== '');
  return [...new Set(names)];
}

interface Line { amount?: unknown; currency?: unknown }

function linesOf(doc: Doc): Line[] {
  return Array.isArray(doc.lines) ? (doc.lines as Line[]).filter((l) => l !== null && typeof l === 'object') : [];
}

const cents = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? Math.round(value * 100) : 0);

/** The lines added up per currency: `CNY 6000; USD 120`. */
export function expenseTotals(doc: Doc): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of linesOf(doc)) {
    const currency = typeof line.currency === 'string' && line.currency !== '' ? line.currency : 'CNY';
    totals.set(currency, (totals.get(currency) ?? 0) + cents(line.amount));
  }
  return new Map([...totals].map(([currency, c]) => [currency, c / 100]));
}

/** The claim in the base currency, line by line at the CRM settings' rates. */
export function expenseInBase(doc: Doc, rate: (currency: string) => number | undefined): BaseAmount {
  let total = 0;
  for (const [currency, amount] of expenseTotals(doc)) {
    const r = rate(currency);
    if (r === undefined) return { missingRate: currency };
    total += Math.round(amount * r * 100);
  }
  return { amount: total / 100 };
}

/**
 * The route of an expense claim or request: the filer's department head, then — over ¥5,000 in the
 * base currency — a director; finance then marks it paid. Finance and directors read every claim,
 * for the statistics.
 */
export const EXPENSE_APPROVAL: ApprovalDef = {
  stages: [
    { label: { zh: '部门负责人审批', en: 'Department head' }, approvers: { departmentHead: true }, decide: 'any' },
    { label: { zh: '总监审批', en: 'Director' }, approvers: { role: DIRECTOR_ROLE }, decide: 'any', amountOver: DIRECTOR_THRESHOLD },
  ],
  amount: expenseInBase,
  completion: { role: FINANCE_ROLE, label: { zh: '已付款', en: 'Mark paid' }, done: { zh: '已付款', en: 'Paid' } },
  readers: [FINANCE_ROLE, DIRECTOR_ROLE],
};

export const expenseClaimForm = defineForm({
  name: 'ExpenseClaim',
  label: { zh: '费用报销', en: 'Expense claim' },
  db: 'office',
  titleField: 'subject',
  approval: EXPENSE_APPROVAL,
  fields: {
    subject: { type: 'text', label: { zh: '事由', en: 'Purpose' }, required: true, sortable: true, maxLength: 300 },
    kind: { type: 'choice', label: { zh: '类型', en: 'Kind' }, required: true, sortable: true, choices: EXPENSE_KINDS, default: 'claim' },
    claimant: { type: 'names', label: { zh: '申请人', en: 'Claimant' }, computed: (doc, ctx) => (typeof doc.createdBy === 'string' ? [doc.createdBy] : savingUser(ctx)) },
    dealId: { type: 'text', label: { zh: '业务', en: 'Deal' }, maxLength: 200, link: dealOfClaim },
    dealName: { type: 'text', label: { zh: '业务名称', en: 'Deal name' }, sortable: true, maxLength: 300 },
    customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, maxLength: 200, link: customerPick },
    customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200, pinyin: true },
    /** The expense request (费用申请) this claim follows, approved before the money was spent. */
    requestId: { type: 'text', label: { zh: '对应的费用申请', en: 'Follows the request' }, maxLength: 200, link: { db: 'office', forms: ['ExpenseClaim'], fill: { requestSubject: 'subject' } } },
    requestSubject: { type: 'text', label: { zh: '申请事由', en: 'Request' }, maxLength: 300 },
    /** On a request: the claims submitted for it (written by the server as they are submitted). */
    claimIds: { type: 'keywords', label: { zh: '报销单', en: 'Claimed by' }, maxLength: 200 },
    lines: {
      type: 'objects',
      label: { zh: '费用明细', en: 'Expenses' },
      required: true,
      maxItems: 200,
      columns: {
        date: { type: 'date', label: { zh: '日期', en: 'Date' }, required: true },
        category: { type: 'choice', label: { zh: '类别', en: 'Category' }, required: true, choices: EXPENSE_CATEGORIES },
        amount: { type: 'number', label: { zh: '金额', en: 'Amount' }, required: true, min: 0.01, max: 100_000_000 },
        currency: { type: 'choice', label: { zh: '币种', en: 'Currency' }, required: true, choices: CURRENCIES },
        note: { type: 'text', label: { zh: '说明', en: 'Note' }, maxLength: 500 },
        /** What this expense was for, when not the claim's deal or customer (one trip, several customers). */
        dealId: { type: 'text', label: { zh: '业务', en: 'Deal' }, maxLength: 200, link: dealOfClaim },
        dealName: { type: 'text', label: { zh: '业务名称', en: 'Deal name' }, maxLength: 300 },
        customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, maxLength: 200, link: customerPick },
        customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, maxLength: 200 },
      },
    },
    /** The deals and customers of the lines (each line's own, else the claim's), for the views by customer and deal. */
    lineDeals: { type: 'keywords', label: { zh: '明细业务', en: 'Deals of the lines' }, sortable: true, computed: (doc) => linesFor(doc, 'dealName') },
    lineCustomers: { type: 'keywords', label: { zh: '明细客户', en: 'Customers of the lines' }, sortable: true, computed: (doc) => linesFor(doc, 'customerName') },
    /** The categories of the lines, for the view by category. */
    categories: { type: 'keywords', label: { zh: '费用类别', en: 'Categories' }, sortable: true, computed: (doc) => [...new Set(linesOf(doc).map((l) => String((l as { category?: unknown }).category ?? '')).filter(Boolean))] },
    totals: { type: 'text', label: { zh: '合计', en: 'Total' }, computed: (doc) => [...expenseTotals(doc)].map(([c, a]) => `${c} ${a.toFixed(2)}`).join('; ') },
    remarks: { type: 'textarea', label: { zh: '备注', en: 'Remarks' }, maxLength: 5000 },
    ...approvalFields(EXPENSE_APPROVAL),
  },
  attachments: { label: { zh: '票据', en: 'Receipts' }, maxBytes: 10 * MB, maxTotalBytes: 40 * MB },
  serverFields: ['claimIds'],
  rules: (doc, oldDoc, user) => [
    ...approvalRules(doc, oldDoc, user),
    ...(isServerUser(user) || JSON.stringify(doc.claimIds ?? []) === JSON.stringify(oldDoc?.claimIds ?? [])
      ? [] : [fieldError('claimIds', 'rule', '报销单由服务器在提交时记录', 'The claims are recorded by the server as they are submitted')]),
  ],
});

/** Whether `claim` may be recorded on `request`: the filer's own expense request, approved. */
export function claimFollows(claim: Doc, request: Doc | null): boolean {
  return request?.form === 'ExpenseClaim' && request.kind === 'request' && request.createdBy === claim.createdBy
    && (request.approvalStatus === 'approved' || request.approvalStatus === 'completed');
}
