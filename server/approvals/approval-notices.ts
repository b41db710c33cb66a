import type { ApprovalActionName, ApprovalDef } from '../../design/approval/approval-def.js';
import type { DbName } from '../../design/databases.js';
import type { Doc } from '../../design/form.js';
import { formByName } from '../../design/forms/index.js';
import type { Label } from '../../design/label.js';
import type { UserContext } from '../../design/user.js';
import type { Store } from '../store/store.js';

/**
 * Tells the people a step concerns, with a `Notice` (mailed too when they have an address): the
 * approvers a document now waits for, or its filer when it is returned, rejected, approved or
 * completed. A notice is kept beside its document (an office claim's in `office`, a quotation's in
 * `crm`), so everyone concerned, people without the CRM too, finds it in their workstation.
 */
export async function noticeForStep(store: Store, db: DbName, before: Doc, after: Doc, action: ApprovalActionName, def: ApprovalDef, ctx: { user: UserContext; now: string }): Promise<void> {
  const title = approvalTitle(after);
  const note = latestNote(after);
  const send = (recipients: readonly string[], what: Label) => recipients.length === 0 ? Promise.resolve() : store.database(db).save({
    form: 'Notice', kind: 'approval', recipients: [...recipients],
    subject: `${what.zh}：${title} / ${what.en}: ${title}`.slice(0, 300),
    body: note, linkDb: db, linkId: after._id,
  }, ctx).then(() => undefined);
  const filer = typeof after.createdBy === 'string' ? [after.createdBy] : [];
  const waiting = Array.isArray(after.waitingFor) ? after.waitingFor.map(String) : [];
  const newlyWaiting = waiting.filter((name) => !(Array.isArray(before.waitingFor) && before.waitingFor.includes(name)));
  switch (action) {
    case 'urge':
      return send(waiting, { zh: '催办审批', en: 'Please decide' });
    case 'return':
      return send(filer, { zh: '已退回，请修改', en: 'Returned to you' });
    case 'reject':
      return send(filer, { zh: '已驳回', en: 'Rejected' });
    case 'complete':
      return send(filer, def.completion?.done ?? { zh: '已办结', en: 'Completed' });
    case 'submit':
    case 'approve':
      if (after.approvalStatus === 'approved') return send(filer, { zh: '已批准', en: 'Approved' });
      return send(newlyWaiting, { zh: '待您审批', en: 'Waiting for your approval' });
    case 'withdraw':
      return undefined;
  }
}

/** The document as its form titles it (a quotation's number and customer, a claim's purpose). */
export function approvalTitle(doc: Doc): string {
  const form = typeof doc.form === 'string' ? formByName(doc.form) : undefined;
  const title = form ? doc[form.titleField] : doc.subject;
  return typeof title === 'string' && title !== '' ? title : String(doc._id);
}

function latestNote(doc: Doc): string {
  const history = Array.isArray(doc.approvalHistory) ? (doc.approvalHistory as { note?: string }[]) : [];
  return history.at(-1)?.note ?? '';
}
