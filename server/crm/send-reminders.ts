import type { Doc, SaveContext } from '../../design/form.js';
import { localTime } from '../../design/local-time.js';
import { COMPANY_TIME_ZONE } from '../../design/forms/time-zones.js';
import { SERVER_USER } from '../../design/user.js';
import { GuanxiError } from '../../engine/errors.js';
import { readViewRows } from '../print/read-view-rows.js';
import type { Database } from '../store/store.js';
import { findDueReminders } from './find-due-reminders.js';
import { updateDoc } from './update-doc.js';

/**
 * Turns each calendar entry whose reminder is due into a reminder Notice for its people (those to
 * remind and the attendees who accepted), once per occurrence: the notice's id is the entry's
 * (and the occurrence's, for a repeating one), so a second server (or a retry after a crash)
 * finds it already there. The notice is due at once, so the mail gateway mails it at the lead
 * time. Returns how many notices this run created.
 */
export async function sendReminders(crm: Database, now: string): Promise<number> {
  const candidates: Doc[] = [];
  // The view is sorted by the next reminder: the due ones are its first rows.
  for await (const row of readViewRows(crm, 'calendar-reminders-due')) {
    if (row.kind !== 'document') continue;
    if (typeof row.values[0] === 'string' && Date.parse(row.values[0]) > Date.parse(now)) break;
    candidates.push(await crm.get(row.id));
  }
  const ctx: SaveContext = { user: SERVER_USER, now };
  let sent = 0;
  for (const { entry, start, over } of findDueReminders(now, candidates)) {
    if (!over && await remind(crm, entry, start, ctx)) sent++;
    await updateDoc(crm, entry._id!, (current) => (typeof current.remindedThrough === 'string' && Date.parse(current.remindedThrough) >= start ? null
      : { ...current, remindedThrough: new Date(start).toISOString(), remindedAt: now }), () => ctx);
  }
  return sent;
}

/** Creates the reminder notice of one occurrence; false when it was there already. */
async function remind(crm: Database, entry: Doc, start: number, ctx: SaveContext): Promise<boolean> {
  const recurring = typeof entry.rrule === 'string' && entry.rrule !== '';
  try {
    await crm.save({
      _id: recurring ? `reminder-${entry._id!}-${new Date(start).toISOString().replace(/[^0-9]/g, '').slice(0, 12)}` : `reminder-${entry._id!}`,
      form: 'Notice',
      kind: 'reminder',
      recipients: [...new Set([...list(entry.remind), ...list(entry.accepted)])],
      subject: String(entry.subject),
      body: [startText(start, entry), entry.customerName, entry.place, entry.notes].filter((s) => typeof s === 'string' && s !== '').join('\n'),
      due: ctx.now,
      linkDb: 'crm',
      linkId: entry._id,
    }, ctx);
    return true;
  } catch (error) {
    if (error instanceof GuanxiError && error.kind === 'conflict') return false;
    throw error;
  }
}

/** The occurrence's start on the wall clock of the entry's zone, e.g. `2026-04-15 10:00 (Asia/Shanghai)`. */
function startText(start: number, entry: Doc): string {
  const zone = typeof entry.timeZone === 'string' && entry.timeZone !== '' ? entry.timeZone : COMPANY_TIME_ZONE;
  const local = new Date(start + localTime(new Date(start), zone).offsetMs).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} (${zone})`;
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
