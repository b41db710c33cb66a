import ICAL from 'ical.js';
import type { Doc } from '../../design/form.js';
import { TIME_ZONES } from '../../design/forms/time-zones.js';
import { instantOfWallClock } from '../../design/local-time.js';
import { createError, GuanxiError } from '../../engine/errors.js';

const ZONES = new Set(TIME_ZONES.map((c) => c.value));

/**
 * The first event of a received iCalendar invitation as the fields of a calendar entry: subject,
 * start and end (in the zone the invitation names, through its VTIMEZONE), all day, recurrence
 * (kept as it came), place, notes with the organizer, and its UID. A file that is not iCalendar
 * or holds no event is a 400 with the reason.
 */
export function readInvitation(ics: string): Doc {
  try {
    return readEvent(ics);
  } catch (error) {
    if (error instanceof GuanxiError) throw error;
    // ical.js throws plain errors for what it cannot read (a date that is no date, a broken rule).
    throw createError('bad_request', `The invitation cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readEvent(ics: string): Doc {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  } catch (error) {
    throw createError('bad_request', `The invitation is not iCalendar (RFC 5545): ${error instanceof Error ? error.message : String(error)}`);
  }
  const zones = new Map<string, ICAL.Timezone>();
  for (const component of calendar.getAllSubcomponents('vtimezone')) {
    const zone = new ICAL.Timezone(component);
    zones.set(zone.tzid, zone);
  }
  const component = calendar.getFirstSubcomponent('vevent');
  if (!component) throw createError('bad_request', 'The invitation holds no event (VEVENT)');
  const event = new ICAL.Event(component);
  const start = instantOf(event.startDate, component.getFirstProperty('dtstart'), zones);
  if (start === undefined) throw createError('bad_request', 'The invitation\'s event has no start (DTSTART)');
  const end = event.endDate ? instantOf(event.endDate, component.getFirstProperty('dtend') ?? component.getFirstProperty('dtstart'), zones) : undefined;
  const tzid = component.getFirstProperty('dtstart')?.getParameter('tzid');
  const rule = component.getFirstPropertyValue('rrule');
  const organizer = component.getFirstProperty('organizer');
  const organizerName = organizer?.getParameter('cn') ?? String(organizer?.getFirstValue() ?? '').replace(/^mailto:/i, '');
  const notes = [organizerName ? `组织者 Organizer: ${organizerName}` : '', event.description ?? ''].filter((s) => s !== '').join('\n');
  return {
    subject: (event.summary || '(no subject)').slice(0, 300),
    when: new Date(start).toISOString(),
    ...(end !== undefined && end > start ? { end: new Date(end).toISOString() } : {}),
    ...(event.startDate.isDate ? { allDay: true } : {}),
    ...(typeof tzid === 'string' && ZONES.has(tzid) ? { timeZone: tzid } : {}),
    ...(rule ? { repeat: 'rule', rrule: String(rule) } : {}),
    ...(event.location ? { place: event.location.slice(0, 200) } : {}),
    ...(notes ? { notes: notes.slice(0, 20000) } : {}),
    ...(event.uid ? { icalUid: event.uid.slice(0, 500) } : {}),
  };
}

/** A DTSTART or DTEND as an instant: UTC, in its TZID's VTIMEZONE, or floating (read as UTC). */
function instantOf(time: ICAL.Time | undefined, property: ICAL.Property | null, zones: ReadonlyMap<string, ICAL.Timezone>): number | undefined {
  if (!time) return undefined;
  const tzid = property?.getParameter('tzid');
  const zone = typeof tzid === 'string' ? zones.get(tzid) : undefined;
  if (zone) time.zone = zone;
  else if (typeof tzid === 'string' && isIanaZone(tzid)) {
    // A TZID without its VTIMEZONE (many clients send none for IANA names): the zone as Intl knows it.
    return instantOfWallClock(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second), tzid);
  }
  const seconds = time.toUnixTime();
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

function isIanaZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
