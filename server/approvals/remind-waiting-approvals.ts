import { findDueApprovalReminders } from '../../design/approval/find-due-approval-reminders.js';
import type { DbName } from '../../design/databases.js';
import { SERVER_USER } from '../../design/user.js';
import { officeDay } from '../../design/forms/time-zones.js';
import { toGuanxiError } from '../../engine/errors.js';
import { updateDoc } from '../crm/update-doc.js';
import type { Store } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import { approvalTitle } from './approval-notices.js';

/** Where documents wait for approval: each database's view of them (pending ones first or only). */
const WAITING: readonly { readonly db: DbName; readonly view: string; readonly categories?: (title: unknown) => boolean }[] = [
  { db: 'office', view: 'approvals-by-status', categories: (status) => status === 'pending' },
  { db: 'crm', view: 'crm-approvals-pending' },
];

/**
 * Reminds the approvers of documents (the office's, and quotations and credit terms in crm) that
 * have waited a day for their decision, with a `Notice` each, once per document and day: the
 * notice's id names both, so a second server or a rerun after a crash between the two saves makes
 * no second one; it is kept beside the document (in its database). Returns the ids reminded.
 */
export async function remindWaitingApprovals(store: Store, now: string): Promise<string[]> {
  const ctx = { now, user: SERVER_USER };
  const reminded: string[] = [];
  for (const { db, view, categories } of WAITING) {
    const database = store.database(db);
    for (const doc of findDueApprovalReminders(now, await docsOfView(database, view, categories))) {
      const title = approvalTitle(doc);
      await database.save({
        _id: `approval-reminder-${String(doc._id)}-${officeDay(now)}`,
        form: 'Notice', kind: 'approval', recipients: doc.waitingFor,
        subject: `待您审批（提醒）：${title} / Still waiting for your approval: ${title}`.slice(0, 300),
        body: `${String(doc.createdBy ?? '')} · ${String(doc.submittedAt ?? '')}`,
        linkDb: db, linkId: doc._id,
      }, ctx).catch((error: unknown) => {
        if (toGuanxiError(error).kind !== 'conflict') throw error;
      });
      await updateDoc(database, String(doc._id), (current) => (current.approvalStatus === 'pending' ? { ...current, remindedAt: now } : null), () => ctx);
      reminded.push(String(doc._id));
    }
  }
  return reminded;
}
