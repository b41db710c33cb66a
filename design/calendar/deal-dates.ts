import type { Doc } from '../form.js';

/** What a deal has on a day: its expected close (while it is tracked), a payment due, a delivery. */
export type DealDateKind = 'close' | 'payment' | 'delivery';

export interface DealDate {
  readonly kind: DealDateKind;
  /** `YYYY-MM-DD`. */
  readonly day: string;
  /** A payment's amount or a delivery's description. */
  readonly detail: string;
  /** Received in full, or shipped. */
  readonly done: boolean;
}

/** The dates of a deal the calendar shows, in day order. */
export function dealDates(deal: Doc): DealDate[] {
  const dates: DealDate[] = [];
  if (deal.status === 'tracking' && isDay(deal.expectedClose)) dates.push({ kind: 'close', day: deal.expectedClose, detail: '', done: false });
  for (const payment of objects(deal.payments)) {
    if (!isDay(payment.due)) continue;
    const amount = typeof payment.amount === 'number' ? payment.amount : 0;
    const received = typeof payment.received === 'number' ? payment.received : 0;
    const currency = typeof deal.currency === 'string' ? deal.currency : '';
    dates.push({ kind: 'payment', day: payment.due, detail: `${currency} ${amount.toLocaleString('en')}`.trim(), done: Math.round(received * 100) >= Math.round(amount * 100) });
  }
  for (const delivery of objects(deal.deliveries)) {
    if (isDay(delivery.date)) dates.push({ kind: 'delivery', day: delivery.date, detail: typeof delivery.description === 'string' ? delivery.description : '', done: delivery.shipped === true });
  }
  return dates.sort((a, b) => a.day.localeCompare(b.day));
}

/** The days of `dealDates`, each once: what the deal's calendar view is categorised by. */
export function dealCalendarDays(deal: Doc): string[] | undefined {
  const days = [...new Set(dealDates(deal).map((date) => date.day))];
  return days.length > 0 ? days : undefined;
}

function isDay(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object') : [];
}
