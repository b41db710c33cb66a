import { fieldError } from '../field-error.js';
import { defineForm, type Choice, type Doc, type FieldDef, type FieldError } from '../form.js';
import { choices } from './choices.js';
import { INDUSTRIES } from '../reference/industries.js';
import { CUSTOMER_CATEGORIES, CUSTOMER_SOURCES } from './customer.js';
import { CURRENCIES } from './deal.js';
import { DEAL_STAGE_NAMES } from './deal-stages.js';

import { CRM_SETTINGS_ID } from './crm-configured.js';

export { CRM_SETTINGS_ID };

export const DATE_PARTS = choices({
  none: ['无', 'None'],
  year: ['年 (2026)', 'Year (2026)'],
  month: ['年月 (202603)', 'Year and month (202603)'],
  day: ['年月日 (20260315)', 'Date (20260315)'],
});

/** A discount up to this (%) needs no approval until an administrator sets another. */
export const DEFAULT_ALLOWED_DISCOUNT = 10;

/** The largest discount (%) a quotation is sent with unapproved, as the settings say. */
export function allowedDiscountPercent(settings: Doc | null): number {
  return typeof settings?.allowedDiscountPercent === 'number' ? settings.allowedDiscountPercent : DEFAULT_ALLOWED_DISCOUNT;
}

/** Credit days up to this need no approval until an administrator sets another. */
export const DEFAULT_ALLOWED_CREDIT_DAYS = 30;
/** A credit limit up to this (in the base currency) needs no approval until an administrator sets another. */
export const DEFAULT_ALLOWED_CREDIT_LIMIT = 100_000;

export const REMINDER_WEEKDAYS = choices({
  off: ['不自动发送', 'Off'],
  '1': ['每周一', 'Mondays'], '2': ['每周二', 'Tuesdays'], '3': ['每周三', 'Wednesdays'], '4': ['每周四', 'Thursdays'],
  '5': ['每周五', 'Fridays'], '6': ['每周六', 'Saturdays'], '7': ['每周日', 'Sundays'],
});

/** Prefix, date part and sequence of one series (`C0001`, `D2026-0001`): `<key>Prefix`, `<key>DatePart`, `<key>Digits`. */
function numbering(key: string, zh: string, en: string, prefix: string, datePart: string): Record<string, FieldDef> {
  return {
    [`${key}Prefix`]: { type: 'text', label: { zh: `${zh}前缀`, en: `${en} prefix` }, maxLength: 10, default: prefix },
    [`${key}DatePart`]: { type: 'choice', label: { zh: `${zh}日期部分`, en: `${en} date part` }, choices: DATE_PARTS, default: datePart },
    [`${key}Digits`]: { type: 'number', label: { zh: `${zh}序号位数`, en: `${en} sequence digits` }, min: 1, max: 9, default: 4 },
  };
}

/** Choices an administrator adds, each named in Chinese (stored) and English. */
function bilingualTable(zh: string, en: string): FieldDef {
  return {
    type: 'objects',
    label: { zh, en },
    columns: {
      zh: { type: 'text', label: { zh: '中文名称', en: 'Chinese name' }, required: true, maxLength: 40 },
      en: { type: 'text', label: { zh: '英文名称', en: 'English name' }, maxLength: 40 },
    },
  };
}

