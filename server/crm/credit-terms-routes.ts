import express, { Router } from 'express';
import type { WhoIsAsking } from '../print/print-routes.js';
import type { Store } from '../store/store.js';
import { applyCreditTerms } from './apply-credit-terms.js';

export interface CreditTermsRouterOptions {
  readonly store: Store;
  readonly whoIsAsking: WhoIsAsking;
  /** ISO time now; tests inject their clock. */
  readonly now: () => string;
}

/**
 * `POST /api/crm/credit-terms/:id/apply`: the credit terms go into their deal, within the allowed at
 * once, beyond it once approved (steps: POST /api/approvals/crm/:id/actions). Answers the terms document.
 */
export function createCreditTermsRouter({ store, whoIsAsking, now }: CreditTermsRouterOptions): Router {
  const router = Router();
  router.use('/api/crm/credit-terms', express.json({ limit: '16kb' }));
  router.post('/api/crm/credit-terms/:id/apply', async (req, res) => {
    const { user, access } = whoIsAsking(res, 'crm');
    res.json(await applyCreditTerms(store, req.params.id, user, access, now()));
  });
  return router;
}
