import type { Doc } from '../../design/form.js';

/**
 * The due work to do at `now`, soonest first: pending, its time come (however long ago: work
 * missed while no server ran is caught up), and not claimed by a server whose lease still holds.
 */
export function findDue<D extends Doc>(now: Date, docs: readonly D[]): D[] {
  const time = now.toISOString();
  return docs
    .filter((doc) => doc.form === 'DueWork' && doc.status === 'pending' && typeof doc.due === 'string' && doc.due <= time
      && (typeof doc.leaseUntil !== 'string' || doc.leaseUntil <= time))
    .sort((a, b) => String(a.due).localeCompare(String(b.due)));
}

/** Notices to mail at `now`: not yet mailed, and due (a notice without a due time is due at once). */
export function findNoticesToMail<D extends Doc>(now: Date, docs: readonly D[]): D[] {
  const time = now.toISOString();
  return docs.filter((doc) => doc.form === 'Notice' && typeof doc.mailedAt !== 'string' && (typeof doc.due !== 'string' || doc.due <= time));
}
