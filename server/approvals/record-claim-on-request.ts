import type { ApprovalActionName } from '../../design/approval/approval-def.js';
import type { Doc } from '../../design/form.js';
import { claimFollows } from '../../design/forms/expense-claim.js';
import { SERVER_USER } from '../../design/user.js';
import { updateDoc } from '../crm/update-doc.js';
import type { Store } from '../store/store.js';

/**
 * An expense claim that follows an earlier request is recorded on it when submitted (so the view of
 * approved requests not yet claimed drops it), and taken off again when withdrawn or rejected.
 */
export async function recordClaimOnRequest(store: Store, claim: Doc, action: ApprovalActionName, now: string): Promise<void> {
  if (claim.form !== 'ExpenseClaim' || claim.kind === 'request' || typeof claim.requestId !== 'string' || claim.requestId === '') return;
  if (action !== 'submit' && action !== 'withdraw' && action !== 'reject') return;
  const office = store.database('office');
  const request = await office.find(claim.requestId);
  if (!request || !claimFollows(claim, request)) return;
  const id = String(claim._id);
  await updateDoc(office, request._id, (current) => {
    const ids = Array.isArray(current.claimIds) ? current.claimIds.map(String) : [];
    const next = action === 'submit' ? [...new Set([...ids, id])] : ids.filter((c) => c !== id);
    if (next.length === ids.length && next.every((c, i) => c === ids[i])) return null;
    // None left: the field goes, so the request is back among those not yet claimed.
    return { ...current, claimIds: next.length > 0 ? next : undefined };
  }, () => ({ user: SERVER_USER, now }));
}
