import { MB } from '../attachment-rules.js';
import { defineForm, type Doc, type FieldError, type FieldLink } from '../form.js';
import { fieldError } from '../field-error.js';
import { choices } from './choices.js';
import { isServerUser } from './gateway-fields.js';
import { customerLink, dateTimeOf, ownerAuthors, ownerHistory, ownerReaders, today } from './crm-fields.js';
import { DEAL_STAGES, stagesFromSettings } from './deal-stages.js';
import { DEAL_CREDIT_FIELDS } from './deal-credit-fields.js';
import { dealCalendarDays } from '../calendar/deal-dates.js';

export const DEAL_STATUSES = choices({
  tracking: ['跟踪中', 'Tracking'],
  won: ['已签约', 'Won'],
  completed: ['已完成', 'Completed'],
  lost: ['已丢单', 'Lost'],
});

/** Where a status may go next: tracking → won → completed, or lost (and a lost deal may be taken up again). */
const NEXT_STATUSES: Record<string, readonly string[]> = {
  tracking: ['tracking', 'won', 'lost'],
  won: ['won', 'completed', 'lost'],
  completed: ['completed'],
  lost: ['lost', 'tracking'],
};

/** What the server mails from a deal and records in its `sentDocuments`. */
export const SENT_DOCUMENT_KINDS = choices({
  quotation: ['报价单', 'Quotation'],
  proforma: ['形式发票', 'Proforma invoice'],
  reminder: ['付款提醒', 'Payment reminder'],
});

/** An order line's product picked from the product library (`library`). */
const productPick = { db: 'library', forms: ['Product'], fill: { product: 'name', model: 'model', price: 'price', currency: 'currency' } } as const satisfies FieldLink;

export const CURRENCIES = choices({ CNY: ['人民币', 'CNY'], USD: ['美元', 'USD'], EUR: ['欧元', 'EUR'], GBP: ['英镑', 'GBP'], JPY: ['日元', 'JPY'] });

interface OrderLine { quantity?: unknown; price?: unknown; currency?: unknown }
interface Payment { due?: unknown; amount?: unknown; received?: unknown }

function entries<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]).filter((v) => v !== null && typeof v === 'object') : [];
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
/** Money in cents, so that sums of prices do not drift (0.1 + 0.2). */
const cents = (value: number): number => Math.round(value * 100);

export function orderTotal(doc: Doc): number {
  return entries<OrderLine>(doc.orderLines).reduce((sum, line) => sum + cents(num(line.quantity) * num(line.price)), 0) / 100;
}

