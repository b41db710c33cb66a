import type { Doc } from '../form.js';

/** How often a customer of each importance should hear from us, unless their own `contactEveryDays` says. */
export const CONTACT_DAYS: Readonly<Record<string, number>> = { A: 7, B: 30, C: 90 };

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * When a customer should next be contacted: their last contact (or, never contacted, their first
 * contact or the day they were entered) plus their frequency.
 */
export function nextContactDue(customer: Doc): string | undefined {
  const base = [customer.lastContact, customer.firstContact, customer.created].find((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d));
  const own = customer.contactEveryDays;
  const days = typeof own === 'number' && own >= 1 ? own : CONTACT_DAYS[String(customer.importance)] ?? CONTACT_DAYS.B!;
  return base === undefined ? undefined : addDays(base, days);
}
