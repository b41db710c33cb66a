import ICAL from 'ical.js';
import vtimezones from '@touch4it/ical-timezones';
import { durationOf } from '../../design/calendar/occurrences.js';
import type { Doc } from '../../design/form.js';
import { COMPANY_TIME_ZONE } from '../../design/forms/time-zones.js';
import { wallClockOf } from '../../design/local-time.js';

export interface IcsOptions {
  /** `REQUEST` for an invitation mailed to attendees; none for a subscribed feed. */
  readonly method?: 'REQUEST';
  /** The calendar's name shown by subscribing clients (X-WR-CALNAME). */
  readonly name?: string;
  /** A person's address, to name organizer and attendees as RFC 5545 wants (mailto:); people without one are left out. */
  readonly emailOf?: (name: string) => string | undefined;
  /** Where to say the entry is, as `URL` (the workstation's address of it). */
  readonly urlOf?: (entry: Doc) => string | undefined;
}

/**
 * The iCalendar UID of an entry: the one it came with (an accepted invitation), else its own id.
 * An occurrence changed on its own has its series' UID — the invitation's own when the series is in
 * `entries` by id (an outside organizer's series; the occurrence cannot carry it: icalUid is the server's).
 */
export function uidOf(entry: Doc, entries: ReadonlyMap<unknown, Doc> = new Map()): string {
  if (typeof entry.icalUid === 'string' && entry.icalUid !== '') return entry.icalUid;
  if (typeof entry.seriesId === 'string' && entry.seriesId !== '') {
    const series = entries.get(entry.seriesId);
    return series ? uidOf(series) : `${entry.seriesId}@guanxi`;
  }
  return `${String(entry._id)}@guanxi`;
}

/**
 * Calendar entries (Appointment, or BusyTime shown as busy) as one RFC 5545 VCALENDAR. A one-off
 * is written in UTC; a repeating entry in its own zone (DTSTART;TZID with the zone's VTIMEZONE),
 * so that clients repeat it across daylight-saving changes as Guanxi does.
 */
export function writeIcs(entries: readonly Doc[], options: IcsOptions = {}): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//Guanxi//Calendar//ZH');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  if (options.method) calendar.updatePropertyWithValue('method', options.method);
  if (options.name) calendar.updatePropertyWithValue('x-wr-calname', options.name);
  const zones = new Set<string>();
  // Occurrences changed on their own and written here as RECURRENCE-ID events: not left out by EXDATE too.
  const changed = new Set(entries.flatMap((e) => (typeof e.seriesId === 'string' && typeof e.recurrenceId === 'string' ? [`${e.seriesId}|${Date.parse(e.recurrenceId)}`] : [])));
  const byId = new Map(entries.map((e) => [e._id, e]));
  for (const entry of entries) {
    const event = eventOf(entry, options, changed, byId);
    if (!event) continue;
    if ((isRecurring(entry) || typeof entry.seriesId === 'string') && entry.allDay !== true) zones.add(zoneOf(entry));
    calendar.addSubcomponent(event);
  }
  for (const zone of zones) {
    const text = vtimezones.getVtimezoneComponent(zone);
    if (text) calendar.addSubcomponent(new ICAL.Component(ICAL.parse(text) as unknown[]));
  }
  return calendar.toString().replace(/\r?\n/g, '\r\n') + '\r\n';
}

