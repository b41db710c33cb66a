import type { Doc } from '../../design/form.js';
import { findOverdueComplaints, OPEN_STATUSES } from '../../design/find-overdue-complaints.js';
import { SERVER_USER } from '../../design/user.js';
import { toGuanxiError } from '../../engine/errors.js';
import type { Store } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';

/**
 * Flags the complaints open too long and sends each one's manager a `Notice`, once: the notice's
 * id is the complaint's, so a second server or a rerun after a crash between the two saves makes
 * no second notice. Returns the ids flagged.
 */
export async function flagOverdueComplaints(store: Store, now: string, openHours: number): Promise<string[]> {
  const crm = store.database('crm');
  const open = await docsOfView(crm, 'complaints-by-status', (status) => OPEN_STATUSES.has(status));
  const overdue = findOverdueComplaints(now, open, openHours);
  const ctx = { now, user: SERVER_USER };
  for (const complaint of overdue) {
    const hours = Math.floor((Date.parse(now) - Date.parse(String(complaint.received))) / 3600_000);
    const notice: Doc = {
      _id: `complaint-overdue-${String(complaint._id)}`,
      form: 'Notice',
      kind: 'complaint',
      recipients: complaint.manager,
      subject: `投诉超时未结 Complaint open ${hours} h: ${String(complaint.subject)}`.slice(0, 300),
      body: `${String(complaint.customerName ?? '')}\n受理时间 Received: ${String(complaint.received)}\n处理部门 Department: ${String(complaint.department ?? '—')}`,
      linkDb: 'crm',
      linkId: complaint._id,
    };
    await crm.save(notice, ctx).catch((error: unknown) => {
      if (toGuanxiError(error).kind !== 'conflict') throw error;
    });
    await crm.save({ ...complaint, overdueNotifiedAt: now }, ctx);
  }
  return overdue.map((doc) => String(doc._id));
}
