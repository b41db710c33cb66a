import { RRule } from './rrule-module.js';
import { choices } from '../forms/choices.js';

/** How an entry repeats, as people choose it; `rule` keeps a rule received in an invitation as it came. */
export const REPEATS = choices({
  daily: ['每天', 'Every day'],
  weekdays: ['每个工作日', 'Every weekday'],
  weekly: ['每周', 'Every week'],
  monthly: ['每月', 'Every month'],
  yearly: ['每年', 'Every year'],
  rule: ['按收到的规则', 'As received'],
});

const RULES: Readonly<Record<string, string>> = {
  daily: 'FREQ=DAILY',
  weekdays: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
  weekly: 'FREQ=WEEKLY',
  monthly: 'FREQ=MONTHLY',
  yearly: 'FREQ=YEARLY',
};

/**
 * The RFC 5545 RRULE (without `RRULE:`) of a repeat choice, ending with the day `until`
 * (`YYYY-MM-DD`, inclusive) when given; `received` is kept for `rule`.
 */
export function recurrenceRule(repeat: unknown, until: unknown, received: unknown): string | undefined {
  if (repeat === 'rule') return typeof received === 'string' && received !== '' ? received : undefined;
  const rule = typeof repeat === 'string' ? RULES[repeat] : undefined;
  if (!rule) return undefined;
  return typeof until === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(until) ? `${rule};UNTIL=${until.replaceAll('-', '')}T235959Z` : rule;
}

/** Whether `rule` is an RRULE this calendar can expand: a frequency, and nothing rrule refuses. */
export function isRecurrenceRule(rule: string): boolean {
  try {
    return RRule.parseString(rule.replace(/^RRULE:/i, '')).freq !== undefined;
  } catch {
    return false;
  }
}
