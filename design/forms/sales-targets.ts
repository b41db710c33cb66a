import { fieldError } from '../field-error.js';
import { defineForm, type Doc, type FieldError } from '../form.js';
import { SERVER_USER } from '../user.js';
import { MANAGER_ROLE } from './crm-fields.js';
import { CURRENCIES } from './deal.js';

/** The one document of the sales targets, apart from the CRM settings that everyone reads. */
export const SALES_TARGETS_ID = 'sales-targets';

export interface Target {
  readonly owner: string;
  readonly period: string;
  readonly amount: number;
  readonly currency: string;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);

/** The roles that see every target (`seeAllRoles`), `[Manager]` until an administrator says otherwise. */
export function rolesSeeingAllTargets(doc: Doc | null): string[] {
  return Array.isArray(doc?.seeAllRoles) ? list(doc.seeAllRoles) : [MANAGER_ROLE];
}

/** The targets a document holds, rows that are not targets left out. */
export function targetsOf(doc: Doc | null): Target[] {
  const rows = Array.isArray(doc?.targets) ? (doc.targets as Partial<Target>[]) : [];
  return rows.filter((t): t is Target => typeof t?.owner === 'string' && typeof t.period === 'string' && typeof t.amount === 'number' && typeof t.currency === 'string');
}

/**
 * Sales targets (销售目标). Only the roles it names and the administrators who edited it read the
 * document; everyone else learns their own target from the statistics and the home page, which the
 * server works out (a colleague's target is not a salesperson's business).
 */
export const salesTargetsForm = defineForm({
  name: 'SalesTargets',
  label: { zh: '销售目标', en: 'Sales targets' },
  db: 'crm',
  titleField: 'title',
  minimumLevel: 'manager',
  fixedId: SALES_TARGETS_ID,
  fields: {
    title: { type: 'text', label: { zh: '名称', en: 'Title' }, default: '销售目标' },
    seeAllRoles: { type: 'keywords', label: { zh: '可查看全部目标的角色', en: 'Roles seeing every target' }, default: [MANAGER_ROLE] },
    targets: {
      type: 'objects',
      label: { zh: '销售目标', en: 'Sales targets' },
      columns: {
        owner: { type: 'text', label: { zh: '业务员', en: 'Salesperson' }, required: true, maxLength: 100, directoryName: true },
        period: { type: 'text', label: { zh: '期间 (2026 或 2026-03)', en: 'Period (2026 or 2026-03)' }, required: true, maxLength: 7 },
        amount: { type: 'number', label: { zh: '目标金额', en: 'Target amount' }, required: true, min: 0 },
        currency: { type: 'choice', label: { zh: '币种', en: 'Currency' }, required: true, choices: CURRENCIES },
      },
    },
    // Whoever edits the targets keeps reading them, whatever roles they leave in `seeAllRoles`.
    authors: {
      type: 'authors', label: { zh: '作者', en: 'Authors' },
      computed: (doc, ctx) => [...new Set([...list(doc.authors), ...(ctx.user.name === SERVER_USER.name ? [] : [ctx.user.name])])],
    },
    readers: { type: 'readers', label: { zh: '读者', en: 'Readers' }, computed: (doc) => [...new Set([...rolesSeeingAllTargets(doc), ...list(doc.authors)])] },
  },
  rules: (doc) => targetPeriodErrors(doc),
});

function targetPeriodErrors(doc: Doc): FieldError[] {
  const rows = Array.isArray(doc.targets) ? (doc.targets as Partial<Target>[]) : [];
  return rows.flatMap((t, i) =>
    typeof t?.period === 'string' && !/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(t.period)
      ? [fieldError(`targets.${i}.period`, 'format', `销售目标第 ${i + 1} 行：期间应为 2026 或 2026-03`, `Sales targets, row ${i + 1}: the period is a year (2026) or a month (2026-03)`)]
      : []);
}