export const crmSettingsForm = defineForm({
  name: 'CrmSettings',
  label: { zh: '客户关系设置', en: 'CRM settings' },
  db: 'crm',
  titleField: 'title',
  minimumLevel: 'manager',
  fixedId: CRM_SETTINGS_ID,
  fields: {
    title: { type: 'text', label: { zh: '名称', en: 'Title' }, default: '客户关系设置' },
    ...numbering('customerCode', '客户编号', 'Customer code', 'C', 'none'),
    ...numbering('dealNumber', '业务编号', 'Deal number', 'D', 'year'),
    ...numbering('quotationNumber', '报价单编号', 'Quotation number', 'Q', 'year'),
    ...numbering('proformaNumber', '形式发票编号', 'Proforma invoice number', 'PI', 'year'),
    // The letterhead and bank details of quotations and proforma invoices, in both languages.
    companyNameZh: { type: 'text', label: { zh: '公司名称（中文）', en: 'Company name (Chinese)' }, maxLength: 200 },
    companyNameEn: { type: 'text', label: { zh: '公司名称（英文）', en: 'Company name (English)' }, maxLength: 200 },
    companyAddressZh: { type: 'textarea', label: { zh: '公司地址（中文）', en: 'Company address (Chinese)' }, maxLength: 500 },
    companyAddressEn: { type: 'textarea', label: { zh: '公司地址（英文）', en: 'Company address (English)' }, maxLength: 500 },
    companyPhone: { type: 'text', label: { zh: '公司电话', en: 'Company phone' }, maxLength: 100 },
    companyEmail: { type: 'text', label: { zh: '公司邮箱', en: 'Company e-mail' }, maxLength: 200 },
    bankDetails: { type: 'textarea', label: { zh: '银行资料（形式发票）', en: 'Bank details (proforma invoices)' }, maxLength: 2000 },
    /** A quotation with a larger discount is sent only once approved. */
    allowedDiscountPercent: { type: 'number', label: { zh: '无需审批的最大折扣(%)', en: 'Largest discount without approval (%)' }, min: 0, max: 100, default: DEFAULT_ALLOWED_DISCOUNT },
    /** Credit terms beyond these need approval (design/forms/credit-terms.ts). */
    allowedCreditDays: { type: 'number', label: { zh: '无需审批的最长账期（天）', en: 'Longest credit without approval (days)' }, min: 0, default: DEFAULT_ALLOWED_CREDIT_DAYS },
    allowedCreditLimit: { type: 'number', label: { zh: '无需审批的最高信用额度（本位币）', en: 'Largest credit limit without approval (base currency)' }, min: 0, default: DEFAULT_ALLOWED_CREDIT_LIMIT },
    paymentReminderTemplateId: {
      type: 'text', label: { zh: '付款提醒邮件模板', en: 'Payment reminder template' }, maxLength: 200,
      link: { db: 'crm', forms: ['MailTemplate'], fill: { paymentReminderTemplateName: 'name' } },
    },
    paymentReminderTemplateName: { type: 'text', label: { zh: '付款提醒模板名称', en: 'Payment reminder template name' }, maxLength: 200 },
    /** The weekly batch of payment reminders goes out from this day of each week on (UTC), once a week. */
    paymentReminderWeekday: { type: 'choice', label: { zh: '每周付款提醒', en: 'Weekly payment reminders' }, choices: REMINDER_WEEKDAYS, default: 'off' },
    stageProbabilities: {
      type: 'objects',
      label: { zh: '阶段概率', en: 'Stage probabilities' },
      columns: {
        stage: { type: 'choice', label: { zh: '阶段', en: 'Stage' }, required: true, choices: DEAL_STAGE_NAMES },
        probability: { type: 'number', label: { zh: '概率(%)', en: 'Probability (%)' }, required: true, min: 0, max: 100 },
      },
    },
    /** Categories, industries and sources beside the built-in ones, named in both languages; a customer stores the Chinese name. */
    customerCategories: bilingualTable('自定义客户类别', 'More customer categories'),
    industries: bilingualTable('自定义行业', 'More industries'),
    customerSources: bilingualTable('自定义客户来源', 'More customer sources'),
    /** Contexts of GTD actions beside the built-in ones (office, home, on the road…). */
    actionContexts: bilingualTable('自定义行动场合', 'More action contexts'),
    customFields: { type: 'keywords', label: { zh: '客户自定义字段', en: 'Custom customer fields' }, maxLength: 60 },
    /** What workstations keep by default (each person may change it for theirs): empty, the built-in 6 months and 1 MB. */
    replicaMailMonths: { type: 'number', label: { zh: '工作站保留最近几个月的邮件和活动', en: 'Months of mail and activities kept on workstations' }, min: 0, max: 1200 },
    replicaFilesUpToMb: { type: 'number', label: { zh: '工作站保留的附件上限(MB)', en: 'Largest file kept on workstations (MB)' }, min: 0, max: 1000 },
    /** Roles that read every customer and deal, besides `[Manager]` (e.g. `[Finance]`). */
    readerRoles: { type: 'keywords', label: { zh: '可读全部客户的角色', en: 'Roles reading every customer' } },
    /** Statistics add up amounts in this currency, converted at the rates below. */
    baseCurrency: { type: 'choice', label: { zh: '本位币', en: 'Base currency' }, choices: CURRENCIES },
    exchangeRates: {
      type: 'objects',
      label: { zh: '汇率（1 单位外币折合本位币）', en: 'Exchange rates (base currency per unit)' },
      columns: {
        currency: { type: 'choice', label: { zh: '币种', en: 'Currency' }, required: true, choices: CURRENCIES },
        rate: { type: 'number', label: { zh: '汇率', en: 'Rate' }, required: true, min: 0.000001 },
      },
    },
  },
  rules: (doc) => [
    ...rateErrors(doc),
    ...addedNameErrors(doc, 'customerCategories', CUSTOMER_CATEGORIES, '自定义客户类别', 'More customer categories', '客户类别', 'category'),
    ...addedNameErrors(doc, 'industries', INDUSTRIES, '自定义行业', 'More industries', '行业', 'industry'),
    ...addedNameErrors(doc, 'customerSources', CUSTOMER_SOURCES, '自定义客户来源', 'More customer sources', '客户来源', 'source'),
  ],
});

function rowsOf<T>(doc: Doc, field: string): Partial<T>[] {
  return Array.isArray(doc[field]) ? (doc[field] as Partial<T>[]) : [];
}

/** An added entry is one customers can be told apart by: not a built-in one again, nor named twice. */
function addedNameErrors(doc: Doc, field: string, builtIn: readonly Choice[], listZh: string, listEn: string, kindZh: string, kindEn: string): FieldError[] {
  const taken = new Set(builtIn.flatMap((c) => [c.value, c.label.zh, c.label.en].map((name) => name.toLowerCase())));
  return rowsOf<{ zh: string; en: string }>(doc, field).flatMap((row, i) => {
    const names = [row.zh, row.en].filter((name): name is string => typeof name === 'string' && name.trim() !== '').map((name) => name.trim().toLowerCase());
    const clash = names.find((name) => taken.has(name));
    names.forEach((name) => taken.add(name));
    return clash === undefined ? [] : [fieldError(`${field}.${i}.zh`, 'rule',
      `${listZh}第 ${i + 1} 行：“${clash}”已是一个${kindZh}`, `${listEn}, row ${i + 1}: “${clash}” is already a ${kindEn}`)];
  });
}

function rateErrors(doc: Doc): FieldError[] {
  const seen = new Set<unknown>();
  return rowsOf<{ currency: string }>(doc, 'exchangeRates').flatMap((row, i) => {
    const again = seen.has(row.currency);
    seen.add(row.currency);
    return again ? [fieldError(`exchangeRates.${i}.currency`, 'rule', `汇率第 ${i + 1} 行：${String(row.currency)} 的汇率已在上面给出`, `Exchange rates, row ${i + 1}: ${String(row.currency)} has a rate above`)] : [];
  });
}
