import { RRule } from './rrule-module.js';
import { COMPANY_TIME_ZONE } from '../forms/time-zones.js';
import { instantOfWallClock, wallClockOf } from '../local-time.js';

export interface Occurrence {
  /** Instants in ms. */
  readonly start: number;
  readonly end: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A calendar entry as far as when it is: an Appointment or BusyTime document, or a view row's
 * values named alike — `when`, `end`, `allDay`, `rrule`, `timeZone`.
 */
export type Timing = Readonly<Record<string, unknown>>;

/** How long each occurrence lasts: to `end`, else a day for an all-day entry and an hour otherwise. */
export function durationOf(entry: Timing): number {
  const start = Date.parse(String(entry.when));
  const end = typeof entry.end === 'string' ? Date.parse(entry.end) : NaN;
  return end > start ? end - start : entry.allDay === true ? DAY : HOUR;
}

/**
 * The occurrences of an entry that overlap [from, to). A recurring entry repeats in the wall-clock
 * time of its own zone: rrule expands the wall clock as if it were UTC (which has no daylight
 * saving), and each occurrence is mapped back to an instant in that zone, so a weekly 09:00 in
 * Berlin stays 09:00 there across the change and moves by an hour for Beijing.
 */
export function occurrences(entry: Timing, from: number, to: number): Occurrence[] {
  const start = Date.parse(String(entry.when));
  if (Number.isNaN(start)) return [];
  const duration = durationOf(entry);
  const rule = ruleOf(entry, start);
  if (!rule) return start < to && start + duration > from ? [{ start, end: start + duration }] : [];
  const zone = zoneOf(entry);
  // A day's margin each side covers any zone's offset between wall clock and instant.
  const walls = rule.rrule.between(new Date(wallClockOf(from, zone) - duration - DAY), new Date(wallClockOf(to, zone) + DAY), true);
  const left = leftOut(entry);
  return walls.map((wall) => instantOfWallClock(wall.getTime(), zone))
    .filter((at) => at < to && at + duration > from && !left.has(at))
    .map((at) => ({ start: at, end: at + duration }));
}

/** The first occurrence starting after `after` (ms), or none. */
export function nextOccurrence(entry: Timing, after: number): Occurrence | undefined {
  const start = Date.parse(String(entry.when));
  if (Number.isNaN(start)) return undefined;
  const duration = durationOf(entry);
  const rule = ruleOf(entry, start);
  if (!rule) return start > after ? { start, end: start + duration } : undefined;
  const zone = zoneOf(entry);
  // Searched in wall-clock time from a day before, then checked as instants (the offset may differ by hours).
  let wall = rule.rrule.after(new Date(wallClockOf(after, zone) - DAY), true);
  const left = leftOut(entry);
  while (wall) {
    const at = instantOfWallClock(wall.getTime(), zone);
    if (at > after && !left.has(at)) return { start: at, end: at + duration };
    wall = rule.rrule.after(wall, false);
  }
  return undefined;
}

/** The planned starts (ms) of the occurrences left out (`exdates`): deleted, or changed as an entry of their own. */
function leftOut(entry: Timing): ReadonlySet<number> {
  return new Set(Array.isArray(entry.exdates) ? entry.exdates.map((at) => Date.parse(String(at))) : []);
}

function zoneOf(entry: Timing): string {
  return typeof entry.timeZone === 'string' && entry.timeZone !== '' ? entry.timeZone : COMPANY_TIME_ZONE;
}

const rules = new Map<string, { readonly rrule: RRule }>();

/** The entry's rule anchored at its first start's wall clock, or none for a one-off (parsed once per rule and start). */
function ruleOf(entry: Timing, start: number): { readonly rrule: RRule } | undefined {
  if (typeof entry.rrule !== 'string' || entry.rrule === '') return undefined;
  const zone = zoneOf(entry);
  const key = `${entry.rrule}|${start}|${zone}`;
  let rule = rules.get(key);
  if (!rule) {
    try {
      const options = RRule.parseString(entry.rrule.replace(/^RRULE:/i, ''));
      rule = { rrule: new RRule({ ...options, tzid: null, dtstart: new Date(wallClockOf(start, zone)) }) };
    } catch {
      return undefined;
    }
    if (rules.size > 10_000) rules.clear();
    rules.set(key, rule);
  }
  return rule;
}
