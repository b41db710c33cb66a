import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import type { Doc } from '../../design/form.js';
import { officeDay } from '../../design/forms/time-zones.js';
import type { NumberFormat, Series } from './crm-settings.js';

/** The date part of a number for a record created at `iso` (the company's day): `2026`, `202603`, `20260315` or nothing. */
export function datePart(format: NumberFormat, iso: string): string {
  const compact = officeDay(iso).replace(/-/g, '');
  return format.datePart === 'year' ? compact.slice(0, 4) : format.datePart === 'month' ? compact.slice(0, 6) : format.datePart === 'day' ? compact : '';
}

/** `C0012`, or `D2026-0012` when the series has a date part. */
export function formatNumber(format: NumberFormat, date: string, sequence: number): string {
  const seq = String(sequence).padStart(format.digits, '0');
  return date === '' ? `${format.prefix}${seq}` : `${format.prefix}${date}-${seq}`;
}

/**
 * The counter of one series, prefix and date part (a new year starts at 1 again). The prefix is
 * written in hex, so that no counter's name begins another's.
 */
export function counterId(series: Series, format: NumberFormat, date: string): string {
  return `counter-${series}-${hexOfUtf8(format.prefix)}-${date}`;
}

/** Where the counter was kept before it moved to the servers' database (a `_local` document of `crm`). */
export function legacyCounterId(series: Series, format: NumberFormat, date: string): string {
  return `_local/counter-${series}-${format.prefix}${date}`;
}

/** Which series a document still waits a number of, and the field it goes in. */
export function pendingNumber(doc: Doc): { series: Series; field: 'code' | 'number' } | null {
  if (doc._deleted) return null;
  if (doc.form === 'Customer' && (doc.code === undefined || doc.code === '')) return { series: 'customerCode', field: 'code' };
  if (doc.form === 'Deal' && (doc.number === undefined || doc.number === '')) return { series: 'dealNumber', field: 'number' };
  return null;
}

const DATE_DIGITS: Readonly<Record<NumberFormat['datePart'], number>> = { none: 0, year: 4, month: 6, day: 8 };

/** The counter and sequence a number was made from under `format`, or null when it was not made so. */
export function parseNumber(series: Series, format: NumberFormat, number: string): { counter: string; sequence: number } | null {
  if (!number.startsWith(format.prefix)) return null;
  const rest = number.slice(format.prefix.length);
  const digits = DATE_DIGITS[format.datePart];
  const match = (digits === 0 ? /^()(\d+)$/ : new RegExp(`^(\\d{${digits}})-(\\d+)$`)).exec(rest);
  return match ? { counter: counterId(series, format, match[1]!), sequence: Number(match[2]) } : null;
}
