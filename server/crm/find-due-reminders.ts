import { occurrences } from '../../design/calendar/occurrences.js';
import type { Doc } from '../../design/form.js';

export interface DueReminder {
  readonly entry: Doc;
  /** The occurrence reminded of: its start, in ms. */
  readonly start: number;
  /** An occurrence of a repeating entry that is over already (the entry was made after it): marked done, nobody reminded. */
  readonly over: boolean;
}

const YEAR = 366 * 24 * 3_600_000;

/**
 * Calendar entries whose next reminder has come (`nextReminder`, the lead time before an
 * occurrence not reminded yet), each with the occurrence to remind of: for a repeating entry the
 * latest one due, so that a server that was down reminds once of the next meeting, not of every
 * one it missed, and none at all of a meeting already over.
 */
export function findDueReminders(now: string, docs: readonly Doc[]): DueReminder[] {
  const time = Date.parse(now);
  return docs.flatMap((entry) => {
    if (entry.form !== 'Appointment' || entry._deleted || typeof entry.nextReminder !== 'string' || Date.parse(entry.nextReminder) > time) return [];
    const lead = Number(entry.remindBefore ?? 0) * 60_000;
    const after = typeof entry.remindedThrough === 'string' ? Date.parse(entry.remindedThrough) : Date.parse(String(entry.when)) - 1;
    const due = occurrences(entry, Math.max(after + 1, time + lead - YEAR), time + lead + 1).filter((o) => o.start > after && o.start - lead <= time);
    const latest = due.at(-1);
    const recurring = typeof entry.rrule === 'string' && entry.rrule !== '';
    return latest ? [{ entry, start: latest.start, over: recurring && latest.end <= time }] : [];
  });
}
