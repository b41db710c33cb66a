import { Router } from 'express';
import { canRead } from '../../design/access/document-access.js';
import { APPROVAL_ACTIONS, type ApprovalActionName, type ApprovalDef } from '../../design/approval/approval-def.js';
import { applyApprovalAction, type ApprovalAction, type ApprovalContext } from '../../design/approval/apply-approval-action.js';
import { resolveRoute } from '../../design/approval/resolve-route.js';
import { isDbName } from '../../design/databases.js';
import { fieldError } from '../../design/field-error.js';
import type { Doc } from '../../design/form.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-configured.js';
import { delegatesOn } from '../../design/forms/delegation.js';
import { formByName } from '../../design/forms/index.js';
import { SERVER_USER } from '../../design/user.js';
import { createError, toGuanxiError } from '../../engine/errors.js';
import { crmSettingsOf } from '../crm/crm-settings.js';
import type { WhoIsAsking } from '../print/print-routes.js';
import type { Store, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import { noticeForStep } from './approval-notices.js';
import { recordClaimOnRequest } from './record-claim-on-request.js';
import { readRouteDirectory } from './route-directory.js';

export interface ApprovalRouterOptions {
  readonly store: Store;
  readonly whoIsAsking: WhoIsAsking;
  /** The server's clock in milliseconds: every step is stamped with it, never with the workstation's. */
  readonly now?: () => number;
}

/**
 * `POST /api/approvals/:db/:id/actions {action, note?, rev?}` takes one approval step
 * (design/approval) on a document of any form that declares a route, as the signed-in person, and
 * answers the saved document. With `rev`, a document changed since the workstation read it is a 409.
 */
export function createApprovalRouter({ store, whoIsAsking, now = Date.now }: ApprovalRouterOptions): Router {
  const router = Router();

  router.post('/api/approvals/:db/:id/actions', async (req, res) => {
    const step = parseAction(req.body);
    const dbName = req.params.db;
    if (!isDbName(dbName)) throw createError('not_found', 'missing');
    const { user, access } = whoIsAsking(res, dbName);
    const db = store.database(dbName);
    const at = new Date(now()).toISOString();
    const delegates = delegatesOn(await docsOfView(store.database('office'), 'delegations'), at);
    const doc = await db.get(req.params.id).catch((error: unknown) => {
      if (toGuanxiError(error).kind === 'not_found') return null;
      throw error;
    });
    const def = doc && typeof doc.form === 'string' ? formByName(doc.form)?.approval : undefined;
    // Someone standing in for a waiting approver may read what they are asked to decide.
    const standsIn = doc !== null && Array.isArray(doc.waitingFor) && doc.waitingFor.some((name) => delegates.get(String(name)) === user.name);
    if (!doc || !def || !(canRead(access, doc) || (standsIn && access.level !== 'noAccess'))) throw createError('not_found', 'missing');
    if (typeof req.body.rev === 'string' && req.body.rev !== doc._rev) {
      throw createError('conflict', `The document was changed by someone else (now at ${doc._rev}); read it again`);
    }
    const submission = step.action === 'submit' ? await routeFor(store, def, doc, user.name, now()) : {};
    const outcome = applyApprovalAction(doc, def, step, { user, now: at, delegates, ...submission });
    if (!outcome.ok) throw createError('forbidden', outcome.reason.en, [{ field: 'approvalStatus', code: 'rule', message: outcome.reason }]);
    const saved = await db.save(outcome.doc, { now: at, user: SERVER_USER });
    await noticeForStep(store, dbName, doc, saved, step.action, def, { user, now: at });
    await recordClaimOnRequest(store, saved, step.action, at);
    res.json(saved);
  });
  return router;
}

/** The route and amount of a document being submitted: the directory, exchange rates and CRM settings as they are now. */
async function routeFor(store: Store, def: ApprovalDef, doc: StoredDoc, filer: string, now: number): Promise<Pick<ApprovalContext, 'route' | 'amount' | 'crmSettings'>> {
  const crmSettings = await store.database('crm').find(CRM_SETTINGS_ID);
  let amount: { amount: number; currency: string } | null = null;
  if (def.amount) {
    const settings = crmSettingsOf(crmSettings);
    const base = settings.baseCurrency ?? 'CNY';
    const inBase = def.amount(doc as Doc, (currency) => (currency === base ? 1 : settings.rate(currency)));
    if ('missingRate' in inBase) {
      throw createError('bad_request', `There is no exchange rate for ${inBase.missingRate} into ${base}: an administrator sets it in the CRM settings`,
        [fieldError('lines', 'rule', `没有 ${inBase.missingRate} 折合 ${base} 的汇率，请管理员在客户关系设置中填写`, `There is no exchange rate for ${inBase.missingRate} into ${base}: an administrator sets it in the CRM settings`)]);
    }
    amount = { amount: inBase.amount, currency: base };
  }
  const route = resolveRoute(def, doc as Doc, filer, await readRouteDirectory(store, now), amount?.amount ?? null);
  return { route, amount, crmSettings };
}

function parseAction(body: unknown): ApprovalAction {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw createError('bad_request', 'The body must be a JSON object');
  const { action, note, rev } = body as Record<string, unknown>;
  if (typeof action !== 'string' || !(APPROVAL_ACTIONS as readonly string[]).includes(action)) {
    throw createError('bad_request', `action must be one of ${APPROVAL_ACTIONS.join(', ')}`);
  }
  if (note !== undefined && note !== null && typeof note !== 'string') throw createError('bad_request', 'note must be text');
  if (typeof note === 'string' && note.length > 5000) throw createError('bad_request', 'note must be at most 5000 characters');
  if (rev !== undefined && typeof rev !== 'string') throw createError('bad_request', 'rev must be text');
  return { action: action as ApprovalActionName, ...(typeof note === 'string' ? { note } : {}) };
}
