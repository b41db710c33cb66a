import { findDueApprovalReminders } from '../../design/approval/find-due-approval-reminders.js';
import { SERVER_USER } from '../../design/user.js';
import { toGuanxiError } from '../../engine/errors.js';
import { updateDoc } from '../crm/update-doc.js';
import type { Store } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';

/**
 * Reminds the approvers of the office's documents that have waited a day for their decision, with
 * a `Notice` each, once per document and day: the notice's id names both, so a second server or a
 * rerun after a crash between the two saves makes no second one. Returns the ids reminded.
 */
export async function remindWaitingApprovals(store: Store, now: string): Promise<string[]> {
  const office = store.database('office');
  const pending = await docsOfView(office, 'approvals-by-status', (status) => status === 'pending');
  const due = findDueApprovalReminders(now, pending);
  const ctx = { now, user: SERVER_USER };
  for (const doc of due) {
    await store.database('crm').save({
      _id: `approval-reminder-${String(doc._id)}-${now.slice(0, 10)}`,
      form: 'Notice', kind: 'approval', recipients: doc.waitingFor,
      subject: `待您审批（提醒）：${String(doc.subject)} / Still waiting for your approval: ${String(doc.subject)}`.slice(0, 300),
      body: `${String(doc.createdBy ?? '')} · ${String(doc.submittedAt ?? '')}`,
      linkDb: 'office', linkId: doc._id,
    }, ctx).catch((error: unknown) => {
      if (toGuanxiError(error).kind !== 'conflict') throw error;
    });
    await updateDoc(office, String(doc._id), (current) => (current.approvalStatus === 'pending' ? { ...current, remindedAt: now } : null), () => ctx);
  }
  return due.map((doc) => String(doc._id));
}
