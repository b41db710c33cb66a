/** The calendar's pages: a day, a week (from Monday), a month (the weeks that show it) or the agenda's 30 days. */
export type CalendarMode = 'day' | 'week' | 'month' | 'agenda';

export const CALENDAR_MODES: readonly CalendarMode[] = ['day', 'week', 'month', 'agenda'];


/** Local midnight of the day of `time` (the workstation's own zone). */
export function startOfDay(time: number): number {
  const d = new Date(time);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** `days` calendar days after `time`'s midnight (a daylight-saving day is 23 or 25 hours long). */
export function addDays(time: number, days: number): number {
  const d = new Date(time);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days).getTime();
}

/** The days a page shows, as local midnights; the page runs from the first to the day after the last. */
export function daysOf(mode: CalendarMode, anchor: number): number[] {
  const day = startOfDay(anchor);
  if (mode === 'day') return [day];
  if (mode === 'agenda') return Array.from({ length: 30 }, (_, i) => addDays(day, i));
  const monday = (start: number) => addDays(start, -((new Date(start).getDay() + 6) % 7));
  if (mode === 'week') return Array.from({ length: 7 }, (_, i) => addDays(monday(day), i));
  const first = new Date(new Date(day).getFullYear(), new Date(day).getMonth(), 1).getTime();
  return Array.from({ length: 42 }, (_, i) => addDays(monday(first), i));
}

/** The anchor one page further (`step` 1) or back (-1). */
export function stepped(mode: CalendarMode, anchor: number, step: number): number {
  if (mode === 'month') {
    const d = new Date(anchor);
    return new Date(d.getFullYear(), d.getMonth() + step, 1).getTime();
  }
  return addDays(anchor, step * (mode === 'day' ? 1 : mode === 'week' ? 7 : 30));
}

/** `YYYY-MM-DD` of the local day of an instant. */
export function isoDay(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Whether two instants fall on the same local day. */
export function sameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b);
}

export const HOUR_MS = 3_600_000;
