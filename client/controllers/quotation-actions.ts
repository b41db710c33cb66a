import type { Access } from '../../design/access/acl.js';
import { canEdit, decideWrite } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import { creditTermsFromDeal } from '../../design/forms/credit-terms.js';
import { quotationFromDeal } from '../../design/quotation-from-deal.js';
import type { Label } from '../../design/label.js';
import { postCrmAction, type CrmActionOutcome } from './crm-actions.js';

/**
 * What can be done from a deal (a new quotation or proforma invoice from its order lines, a
 * payment reminder) and with a quotation (its PDF, sending it), as the server offers them
 * (server/crm/quotation-routes.ts).
 */
export type QuotationAction = 'new-quotation' | 'new-proforma' | 'payment-reminder' | 'pdf' | 'send' | 'new-credit-terms' | 'apply-credit-terms';

export function quotationActionsFor(access: Access, doc: Doc): QuotationAction[] {
  if (doc.form === 'Deal') {
    const creates = decideWrite(access, null, { form: 'Quotation' }).allowed;
    const credit = decideWrite(access, null, { form: 'CreditTerms' }).allowed && canEdit(access, doc);
    return [...(creates ? ['new-quotation', 'new-proforma'] as const : []), ...(canEdit(access, doc) ? ['payment-reminder'] as const : []), ...(credit ? ['new-credit-terms'] as const : [])];
  }
  // Approved, or within the allowed (the server says which): applying is offered until done.
  if (doc.form === 'CreditTerms') return doc.appliedAt === undefined && doc.approvalStatus !== 'pending' && doc.approvalStatus !== 'rejected' ? ['apply-credit-terms'] : [];
  if (doc.form === 'Quotation') return ['pdf', ...(doc.status === 'draft' && canEdit(access, doc) ? ['send'] as const : [])];
  return [];
}

/** The new document a deal's action opens in the form, to be completed and saved. */
export function newQuotationOf(deal: Doc, action: 'new-quotation' | 'new-proforma'): { form: string; values: Doc } {
  return { form: 'Quotation', values: quotationFromDeal(deal, action === 'new-proforma' ? 'proforma' : 'quotation') };
}

/** A change of the deal's credit terms, starting from those in force. */
export function newCreditTermsOf(deal: Doc): { form: string; values: Doc } {
  return { form: 'CreditTerms', values: creditTermsFromDeal(deal) };
}

/** Puts the terms into their deal (the server refuses terms beyond the allowed until approved). */
export function applyCreditTerms(doc: Doc): Promise<CrmActionOutcome> {
  return postCrmAction(`/api/crm/credit-terms/${encodeURIComponent(doc._id!)}/apply`, {});
}

export function quotationPdfUrl(doc: Doc): string {
  return `/api/crm/quotations/${encodeURIComponent(doc._id!)}/pdf`;
}

const NOT_ON_SERVER: Label = { zh: '这份单据还没有同步到服务器：请稍候再发送', en: 'It has not reached the server yet: send it again in a moment' };

/** Sends the quotation (the server numbers, renders and mails it); it needs the network. */
export async function sendQuotation(doc: Doc): Promise<CrmActionOutcome> {
  const outcome = await postCrmAction(`/api/crm/quotations/${encodeURIComponent(doc._id!)}/send`, {});
  // Saved here a moment ago, it may still be on its way to the server.
  return !outcome.ok && outcome.status === 404 ? { ok: false, message: NOT_ON_SERVER } : outcome;
}

/** Mails the deal's customer a reminder of its overdue payments, to `to` or the customer's first contact with an address. */
export function remindPayment(deal: Doc, to: string): Promise<CrmActionOutcome> {
  return postCrmAction(`/api/crm/deals/${encodeURIComponent(deal._id!)}/payment-reminder`, to === '' ? {} : { to });
}
