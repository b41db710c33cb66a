import { CRM_SETTINGS_ID, exchangeRate } from '../../design/forms/crm-configured.js';
import { stageProbability } from '../../design/forms/deal-stages.js';
import type { Doc } from '../../design/form.js';
import type { Database } from '../store/store.js';

export type Series = 'customerCode' | 'dealNumber';

export interface NumberFormat {
  readonly prefix: string;
  readonly datePart: 'none' | 'year' | 'month' | 'day';
  readonly digits: number;
}

export interface Target {
  readonly owner: string;
  readonly period: string;
  readonly amount: number;
  readonly currency: string;
}

/** The CRM settings document read with its defaults: what the server's CRM work needs of it. */
export interface CrmSettings {
  numbering(series: Series): NumberFormat;
  probability(stage: unknown): number;
  /** The currency statistics convert into; null when none is set. */
  readonly baseCurrency: string | null;
  /** Units of the base currency per unit of `currency`; undefined without a rate. */
  rate(currency: string): number | undefined;
  readonly readerRoles: readonly string[];
  /** Whether an administrator has saved settings: until then the server numbers nothing. */
  readonly configured: boolean;
  readonly targets: readonly Target[];
}

export function crmSettingsOf(doc: Doc | null): CrmSettings {
  const d = doc ?? {};
  const text = (key: string, fallback: string) => (typeof d[key] === 'string' ? (d[key] as string) : fallback);
  const number = (key: string, fallback: number) => (typeof d[key] === 'number' ? (d[key] as number) : fallback);
  const list = <T>(key: string): T[] => (Array.isArray(d[key]) ? (d[key] as T[]) : []);
  return {
    numbering: (series) => ({
      prefix: text(`${series}Prefix`, series === 'customerCode' ? 'C' : 'D'),
      datePart: text(`${series}DatePart`, series === 'customerCode' ? 'none' : 'year') as NumberFormat['datePart'],
      digits: number(`${series}Digits`, 4),
    }),
    probability: (stage) => stageProbability(doc, stage),
    baseCurrency: typeof d.baseCurrency === 'string' ? d.baseCurrency : null,
    rate: (currency) => exchangeRate(doc, currency),
    readerRoles: list<string>('readerRoles'),
    configured: doc !== null,
    targets: list<Target>('targets'),
  };
}

export async function readCrmSettings(crm: Database): Promise<CrmSettings> {
  return crmSettingsOf(await crm.find(CRM_SETTINGS_ID));
}
