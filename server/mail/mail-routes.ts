import express, { Router } from 'express';
import { createError } from '../../engine/errors.js';
import type { WhoIsAsking } from '../print/print-routes.js';
import type { Store } from '../store/store.js';
import { assignMessage, contactFromMessage } from './assign-message.js';

export interface MailRouterOptions {
  readonly store: Store;
  readonly whoIsAsking: WhoIsAsking;
  readonly now?: () => number;
}

/**
 * Filing by hand, for the signed-in person and with their rights (full paths; mount at the root
 * behind sign-in):
 * - `POST /api/mail/messages/:id/assign {contactId}`: file the message under an existing contact
 * - `POST /api/mail/messages/:id/contact {customerId, name?}`: make a contact of its sender, and file it there
 */
export function createMailRouter({ store, whoIsAsking, now = Date.now }: MailRouterOptions): Router {
  const router = Router();
  router.use('/api/mail', express.json({ limit: '1mb' }));
  // Opened per request: building the app touches no database.
  const crm = () => store.database('crm');

  router.post('/api/mail/messages/:id/assign', async (req, res) => {
    const { user, access } = whoIsAsking(res, 'crm');
    const contactId = idField(req.body, 'contactId');
    const assigned = await assignMessage(crm(), access, req.params.id, contactId, { user, now: new Date(now()).toISOString() });
    res.json({ message: assigned.message, contact: assigned.contact, addressAdded: assigned.addressAdded });
  });

  router.post('/api/mail/messages/:id/contact', async (req, res) => {
    const { user, access } = whoIsAsking(res, 'crm');
    const customerId = idField(req.body, 'customerId');
    const name = (req.body as { name?: unknown }).name;
    if (name !== undefined && typeof name !== 'string') throw createError('bad_request', 'name must be text');
    const assigned = await contactFromMessage(crm(), access, req.params.id, customerId, { user, now: new Date(now()).toISOString() }, name);
    res.status(201).json({ message: assigned.message, contact: assigned.contact });
  });
  return router;
}

function idField(body: unknown, field: string): string {
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  if (typeof value !== 'string' || value === '') throw createError('bad_request', `${field} is required: the id of the document`);
  return value;
}
