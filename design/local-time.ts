/** Dates and hours as they are where a customer lives, for sending at their morning. No I/O. */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at `instant`: `YYYY-MM-DD`, the hour and the zone's offset from UTC in ms. */
export function localTime(instant: Date, timeZone: string): { readonly date: string; readonly hour: number; readonly offsetMs: number } {
  const parts = Object.fromEntries(format(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), offsetMs: wall - Math.floor(instant.getTime() / 1000) * 1000 };
}

/** The instant it is `hour`:00 on `date` (`YYYY-MM-DD`) in `timeZone` (on a daylight-saving change, the hour after the gap). */
export function instantAt(date: string, hour: number, timeZone: string): Date {
  return new Date(instantOfWallClock(Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000, timeZone));
}

/**
 * The instant whose wall clock in `timeZone` reads `wall` (the wall clock written as if it were
 * UTC, in ms): what a recurrence expanded in wall-clock time maps back to.
 */
export function instantOfWallClock(wall: number, timeZone: string): number {
  const first = wall - localTime(new Date(wall), timeZone).offsetMs;
  return wall - localTime(new Date(first), timeZone).offsetMs;
}

/** The wall clock in `timeZone` at `instant` (ms), written as if it were UTC. */
export function wallClockOf(instant: number, timeZone: string): number {
  return instant + localTime(new Date(instant), timeZone).offsetMs;
}

/** `hour`:00 tomorrow where `timeZone` is: a follow-up's default, the customer's next morning. */
export function tomorrowAt(now: Date, hour: number, timeZone: string): Date {
  const today = localTime(now, timeZone).date;
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return instantAt(tomorrow, hour, timeZone);
}

/** An instant as a person reads it where they are and as spreadsheets take it: `2026-03-01 16:05`. */
export function localDateTimeText(instant: Date, timeZone: string): string {
  return new Date(instant.getTime() + localTime(instant, timeZone).offsetMs).toISOString().slice(0, 16).replace('T', ' ');
}

/** Whether the runtime knows this IANA time zone (Asia/Shanghai, Europe/Berlin). */
export function isTimeZone(timeZone: string): boolean {
  try {
    format(timeZone);
    return true;
  } catch {
    return false;
  }
}
