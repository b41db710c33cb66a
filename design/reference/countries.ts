import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import zh from 'i18n-iso-countries/langs/zh.json' with { type: 'json' };
import type { Choice } from '../form.js';
import type { Lang } from '../label.js';

countries.registerLocale(en);
countries.registerLocale(zh);

// What people write that the library's names and aliases do not cover.
const ALIASES: Readonly<Record<string, string>> = {
  台湾: 'TW', 台灣: 'TW', 中国台湾: 'TW', 中國台灣: 'TW', 香港: 'HK', 中国香港: 'HK', 中國香港: 'HK', 澳门: 'MO', 澳門: 'MO', 中国澳门: 'MO', 中國澳門: 'MO', 中华人民共和国: 'CN', 大陆: 'CN', 美利坚合众国: 'US',
  deutschland: 'DE', 'u.k.': 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'great britain': 'GB', holland: 'NL',
  'the netherlands': 'NL', españa: 'ES', italia: 'IT', 'south korea': 'KR', korea: 'KR', 'u.a.e.': 'AE', uae: 'AE',
  'p.r. china': 'CN', 'p.r.china': 'CN', prc: 'CN', 'mainland china': 'CN', russia: 'RU', vietnam: 'VN', 'viet nam': 'VN',
};

// The library's short English name where it is an abbreviation or reads as a list entry.
const ENGLISH_NAMES: Readonly<Record<string, string>> = { GB: 'United Kingdom', KR: 'South Korea', KP: 'North Korea' };

/**
 * Every country of ISO 3166-1, stored by its two-letter code and named in both languages, so that
 * 德国, Germany and DE are one country to views, and each person reads it in their language.
 * China first (the company's home), the rest in the order of their English names.
 */
export const COUNTRIES: readonly Choice[] = Object.entries(countries.getNames('en', { select: 'alias' }))
  .map(([value, name]): Choice => ({ value, label: { zh: countries.getName(value, 'zh') ?? name, en: ENGLISH_NAMES[value] ?? name } }))
  .sort((a, b) => (a.value === 'CN' ? -1 : b.value === 'CN' ? 1 : a.label.en.localeCompare(b.label.en, 'en')));

/** A country as people type it (德国, Germany, Deutschland, DE, U.S.A.) as its ISO code; undefined when not known. */
export function countryCode(country: string): string | undefined {
  const text = country.trim().normalize('NFKC');
  if (text === '') return undefined;
  return countries.getAlpha2Code(text, 'zh') ?? countries.getAlpha2Code(text, 'en') ?? ALIASES[text.toLowerCase()]
    ?? (/^[a-z]{2}$/i.test(text) && countries.isValid(text.toUpperCase()) ? text.toUpperCase() : undefined);
}

const byCode = new Map(COUNTRIES.map((c) => [c.value, c.label]));

/** A stored country in a language: the name of its code, or the text as written when it is none. */
export function countryName(country: string, lang: Lang): string {
  return byCode.get(country)?.[lang] ?? country;
}
