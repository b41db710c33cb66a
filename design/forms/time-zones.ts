import { localTime } from '../local-time.js';
import { choices } from './choices.js';

/** Where the company is, and the time of a customer or contact whose zone nobody entered. */
export const COMPANY_TIME_ZONE = 'Asia/Shanghai';

/**
 * The company's day (`YYYY-MM-DD`) at `instant` (ISO): "today" as the people in the office live it,
 * not UTC's (at 00:30 in Beijing, UTC still has yesterday). Date defaults, "this week" and the
 * server's daily work go by it.
 */
export function officeDay(instant: string): string {
  return localTime(new Date(instant), COMPANY_TIME_ZONE).date;
}

/** The time zones of an export company's customers, for sending at their morning (IANA names). */
export const TIME_ZONES = choices({
  'Asia/Shanghai': ['北京时间', 'China (Beijing)'],
  'Asia/Hong_Kong': ['香港', 'Hong Kong'],
  'Asia/Taipei': ['台北', 'Taipei'],
  'Asia/Tokyo': ['东京', 'Tokyo'],
  'Asia/Seoul': ['首尔', 'Seoul'],
  'Asia/Singapore': ['新加坡', 'Singapore'],
  'Asia/Bangkok': ['曼谷', 'Bangkok'],
  'Asia/Kolkata': ['印度', 'India'],
  'Asia/Dubai': ['迪拜', 'Dubai'],
  'Asia/Riyadh': ['利雅得', 'Riyadh'],
  'Europe/Moscow': ['莫斯科', 'Moscow'],
  'Europe/Istanbul': ['伊斯坦布尔', 'Istanbul'],
  'Europe/Berlin': ['中欧（柏林、巴黎、米兰）', 'Central Europe (Berlin, Paris, Milan)'],
  'Europe/London': ['伦敦', 'London'],
  'Africa/Lagos': ['拉各斯', 'Lagos'],
  'Africa/Johannesburg': ['约翰内斯堡', 'Johannesburg'],
  'America/Sao_Paulo': ['圣保罗', 'São Paulo'],
  'America/New_York': ['美国东部', 'US Eastern'],
  'America/Chicago': ['美国中部', 'US Central'],
  'America/Denver': ['美国山地', 'US Mountain'],
  'America/Los_Angeles': ['美国西部', 'US Pacific'],
  'America/Mexico_City': ['墨西哥城', 'Mexico City'],
  'Australia/Sydney': ['悉尼', 'Sydney'],
  'Pacific/Auckland': ['奥克兰', 'Auckland'],
});

export const timeZoneField = { type: 'choice', label: { zh: '时区', en: 'Time zone' }, choices: TIME_ZONES } as const;
