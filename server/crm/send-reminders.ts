import type { Doc } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import { GuanxiError } from '../../engine/errors.js';
import { readViewRows } from '../print/read-view-rows.js';
import type { Database } from '../store/store.js';
import { findDueReminders } from './find-due-reminders.js';
import { updateDoc } from './update-doc.js';

/**
 * Turns each due appointment into a reminder Notice for its people, once: the notice's id is the
 * appointment's, so a second server (or a retry after a crash) finds it already there.
 * Returns how many notices this run created.
 */
export async function sendReminders(crm: Database, now: string): Promise<number> {
  const candidates: Doc[] = [];
  // The view is sorted by time: the due ones are its first rows.
  for await (const row of readViewRows(crm, 'appointments-by-time')) {
    if (row.kind !== 'document') continue;
    if (typeof row.values[0] === 'string' && Date.parse(row.values[0]) > Date.parse(now)) break;
    if (row.values[4] === undefined || row.values[4] === null) candidates.push(await crm.get(row.id));
  }
  const ctx = { user: SERVER_USER, now };
  let sent = 0;
  for (const appointment of findDueReminders(now, candidates)) {
    try {
      await crm.save({
        _id: `reminder-${appointment._id!}`,
        form: 'Notice',
        kind: 'reminder',
        recipients: appointment.remind,
        subject: String(appointment.subject),
        body: [appointment.customerName, appointment.place, appointment.notes].filter((s) => typeof s === 'string' && s !== '').join('\n'),
        due: appointment.when,
        linkDb: 'crm',
        linkId: appointment._id,
      }, ctx);
      sent++;
    } catch (error) {
      if (!(error instanceof GuanxiError && error.kind === 'conflict')) throw error;
    }
    await updateDoc(crm, appointment._id!, (current) => (current.remindedAt === undefined ? { ...current, remindedAt: now } : null), () => ctx);
  }
  return sent;
}
