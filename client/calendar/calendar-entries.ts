import { dealDates, type DealDateKind } from '../../design/calendar/deal-dates.js';
import { occurrences } from '../../design/calendar/occurrences.js';
import { viewById } from '../../views/catalog.js';
import { ACTIVITY_VALUES, CALENDAR_VALUES, DEAL_DATE_VALUES, namedValues } from '../../views/crm/calendar.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { addDays, isoDay } from './calendar-range.js';

/** One occurrence of a calendar entry as the calendar draws it. */
export interface CalendarItem {
  readonly id: string;
  /** Instants in ms. */
  readonly start: number;
  readonly end: number;
  readonly subject: string;
  readonly people: readonly string[];
  readonly customerName: string;
  readonly place: string;
  readonly allDay: boolean;
  readonly recurring: boolean;
  /** A colleague's private entry: only its time is known. */
  readonly busy: boolean;
  readonly private: boolean;
  readonly accepted: readonly string[];
  readonly declined: readonly string[];
  readonly attendees: readonly string[];
  /** A calendar entry, a planned contact activity, or a deal's date (`id` is the deal's, `subject` its name). */
  readonly kind: 'entry' | 'activity' | DealDateKind;
  /** A deal's payment amount or delivery description; an activity's kind (call, visit…). */
  readonly detail: string;
  /** A payment received in full, a delivery shipped. */
  readonly done: boolean;
}

/** Whose entries: everyone's, some people's (a person's or a department's, their busy times included), or one customer's. */
export type CalendarScope = { readonly kind: 'all' } | { readonly kind: 'people'; readonly names: readonly string[] } | { readonly kind: 'customer'; readonly id: string };

/** The longest a one-off entry is looked for before the page starts (a trade fair of several days). */
const LOOK_BACK = 35 * 24 * 3_600_000;
const BATCH = 2000;
/** Where a row's values hold the rule (after the view's sorting column): repeating entries come from their own view. */
const RRULE = CALENDAR_VALUES.indexOf('rrule') + 1;

/**
 * The occurrences in [from, to) of the entries in the replica, read from two views' rows only (no
 * document is opened): the one-offs starting from a little before the page, and every repeating
 * entry, expanded in its own zone. A busy time is left out when its private entry is readable
 * here (the entry itself shows).
 */
export async function calendarItems(db: LocalDatabase, from: number, to: number, scope: CalendarScope): Promise<CalendarItem[]> {
  const byStart = viewById('calendar-by-start');
  const recurring = viewById('calendar-recurring');
  if (!byStart || !recurring) return [];
  // Read beside the entries' views, not after them.
  const deals = dealItems(db, from, to, scope);
  const activities = activityItems(db, from, to, scope);
  const rows: { id: string; values: unknown[] }[] = [];
  let after: { key: unknown[]; id: string } | null = { key: [from - LOOK_BACK], id: '' };
  for (;;) {
    const batch = await db.views.rows(byStart, [], after, BATCH);
    let done = batch.length < BATCH;
    for (const row of batch) {
      if (typeof row.key[0] === 'number' && row.key[0] >= to) {
        done = true;
        break;
      }
      if (!row.value[RRULE]) rows.push({ id: row.id, values: row.value });
    }
    const last = batch.at(-1);
    if (done || !last) break;
    after = { key: last.key, id: last.id };
  }
  for (const row of await db.views.rows(recurring, [], null, 100_000)) rows.push({ id: row.id, values: row.value });
  const ids = new Set(rows.map((r) => r.id));
  const items: CalendarItem[] = [];
  for (const { id, values } of rows) {
    const entry = named(values);
    if (entry.form === 'BusyTime' && ids.has(id.replace(/^busy-/, ''))) continue;
    if (!inScope(entry, scope)) continue;
    for (const o of occurrences(entry, from, to)) items.push(itemOf(id, entry, o.start, o.end));
  }
  items.push(...await deals, ...await activities);
  return items.sort((a, b) => a.start - b.start || a.subject.localeCompare(b.subject));
}

function named(values: readonly unknown[]): Record<string, unknown> {
  // values[0] is the view's sorting column; the calendar's values follow it.
  return namedValues(values, CALENDAR_VALUES, 1);
}

function inScope(entry: Record<string, unknown>, scope: CalendarScope): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'customer') return entry.customerId === scope.id;
  return list(entry.people).some((name) => scope.names.includes(name));
}

