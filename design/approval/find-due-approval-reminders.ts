import type { Doc } from '../form.js';
import { historyOf } from './apply-approval-action.js';

/** A document waits this long for a decision before its approvers are reminded, and again each time after. */
export const APPROVAL_REMINDER_HOURS = 24;

/**
 * The documents awaiting approval whose approvers have had them for `hours` since the last step
 * (or the last reminder) without deciding: the scheduler reminds them. Pure: `now` is given.
 */
export function findDueApprovalReminders(now: string, docs: readonly Doc[], hours = APPROVAL_REMINDER_HOURS): Doc[] {
  const due = Date.parse(now) - hours * 3_600_000;
  return docs.filter((doc) => {
    if (doc.approvalStatus !== 'pending' || !Array.isArray(doc.waitingFor) || doc.waitingFor.length === 0) return false;
    const since = [historyOf(doc).at(-1)?.at, doc.remindedAt].filter((t): t is string => typeof t === 'string').map(Date.parse);
    return since.length > 0 && Math.max(...since) <= due;
  });
}
