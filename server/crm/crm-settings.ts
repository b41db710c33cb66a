import { CRM_SETTINGS_ID, exchangeRate } from '../../design/forms/crm-configured.js';
import { allowedDiscountPercent } from '../../design/forms/crm-settings.js';
import { stageProbability } from '../../design/forms/deal-stages.js';
import type { Doc } from '../../design/form.js';
import type { Database } from '../store/store.js';

export type Series = 'customerCode' | 'dealNumber' | 'quotationNumber' | 'proformaNumber';

/** Each series' prefix and date part until an administrator sets others. */
const SERIES_DEFAULTS: Readonly<Record<Series, readonly [prefix: string, datePart: NumberFormat['datePart']]>> = {
  customerCode: ['C', 'none'], dealNumber: ['D', 'year'], quotationNumber: ['Q', 'year'], proformaNumber: ['PI', 'year'],
};

/** The company as quotations and proforma invoices show it (the CRM settings' letterhead fields). */
export interface Letterhead {
  readonly nameZh: string;
  readonly nameEn: string;
  readonly addressZh: string;
  readonly addressEn: string;
  readonly phone: string;
  readonly email: string;
  readonly bankDetails: string;
}

export interface NumberFormat {
  readonly prefix: string;
  readonly datePart: 'none' | 'year' | 'month' | 'day';
  readonly digits: number;
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
  readonly letterhead: Letterhead;
  /** The largest discount (%) a quotation is sent with unapproved. */
  readonly allowedDiscountPercent: number;
  /** The template payment reminders are written from (in the contact's language when translated), if one is chosen. */
  readonly paymentReminderTemplateId: string | undefined;
  /** ISO weekday (1 = Monday) from which the weekly batch of payment reminders goes out; null: no batch. */
  readonly paymentReminderWeekday: number | null;
}

export function crmSettingsOf(doc: Doc | null): CrmSettings {
  const d = doc ?? {};
  const text = (key: string, fallback: string) => (typeof d[key] === 'string' ? (d[key] as string) : fallback);
  const number = (key: string, fallback: number) => (typeof d[key] === 'number' ? (d[key] as number) : fallback);
  const list = <T>(key: string): T[] => (Array.isArray(d[key]) ? (d[key] as T[]) : []);
  return {
    numbering: (series) => ({
      prefix: text(`${series}Prefix`, SERIES_DEFAULTS[series][0]),
      datePart: text(`${series}DatePart`, SERIES_DEFAULTS[series][1]) as NumberFormat['datePart'],
      digits: number(`${series}Digits`, 4),
    }),
    probability: (stage) => stageProbability(doc, stage),
    baseCurrency: typeof d.baseCurrency === 'string' ? d.baseCurrency : null,
    rate: (currency) => exchangeRate(doc, currency),
    readerRoles: list<string>('readerRoles'),
    configured: doc !== null,
    letterhead: {
      nameZh: text('companyNameZh', ''), nameEn: text('companyNameEn', ''), addressZh: text('companyAddressZh', ''), addressEn: text('companyAddressEn', ''),
      phone: text('companyPhone', ''), email: text('companyEmail', ''), bankDetails: text('bankDetails', ''),
    },
    allowedDiscountPercent: allowedDiscountPercent(doc),
    paymentReminderTemplateId: text('paymentReminderTemplateId', '') || undefined,
    paymentReminderWeekday: /^[1-7]$/.test(text('paymentReminderWeekday', '')) ? Number(d.paymentReminderWeekday) : null,
  };
}

export async function readCrmSettings(crm: Database): Promise<CrmSettings> {
  return crmSettingsOf(await crm.find(CRM_SETTINGS_ID));
}
