import { durationOf } from '../../design/calendar/occurrences.js';
import type { Doc } from '../../design/form.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { saveDocument, type SaveOutcome } from '../controllers/save-document.js';

/** What the server keeps on a repeating entry, and its repetition: not carried over to one occurrence. */
const SERIES_ONLY = ['_id', '_rev', '_attachments', 'repeat', 'repeatUntil', 'rrule', 'exdates', 'nextReminder', 'remindedAt', 'remindedThrough', 'invited', 'answersTold', 'icalUid'];

/**
 * Changes one occurrence of a repeating entry (RFC 5545): the occurrence planned at `start` is left
 * out of the series (EXDATE) and, unless `changes` is null (the occurrence deleted), made an entry
 * of its own with the series' fields and `changes`, which names the series and that start
 * (RECURRENCE-ID). Reminders, the calendar and the iCal feed then follow the occurrence as changed.
 * Both are saved in the replica, offline too. The new entry's id comes back.
 */
export async function changeOccurrence(db: LocalDatabase, seriesId: string, start: number, changes: Doc | null): Promise<SaveOutcome | { ok: true; id: string | null }> {
  const series = await db.getDoc(seriesId);
  if (!series) return { ok: false, errors: [] };
  const planned = new Date(start).toISOString();
  let id: string | null = null;
  if (changes) {
    const fields = Object.fromEntries(Object.entries(series).filter(([name]) => !SERIES_ONLY.includes(name)));
    const made = await saveDocument(db, {
      ...fields, when: planned, end: new Date(start + durationOf(series)).toISOString(), seriesId, recurrenceId: planned, ...changes,
    }, null);
    if (!made.ok) return made;
    id = made.id;
  }
  const exdates = Array.isArray(series.exdates) ? series.exdates.map(String) : [];
  const saved = await saveDocument(db, { ...series, exdates: [...new Set([...exdates, planned])] }, series);
  return saved.ok ? { ok: true, id } : saved;
}