function itemOf(id: string, entry: Record<string, unknown>, start: number, end: number): CalendarItem {
  const busy = entry.form === 'BusyTime';
  return {
    id, start, end,
    subject: busy ? '' : String(entry.subject ?? ''),
    people: list(entry.people),
    customerName: typeof entry.customerName === 'string' ? entry.customerName : '',
    place: typeof entry.place === 'string' ? entry.place : '',
    allDay: entry.allDay === true,
    recurring: typeof entry.rrule === 'string' && entry.rrule !== '',
    busy,
    private: entry.private === true,
    accepted: list(entry.accepted),
    declined: list(entry.declined),
    attendees: list(entry.attendees),
    kind: 'entry',
    detail: '',
    done: false,
  };
}

/**
 * The deals' dates on the local days of [from, to) as all-day items, from the rows of
 * calendar-deal-dates (a deal under each day it has something on). The replica holds only the
 * deals this person may read, so nobody sees another's deal here either.
 */
async function dealItems(db: LocalDatabase, from: number, to: number, scope: CalendarScope): Promise<CalendarItem[]> {
  const view = viewById('calendar-deal-dates');
  if (!view) return [];
  const first = isoDay(from);
  const last = isoDay(to - 1);
  const items: CalendarItem[] = [];
  // A categorised key is [sortKey, day]; the sort key of a day is its digits.
  let after: { key: unknown[]; id: string } | null = { key: [[first.replaceAll('-', ''), null]], id: '' };
  for (;;) {
    const batch = await db.views.rows(view, [], after, BATCH);
    for (const row of batch) {
      const day = row.value[0];
      if (typeof day !== 'string' || day > last) return items;
      const deal = namedValues(row.value, DEAL_DATE_VALUES, 1);
      if (scope.kind === 'customer' ? deal.customerId !== scope.id : scope.kind === 'people' && !list(deal.owner).some((name) => scope.names.includes(name))) continue;
      const start = new Date(`${day}T00:00:00`).getTime();
      for (const date of dealDates(deal)) {
        if (date.day !== day) continue;
        items.push({
          id: row.id, start, end: addDays(start, 1),
          subject: String(deal.name ?? ''), people: list(deal.owner), customerName: typeof deal.customerName === 'string' ? deal.customerName : '',
          place: '', allDay: true, recurring: false, busy: false, private: false, accepted: [], declined: [], attendees: [],
          kind: date.kind, detail: date.detail, done: date.done,
        });
      }
    }
    const end = batch.at(-1);
    if (batch.length < BATCH || !end) return items;
    after = { key: end.key, id: end.id };
  }
}

/** How long a planned activity is drawn: it has a time, not an end. */
export const ACTIVITY_LENGTH = 3_600_000;

/**
 * The contact activities still planned (计划) that start in [from, to), as hour-long items of their
 * owners, from the rows of calendar-planned-activities. Done ones are not in that view: they are
 * history, on the customer's timeline. The replica holds only the activities this person may read.
 */
async function activityItems(db: LocalDatabase, from: number, to: number, scope: CalendarScope): Promise<CalendarItem[]> {
  const view = viewById('calendar-planned-activities');
  if (!view) return [];
  const items: CalendarItem[] = [];
  // A time column's key is its instant in ms.
  let after: { key: unknown[]; id: string } | null = { key: [from - ACTIVITY_LENGTH], id: '' };
  for (;;) {
    const batch = await db.views.rows(view, [], after, BATCH);
    for (const row of batch) {
      const start = row.key[0];
      if (typeof start !== 'number') continue;
      if (start >= to) return items;
      const activity = namedValues(row.value, ACTIVITY_VALUES, 1);
      if (start + ACTIVITY_LENGTH <= from) continue;
      if (scope.kind === 'customer' ? activity.customerId !== scope.id : scope.kind === 'people' && !list(activity.owner).some((name) => scope.names.includes(name))) continue;
      items.push({
        id: row.id, start, end: start + ACTIVITY_LENGTH,
        subject: String(activity.subject ?? ''), people: list(activity.owner), customerName: typeof activity.customerName === 'string' ? activity.customerName : '',
        place: typeof activity.contactName === 'string' ? activity.contactName : '', allDay: false, recurring: false, busy: false, private: false,
        accepted: [], declined: [], attendees: [], kind: 'activity', detail: String(activity.kind ?? ''), done: false,
      });
    }
    const end = batch.at(-1);
    if (batch.length < BATCH || !end) return items;
    after = { key: end.key, id: end.id };
  }
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
