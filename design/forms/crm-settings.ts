import { defineForm, type FieldDef } from '../form.js';
import { choices } from './choices.js';
import { CURRENCIES, DEAL_STAGES } from './deal.js';

/** The one settings document of the CRM (代码设置 and the rest); only Managers of `crm` edit it. */
export const CRM_SETTINGS_ID = 'crm-settings';

export const DATE_PARTS = choices({
  none: ['无', 'None'],
  year: ['年 (2026)', 'Year (2026)'],
  month: ['年月 (202603)', 'Year and month (202603)'],
  day: ['年月日 (20260315)', 'Date (20260315)'],
});

/** Prefix, date part and sequence of one series (`C0001`, `D2026-0001`): `<key>Prefix`, `<key>DatePart`, `<key>Digits`. */
function numbering(key: string, zh: string, en: string, prefix: string, datePart: string): Record<string, FieldDef> {
  return {
    [`${key}Prefix`]: { type: 'text', label: { zh: `${zh}前缀`, en: `${en} prefix` }, maxLength: 10, default: prefix },
    [`${key}DatePart`]: { type: 'choice', label: { zh: `${zh}日期部分`, en: `${en} date part` }, choices: DATE_PARTS, default: datePart },
    [`${key}Digits`]: { type: 'number', label: { zh: `${zh}序号位数`, en: `${en} sequence digits` }, min: 1, max: 9, default: 4 },
  };
}

export const crmSettingsForm = defineForm({
  name: 'CrmSettings',
  label: { zh: '客户关系设置', en: 'CRM settings' },
  db: 'crm',
  titleField: 'title',
  minimumLevel: 'manager',
  fields: {
    title: { type: 'text', label: { zh: '名称', en: 'Title' }, default: '客户关系设置' },
    ...numbering('customerCode', '客户编号', 'Customer code', 'C', 'none'),
    ...numbering('dealNumber', '业务编号', 'Deal number', 'D', 'year'),
    stageProbabilities: {
      type: 'objects',
      label: { zh: '阶段概率', en: 'Stage probabilities' },
      columns: {
        stage: { type: 'choice', label: { zh: '阶段', en: 'Stage' }, required: true, choices: DEAL_STAGES },
        probability: { type: 'number', label: { zh: '概率(%)', en: 'Probability (%)' }, required: true, min: 0, max: 100 },
      },
    },
    customerCategories: { type: 'keywords', label: { zh: '自定义客户类别', en: 'More customer categories' }, maxLength: 40 },
    customFields: { type: 'keywords', label: { zh: '客户自定义字段', en: 'Custom customer fields' }, maxLength: 60 },
    /** Roles that read every customer and deal, besides `[Manager]` (e.g. `[Finance]`). */
    readerRoles: { type: 'keywords', label: { zh: '可读全部客户的角色', en: 'Roles reading every customer' } },
    targets: {
      type: 'objects',
      label: { zh: '销售目标', en: 'Sales targets' },
      columns: {
        owner: { type: 'text', label: { zh: '业务员', en: 'Salesperson' }, required: true, maxLength: 100 },
        period: { type: 'text', label: { zh: '期间 (2026 或 2026-03)', en: 'Period (2026 or 2026-03)' }, required: true, maxLength: 7 },
        amount: { type: 'number', label: { zh: '目标金额', en: 'Target amount' }, required: true, min: 0 },
        currency: { type: 'choice', label: { zh: '币种', en: 'Currency' }, required: true, choices: CURRENCIES },
      },
    },
  },
  rules: (doc) => (Array.isArray(doc.targets) ? doc.targets : []).flatMap((t: { period?: unknown }, i: number) =>
    typeof t.period === 'string' && !/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(t.period)
      ? [{ field: `targets.${i}.period`, code: 'format' as const, message: { zh: `销售目标第 ${i + 1} 行：期间应为 2026 或 2026-03`, en: `Sales targets, row ${i + 1}: the period is a year (2026) or a month (2026-03)` } }]
      : []),
});
