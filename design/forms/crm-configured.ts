import type { Choice, Doc } from '../form.js';

/** The one settings document of the CRM (代码设置 and the rest); only Managers of `crm` edit it. */
export const CRM_SETTINGS_ID = 'crm-settings';

function rows(settings: Doc | null, field: string): unknown[] {
  const value = settings?.[field];
  return Array.isArray(value) ? value : [];
}

/**
 * Choices an administrator added in a table of the settings with a Chinese and an English name
 * (`customerCategories`, `industries`, `customerSources`, `actionContexts`), labelled as they
 * wrote them; a document stores the Chinese name. A plain name (settings saved before the table
 * had two languages) is its own label in both.
 */
export function bilingualRows(settings: Doc | null, field: string): Choice[] {
  return rows(settings, field).flatMap((row): Choice[] => {
    const { zh, en } = (typeof row === 'string' ? { zh: row, en: row } : row ?? {}) as { zh?: unknown; en?: unknown };
    if (typeof zh !== 'string' || zh.trim() === '') return [];
    return [{ value: zh, label: { zh, en: typeof en === 'string' && en.trim() !== '' ? en : zh } }];
  });
}

/** The customer categories an administrator added (`customerCategories`). */
export function configuredCategories(settings: Doc | null): Choice[] {
  return bilingualRows(settings, 'customerCategories');
}

/** The names of the custom fields an administrator defined (`customFields`), offered on every customer. */
export function customFieldNames(settings: Doc | null): Choice[] {
  return rows(settings, 'customFields').flatMap((name) => (typeof name === 'string' && name.trim() !== '' ? [{ value: name, label: { zh: name, en: name } }] : []));
}

/** The probability (%) the settings give a stage, if they give one. */
export function configuredProbability(settings: Doc | null, stage: unknown): number | undefined {
  const row = rows(settings, 'stageProbabilities').find((r) => (r as { stage?: unknown } | null)?.stage === stage) as { probability?: unknown } | undefined;
  return typeof row?.probability === 'number' ? row.probability : undefined;
}

/** How many units of the base currency one unit of `currency` is worth (1 for the base itself); undefined without a rate. */
export function exchangeRate(settings: Doc | null, currency: string): number | undefined {
  if (currency === settings?.baseCurrency) return 1;
  const row = rows(settings, 'exchangeRates').find((r) => (r as { currency?: unknown } | null)?.currency === currency) as { rate?: unknown } | undefined;
  return typeof row?.rate === 'number' && row.rate > 0 ? row.rate : undefined;
}