/** A real day `YYYY-MM-DD` (no 2026-02-30): a bad due date is reported on its own cell, not again here. */
function isDay(value: unknown): value is string {
  const time = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(value) : NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** The earliest due date of a payment not yet received in full: the deal's overdue-payment key. */
export function nextPaymentDue(doc: Doc): string | undefined {
  const open = entries<Payment>(doc.payments)
    .filter((p) => isDay(p.due) && cents(num(p.received)) < cents(num(p.amount)))
    .map((p) => p.due as string)
    .sort();
  return open[0];
}

export const dealForm = defineForm({
  name: 'Deal',
  label: { zh: '业务', en: 'Deal' },
  db: 'crm',
  titleField: 'name',
  fields: {
    name: { type: 'text', label: { zh: '业务名称', en: 'Deal' }, sortable: true, required: true, maxLength: 200, pinyin: true },
    /** Assigned by the server from the CRM settings' numbering (see server/crm/numbering.ts). */
    number: { type: 'text', label: { zh: '业务编号', en: 'Number' }, sortable: true, maxLength: 40 },
    ...customerLink,
    owner: { type: 'names', label: { zh: '负责人', en: 'Owner' }, sortable: true },
    opened: { type: 'date', label: { zh: '立项日期', en: 'Opened' }, default: today },
    stage: { type: 'choice', label: { zh: '阶段', en: 'Stage' }, sortable: true, choices: DEAL_STAGES, choicesFrom: stagesFromSettings, default: 's10' },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, sortable: true, required: true, choices: DEAL_STATUSES, default: 'tracking' },
    amount: { type: 'number', label: { zh: '预计金额', en: 'Expected amount' }, min: 0 },
    /** When the deal is expected to be won: which period's pipeline it counts in. */
    expectedClose: { type: 'date', label: { zh: '预计成交日期', en: 'Expected close' } },
    currency: { type: 'choice', label: { zh: '币种', en: 'Currency' }, sortable: true, choices: CURRENCIES, default: 'USD' },
    competitors: {
      type: 'objects',
      label: { zh: '对手情况', en: 'Competitors' },
      columns: {
        /** Chosen among the library's competitors: fills in the name, which stays editable (a competitor nobody entered yet is typed). */
        competitorId: { type: 'text', label: { zh: '从竞争对手库选择', en: 'From the competitor library' }, maxLength: 200, link: { db: 'library', forms: ['Competitor'], fill: { name: 'name' } } },
        name: { type: 'text', label: { zh: '竞争对手', en: 'Competitor' }, required: true, maxLength: 200 },
        strategy: { type: 'textarea', label: { zh: '对手策略', en: 'Their strategy' }, maxLength: 2000 },
      },
    },
    lostReason: { type: 'textarea', label: { zh: '丢单原因', en: 'Reason lost' }, maxLength: 2000 },
    /** Set to the day of the save that wins the deal, unless given. */
    wonDate: {
      type: 'date',
      label: { zh: '签约日期', en: 'Won on' },
      computed: (doc, ctx) => doc.wonDate ?? (doc.status === 'won' || doc.status === 'completed' ? today(ctx) : undefined),
    },
    contractNo: { type: 'text', label: { zh: '合同号', en: 'Contract no.' }, maxLength: 60 },
    orderLines: {
      type: 'objects',
      label: { zh: '订单明细', en: 'Order lines' },
      columns: {
        /** Chosen in the product library: fills in the name, model, unit price and currency, which stay editable. */
        productId: { type: 'text', label: { zh: '从产品库选择', en: 'From the product library' }, maxLength: 200, link: productPick },
        product: { type: 'text', label: { zh: '产品', en: 'Product' }, required: true, maxLength: 200 },
        model: { type: 'text', label: { zh: '型号', en: 'Model' }, maxLength: 100 },
        quantity: { type: 'number', label: { zh: '数量', en: 'Quantity' }, required: true, min: 0 },
        price: { type: 'number', label: { zh: '单价', en: 'Unit price' }, required: true, min: 0 },
        currency: { type: 'choice', label: { zh: '币种', en: 'Currency' }, choices: CURRENCIES },
      },
    },
    deliveries: {
      type: 'objects',
      label: { zh: '交货', en: 'Deliveries' },
      columns: {
        date: { type: 'date', label: { zh: '交货日期', en: 'Date' }, required: true },
        description: { type: 'text', label: { zh: '内容', en: 'What' }, maxLength: 500 },
        shipped: { type: 'boolean', label: { zh: '已发货', en: 'Shipped' } },
      },
    },
    payments: {
      type: 'objects',
      label: { zh: '收款', en: 'Payments' },
      columns: {
        due: { type: 'date', label: { zh: '应收日期', en: 'Due' }, required: true },
        amount: { type: 'number', label: { zh: '应收金额', en: 'Amount' }, required: true, min: 0 },
        received: { type: 'number', label: { zh: '已收金额', en: 'Received' }, min: 0 },
        receivedOn: { type: 'date', label: { zh: '收款日期', en: 'Received on' } },
      },
    },
    orderTotal: { type: 'number', label: { zh: '合同金额', en: 'Order total' }, computed: orderTotal },
    received: {
      type: 'number',
      label: { zh: '已收款', en: 'Received' },
      computed: (doc) => entries<Payment>(doc.payments).reduce((sum, p) => sum + cents(num(p.received)), 0) / 100,
    },
    nextPaymentDue: { type: 'date', label: { zh: '下次应收', en: 'Next payment due' }, computed: nextPaymentDue },
    /** The days the calendar shows the deal on: expected close, payments due, deliveries. */
    calendarDays: { type: 'keywords', label: { zh: '日程日期', en: 'Calendar days' }, sortable: true, computed: dealCalendarDays },
    /** Each urge by a manager (业务催办): appended by the server's urge action. */
    urges: {
      type: 'objects',
      label: { zh: '催办记录', en: 'Urges' },
      columns: {
        by: { type: 'text', label: { zh: '催办人', en: 'By' }, required: true },
        at: { type: 'datetime', label: { zh: '时间', en: 'At' }, required: true },
        message: { type: 'textarea', label: { zh: '内容', en: 'Message' }, maxLength: 2000 },
      },
    },
    /** Quotations, proforma invoices and payment reminders mailed from the deal: appended by the server as it sends them. */
    sentDocuments: {
      type: 'objects',
      label: { zh: '已发单据', en: 'Documents sent' },
      columns: {
        kind: { type: 'choice', label: { zh: '类型', en: 'Kind' }, required: true, choices: SENT_DOCUMENT_KINDS },
        number: { type: 'text', label: { zh: '编号', en: 'Number' }, maxLength: 40 },
        at: { type: 'datetime', label: { zh: '时间', en: 'At' }, required: true },
        by: { type: 'text', label: { zh: '发送人', en: 'By' }, maxLength: 200 },
        to: { type: 'text', label: { zh: '收件人', en: 'To' }, maxLength: 320 },
        detail: { type: 'text', label: { zh: '内容', en: 'What' }, maxLength: 500 },
        mailId: { type: 'text', label: { zh: '邮件', en: 'Mail' }, maxLength: 200 },
      },
    },
    /** The credit terms in force (信用条件): written by the server from a CreditTerms document (design/forms/credit-terms.ts). */
    paymentTerms: { type: 'text', label: { zh: '付款方式', en: 'Payment terms' }, maxLength: 300 },
    creditDays: { type: 'number', label: { zh: '账期（天）', en: 'Credit days' }, min: 0 },
    creditLimit: { type: 'number', label: { zh: '信用额度', en: 'Credit limit' }, min: 0 },
    creditTermsId: { type: 'text', label: { zh: '信用条件单', en: 'Credit terms document' }, maxLength: 200 },
    ownerHistory,
    timelineDate: { type: 'datetime', label: { zh: '时间', en: 'Date' }, computed: (doc) => dateTimeOf(doc.opened) },
    notes: { type: 'textarea', label: { zh: '备注', en: 'Notes' }, maxLength: 20000 },
  },
  defaultReaders: ownerReaders,
  defaultAuthors: ownerAuthors,
  attachments: { label: { zh: '附件（报价单、合同）', en: 'Files (quotes, contracts)' }, maxBytes: 10 * MB, maxTotalBytes: 30 * MB },
  serverFields: ['sentDocuments', ...DEAL_CREDIT_FIELDS],
  rules: (doc, oldDoc, user) => {
    const errors: FieldError[] = [];
    // What was mailed from the deal is the server's record; a new deal may bring it (an import of a complete export).
    if (oldDoc && !oldDoc._deleted && !isServerUser(user) && JSON.stringify(doc.sentDocuments) !== JSON.stringify(oldDoc.sentDocuments)) {
      errors.push(fieldError('sentDocuments', 'rule', '已发单据由服务器在发送时记录', 'Documents sent are recorded by the server as it sends them'));
    }
    // Credit terms change only through a CreditTerms document, approved when beyond the allowed.
    if (!isServerUser(user)) {
      for (const field of DEAL_CREDIT_FIELDS.filter((f) => JSON.stringify(doc[f]) !== JSON.stringify(oldDoc && !oldDoc._deleted ? oldDoc[f] : undefined))) {
        errors.push(fieldError(field, 'rule', '信用条件须通过“信用条件”单办理（超出限额须经审批）', 'Credit terms change through a credit terms request (approved when beyond the allowed)'));
      }
    }
    const status = String(doc.status);
    if (status === 'lost' && (typeof doc.lostReason !== 'string' || doc.lostReason.trim() === '')) {
      errors.push(fieldError('lostReason', 'rule', '丢单必须填写原因', 'A lost deal needs a reason'));
    }
    // A new deal may start in any status (one entered afterwards, an import); a saved one moves on by the rules.
    const before = oldDoc && !oldDoc._deleted ? String(oldDoc.status ?? 'tracking') : status;
    if (!(NEXT_STATUSES[before] ?? [status]).includes(status)) {
      const [from, to] = [DEAL_STATUSES.find((c) => c.value === before)!, DEAL_STATUSES.find((c) => c.value === status)!];
      errors.push(fieldError('status', 'rule', `状态不能从“${from.label.zh}”改为“${to.label.zh}”`, `The status cannot go from ${from.label.en} to ${to.label.en}`));
    }
    entries<OrderLine>(doc.orderLines).forEach((line, i) => {
      if (typeof line.currency === 'string' && line.currency !== '' && line.currency !== doc.currency) {
        errors.push(fieldError(`orderLines.${i}.currency`, 'rule', `订单明细第 ${i + 1} 行：单价是 ${line.currency}，业务币种是 ${String(doc.currency)}，请换算单价或更改业务币种`,
          `Order lines, row ${i + 1}: priced in ${line.currency}, the deal is in ${String(doc.currency)}: convert the price or change the deal's currency`));
      }
    });
    entries<Payment>(doc.payments).forEach((p, i) => {
      if (num(p.received) > num(p.amount)) {
        errors.push(fieldError(`payments.${i}.received`, 'rule', `收款第 ${i + 1} 行：已收金额超过应收金额`, `Payments, row ${i + 1}: more received than due`));
      }
    });
    return errors;
  },
});