function eventOf(entry: Doc, options: IcsOptions, changed: ReadonlySet<string>, entries: ReadonlyMap<unknown, Doc>): ICAL.Component | null {
  const start = Date.parse(String(entry.when));
  if (Number.isNaN(start)) return null;
  const event = new ICAL.Component('vevent');
  event.updatePropertyWithValue('uid', uidOf(entry, entries));
  event.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(String(entry.modified ?? entry.when)), true));
  const busy = entry.form === 'BusyTime';
  event.updatePropertyWithValue('summary', busy ? '忙碌 Busy' : String(entry.subject ?? ''));
  const end = start + durationOf(entry);
  if (entry.allDay === true) {
    const zone = zoneOf(entry);
    event.updatePropertyWithValue('dtstart', ICAL.Time.fromDateString(new Date(wallClockOf(start, zone)).toISOString().slice(0, 10)));
    event.updatePropertyWithValue('dtend', ICAL.Time.fromDateString(new Date(wallClockOf(end, zone)).toISOString().slice(0, 10)));
  } else if (isRecurring(entry)) {
    zoned(event, 'dtstart', start, zoneOf(entry));
    zoned(event, 'dtend', end, zoneOf(entry));
  } else {
    event.updatePropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(start), true));
    event.updatePropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(end), true));
  }
  if (isRecurring(entry)) {
    event.updatePropertyWithValue('rrule', ICAL.Recur.fromString(String(entry.rrule).replace(/^RRULE:/i, '')));
    for (const at of list(entry.exdates).map(Date.parse)) {
      if (!Number.isNaN(at) && !changed.has(`${String(entry._id)}|${at}`)) event.addProperty(timeProperty('exdate', at, entry));
    }
  }
  if (typeof entry.seriesId === 'string' && typeof entry.recurrenceId === 'string' && !Number.isNaN(Date.parse(entry.recurrenceId))) {
    event.addProperty(timeProperty('recurrence-id', Date.parse(entry.recurrenceId), entry));
  }
  if (busy || entry.private === true) event.updatePropertyWithValue('class', busy ? 'CONFIDENTIAL' : 'PRIVATE');
  if (busy) return event;
  const description = [entry.customerName, entry.notes].filter((s) => typeof s === 'string' && s !== '').join('\n');
  if (description) event.updatePropertyWithValue('description', description);
  if (typeof entry.place === 'string' && entry.place !== '') event.updatePropertyWithValue('location', entry.place);
  const url = options.urlOf?.(entry);
  if (url) event.updatePropertyWithValue('url', url);
  const emailOf = options.emailOf;
  if (emailOf) {
    const organizer = list(entry.organizer)[0];
    const address = organizer ? emailOf(organizer) : undefined;
    if (organizer && address) event.addPropertyWithValue('organizer', `mailto:${address}`).setParameter('cn', organizer);
    const accepted = new Set(list(entry.accepted));
    const declined = new Set(list(entry.declined));
    for (const name of list(entry.attendees)) {
      const email = emailOf(name);
      if (!email) continue;
      const attendee = event.addPropertyWithValue('attendee', `mailto:${email}`);
      attendee.setParameter('cn', name);
      attendee.setParameter('role', 'REQ-PARTICIPANT');
      attendee.setParameter('partstat', accepted.has(name) ? 'ACCEPTED' : declined.has(name) ? 'DECLINED' : 'NEEDS-ACTION');
      attendee.setParameter('rsvp', 'TRUE');
    }
  }
  return event;
}

/** An occurrence's time as its series writes DTSTART: a DATE for an all-day entry, else the wall clock of its zone with the TZID. */
function timeProperty(name: string, instant: number, entry: Doc): ICAL.Property {
  const zone = zoneOf(entry);
  const property = new ICAL.Property(name);
  if (entry.allDay === true) {
    property.setValue(ICAL.Time.fromDateString(new Date(wallClockOf(instant, zone)).toISOString().slice(0, 10)));
    return property;
  }
  property.setValue(wallTime(instant, zone));
  property.setParameter('tzid', zone);
  return property;
}

/** A DATE-TIME on the wall clock of `zone`, with its TZID. */
function zoned(event: ICAL.Component, name: string, instant: number, zone: string): void {
  event.updatePropertyWithValue(name, wallTime(instant, zone)).setParameter('tzid', zone);
}

function wallTime(instant: number, zone: string): ICAL.Time {
  const wall = new Date(wallClockOf(instant, zone));
  return ICAL.Time.fromData({
    year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(),
    hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds(), isDate: false,
  });
}

function isRecurring(entry: Doc): boolean {
  return typeof entry.rrule === 'string' && entry.rrule !== '';
}

function zoneOf(entry: Doc): string {
  return typeof entry.timeZone === 'string' && entry.timeZone !== '' ? entry.timeZone : COMPANY_TIME_ZONE;
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
