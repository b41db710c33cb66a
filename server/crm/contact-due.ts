import type { Doc } from '../../design/form.js';
import type { CrmSettings } from './crm-settings.js';

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * When a customer should next be contacted: their last contact (or, never contacted, their first
 * contact or the day they were entered) plus the frequency their importance asks for.
 */
export function nextContactDue(customer: Doc, settings: CrmSettings): string | undefined {
  const base = [customer.lastContact, customer.firstContact, customer.created].find((d): d is string => typeof d === 'string' && d.length >= 10);
  return base === undefined ? undefined : addDays(base.slice(0, 10), settings.contactDays(customer.importance));
}

/** The day of a done activity, if it is one that counts as contact with its customer. */
export function contactDay(activity: Doc): string | undefined {
  return activity.form === 'Activity' && activity.status === 'done' && typeof activity.when === 'string' && typeof activity.customerId === 'string'
    ? activity.when.slice(0, 10) : undefined;
}
