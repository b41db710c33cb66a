import type { Access } from '../../design/access/acl.js';
import { canEdit, canRead } from '../../design/access/document-access.js';
import type { SaveContext } from '../../design/form.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-configured.js';
import { creditTermsRefusal } from '../../design/forms/credit-terms.js';
import { SERVER_USER, type UserContext } from '../../design/user.js';
import type { Store, StoredDoc } from '../store/store.js';
import { crmError } from './crm-errors.js';
import { updateDoc } from './update-doc.js';

/**
 * Puts a CreditTerms document's terms into its deal, as the server: within what the CRM settings
 * allow at once, beyond it once approved (design/forms/credit-terms.ts). The deal is written first
 * and the same way every time, so an attempt cut short between the two saves is simply repeated.
 */
export async function applyCreditTerms(store: Store, id: string, user: UserContext, access: Access, now: string): Promise<StoredDoc> {
  const crm = store.database('crm');
  const terms = await crm.find(id);
  if (terms?.form !== 'CreditTerms' || !canRead(access, terms)) throw crmError('not_found', 'id', '找不到该信用条件单', 'No such credit terms request');
  const deal = await crm.find(String(terms.dealId ?? ''));
  if (deal?.form !== 'Deal' || !canRead(access, deal)) throw crmError('bad_request', 'dealId', '找不到这份信用条件所属的业务', 'The deal it belongs to cannot be found');
  if (!canEdit(access, deal)) throw crmError('forbidden', 'dealId', '只有能编辑该业务的人可以让信用条件生效', 'Only someone who may edit the deal may apply its credit terms');
  const refusal = creditTermsRefusal(terms, await crm.find(CRM_SETTINGS_ID));
  if (refusal) throw crmError('forbidden', 'approvalStatus', refusal.zh, refusal.en);
  const ctx = (): SaveContext => ({ user: SERVER_USER, now });
  const values = { paymentTerms: terms.paymentTerms, creditDays: terms.creditDays, creditLimit: terms.creditLimit, creditTermsId: terms._id };
  await updateDoc(crm, deal._id, (current) => ({ ...current, ...values }), ctx);
  const applied = await updateDoc(crm, id, (current) => (typeof current.appliedAt === 'string' ? null : { ...current, appliedAt: now, appliedBy: user.name }), ctx);
  return applied ?? await crm.get(id);
}
