import express, { Router } from 'express';
import { canEdit, canRead } from '../../design/access/document-access.js';
import { applyComplaintAction, COMPLAINT_ACTIONS, type ComplaintAction } from '../../design/complaint-actions.js';
import { SERVER_USER } from '../../design/user.js';
import { createError } from '../../engine/errors.js';
import type { WhoIsAsking } from '../print/print-routes.js';
import { checkRouting } from './check-routing.js';
import type { Store, StoredDoc } from '../store/store.js';

export interface ComplaintRouterOptions {
  readonly store: Store;
  readonly whoIsAsking: WhoIsAsking;
  /** The server's clock in milliseconds: every step is stamped with it, never with the workstation's. */
  readonly now?: () => number;
}

/**
 * `POST /api/complaints/:id/actions {action, rev?, note?, department?, handler?, solution?, summary?}`
 * takes one step of a complaint (design/complaint-actions.ts) as the signed-in person and answers
 * the saved complaint. With `rev`, a complaint changed since the workstation read it is a 409.
 */
export function createComplaintRouter({ store, whoIsAsking, now = Date.now }: ComplaintRouterOptions): Router {
  const router = Router();
  router.use('/api/complaints', express.json({ limit: '1mb' }));

  router.post('/api/complaints/:id/actions', async (req, res) => {
    const step = parseAction(req.body);
    const { user, access } = whoIsAsking(res, 'crm');
    const crm = store.database('crm');
    const complaint = await readComplaint(crm.get(req.params.id), (doc) => canRead(access, doc));
    if (typeof req.body.rev === 'string' && req.body.rev !== complaint._rev) {
      throw createError('conflict', `The complaint was changed by someone else (now at ${complaint._rev}); read it again`);
    }
    if (!canEdit(access, complaint)) throw createError('forbidden', 'You may not change this complaint');
    const at = new Date(now()).toISOString();
    const outcome = applyComplaintAction(complaint, step, user, at);
    if (!outcome.ok) throw createError('forbidden', outcome.reason.en, [{ field: 'status', code: 'rule', message: outcome.reason }]);
    await checkRouting(store, step);
    res.json(await crm.save(outcome.doc, { now: at, user: SERVER_USER }));
  });
  return router;
}

/** The complaint, or the same 404 as for a document that does not exist. */
async function readComplaint(read: Promise<StoredDoc>, mayRead: (doc: StoredDoc) => boolean): Promise<StoredDoc> {
  const doc = await read;
  if (!mayRead(doc) || doc.form !== 'Complaint') throw createError('not_found', 'missing');
  return doc;
}

function parseAction(body: unknown): ComplaintAction {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw createError('bad_request', 'The body must be a JSON object');
  const { action, note, department, handler, solution, summary } = body as Record<string, unknown>;
  if (typeof action !== 'string' || !(COMPLAINT_ACTIONS as readonly string[]).includes(action)) {
    throw createError('bad_request', `action must be one of ${COMPLAINT_ACTIONS.join(', ')}`);
  }
  const text = (name: string, value: unknown, max: number): string | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw createError('bad_request', `${name} must be text`);
    if (value.length > max) throw createError('bad_request', `${name} must be at most ${max} characters`);
    return value;
  };
  if (handler !== undefined && !(Array.isArray(handler) && handler.every((h) => typeof h === 'string'))) {
    throw createError('bad_request', 'handler must be a list of names');
  }
  return {
    action: action as ComplaintAction['action'],
    note: text('note', note, 20000),
    department: text('department', department, 100),
    handler: handler as string[] | undefined,
    solution: text('solution', solution, 20000),
    summary: text('summary', summary, 20000),
  };
}
