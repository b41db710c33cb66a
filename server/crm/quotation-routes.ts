import express, { Router } from 'express';
import { canRead } from '../../design/access/document-access.js';
import { QUOTATION_KINDS } from '../../design/forms/quotation.js';
import { setFileHeaders } from '../file-headers.js';
import type { WhoIsAsking } from '../print/print-routes.js';
import type { Store } from '../store/store.js';
import { crmError } from './crm-errors.js';
import { readCrmSettings } from './crm-settings.js';
import { remindPaymentAsked } from './payment-reminders.js';
import { renderQuotationPdf } from './quotation-pdf.js';
import { readableQuotation, sendQuotation } from './send-quotation.js';

export interface QuotationRouterOptions {
  readonly store: Store;
  readonly whoIsAsking: WhoIsAsking;
  /** ISO time now; tests inject their clock. */
  readonly now: () => string;
}

/**
 * Quotations, proforma invoices and payment reminders, behind sign-in:
 *
 * - `GET /api/crm/quotations/:id/pdf`: the document as its PDF (a draft reads "not numbered")
 * - `POST /api/crm/quotations/:id/send` `{to?, message?}`: numbers, renders and mails it, records it on the deal
 *   (above the allowed discount once approved: POST /api/approvals/crm/:id/actions)
 * - `POST /api/crm/deals/:id/payment-reminder` `{to?}`: mails a reminder of the deal's overdue payments
 */
export function createQuotationRouter({ store, whoIsAsking, now }: QuotationRouterOptions): Router {
  const router = Router();
  router.use('/api/crm', express.json({ limit: '1mb' }));
  const crm = () => store.database('crm');

  router.get('/api/crm/quotations/:id/pdf', async (req, res) => {
    const { access } = whoIsAsking(res, 'crm');
    const quotation = await readableQuotation(crm(), req.params.id!, access);
    const pdf = await renderQuotationPdf(quotation, (await readCrmSettings(crm())).letterhead);
    const kind = (QUOTATION_KINDS.find((k) => k.value === quotation.kind) ?? QUOTATION_KINDS[0]!).label.en;
    setFileHeaders(res, 'application/pdf', `${kind} ${typeof quotation.number === 'string' && quotation.number !== '' ? quotation.number : 'draft'}.pdf`);
    res.send(Buffer.from(pdf));
  });

  router.post('/api/crm/quotations/:id/send', async (req, res) => {
    const { user, access } = whoIsAsking(res, 'crm');
    res.json(await sendQuotation({ store, user, access, id: req.params.id!, body: req.body, now: now() }));
  });

  router.post('/api/crm/deals/:id/payment-reminder', async (req, res) => {
    const { user, access } = whoIsAsking(res, 'crm');
    const deal = await crm().find(req.params.id!);
    if (deal?.form !== 'Deal' || !canRead(access, deal)) throw crmError('not_found', 'id', '找不到该业务', 'No such deal');
    res.json(await remindPaymentAsked(store, deal, access, user, req.body, now()));
  });

  return router;
}
