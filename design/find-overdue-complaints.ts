import type { Doc } from './form.js';

/** Statuses of a complaint not yet solved. */
export const OPEN_STATUSES: ReadonlySet<unknown> = new Set(['new', 'review', 'assigned']);

/**
 * Complaints still open `openHours` after they were received whose manager has not yet been told:
 * each is flagged and notified once.
 */
export function findOverdueComplaints(now: string, complaints: readonly Doc[], openHours: number): Doc[] {
  const limit = Date.parse(now) - openHours * 3600_000;
  return complaints.filter((doc) => doc.form === 'Complaint'
    && OPEN_STATUSES.has(doc.status ?? 'new')
    && doc.overdueNotifiedAt === undefined
    && Date.parse(String(doc.received ?? doc.created)) <= limit);
}
