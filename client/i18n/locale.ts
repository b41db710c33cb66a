import type { Label, Lang } from '../../design/label.js';
import { MESSAGES, type Messages } from './messages.js';

const STORAGE_KEY = 'guanxi.lang';
const LOCALES: Record<Lang, string> = { zh: 'zh-CN', en: 'en-GB' };

/** The interface language with what it takes to show things in it: texts, and dates, numbers and money formatted for it. */
export interface Locale {
  readonly lang: Lang;
  readonly t: Messages;
  label(label: Label): string;
  date(isoDate: string): string;
  dateTime(iso: string): string;
  month(yearMonth: string): string;
  number(value: number): string;
  /** 0.42 as 42%. */
  percent(share: number): string;
  /** A time left: seconds under two minutes, else minutes. */
  duration(seconds: number): string;
  money(value: number, currency: string): string;
}

const cache = new Map<Lang, Locale>();

export function localeFor(lang: Lang): Locale {
  let locale = cache.get(lang);
  if (!locale) {
    const tag = LOCALES[lang];
    // Dates without a time are calendar days: formatted in UTC so that no time zone moves them.
    const day = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
    const percent = new Intl.NumberFormat(tag, { style: 'percent' });
    const seconds = new Intl.NumberFormat(tag, { style: 'unit', unit: 'second', unitDisplay: 'long' });
    const minutes = new Intl.NumberFormat(tag, { style: 'unit', unit: 'minute', unitDisplay: 'long' });
    const money = new Map<string, Intl.NumberFormat>();
    locale = {
      lang,
      t: MESSAGES[lang],
      label: (label) => label[lang],
      date: (iso) => formatParsed(day, Date.parse(`${iso.slice(0, 10)}T00:00:00Z`), iso),
      month: (yearMonth) => formatParsed(month, Date.parse(`${yearMonth.slice(0, 7)}-01T00:00:00Z`), yearMonth),
      dateTime: (iso) => formatParsed(dateTime, Date.parse(iso), iso),
      number: (value) => number.format(value),
      percent: (share) => percent.format(share),
      duration: (s) => (s < 120 ? seconds.format(Math.max(1, Math.round(s))) : minutes.format(Math.round(s / 60))),
      money(value, currency) {
        let format = money.get(currency);
        if (!format) {
          try {
            format = new Intl.NumberFormat(tag, { style: 'currency', currency });
          } catch {
            format = number;
          }
          money.set(currency, format);
        }
        return format.format(value);
      },
    };
    cache.set(lang, locale);
  }
  return locale;
}

function formatParsed(format: Intl.DateTimeFormat, time: number, raw: string): string {
  return Number.isNaN(time) ? raw : format.format(time);
}

/** The language chosen before on this browser, else the browser's own when it is Chinese or English. */
export function storedLang(): Lang {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'zh' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export function rememberLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
}
