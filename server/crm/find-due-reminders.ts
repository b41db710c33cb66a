import type { Doc } from '../../design/form.js';

/** Appointments whose time has come and whose people have not been reminded yet. */
export function findDueReminders(now: string, docs: readonly Doc[]): Doc[] {
  const time = Date.parse(now);
  return docs.filter((doc) => doc.form === 'Appointment' && !doc._deleted && doc.remindedAt === undefined
    && typeof doc.when === 'string' && Date.parse(doc.when) <= time);
}
