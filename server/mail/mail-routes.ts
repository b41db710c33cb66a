import express, { Router } from 'express';
import { canRead, decideWrite } from '../../design/access/document-access.js';
import type { Access } from '../../design/access/acl.js';
import { templatesInLanguage } from '../../design/mail-merge.js';
import { createError } from '../../engine/errors.js';
import { docsOfView } from '../store/view-docs.js';
import type { WhoIsAsking } from '../print/print-routes.js';
import type { Store } from '../store/store.js';
import { assignMessage, contactFromMessage } from './assign-message.js';
import { readMailSecret, setMailSecret, type MailSecret } from './mail-secrets.js';
import { isGenuineUnsubscribe, unsubscribe } from './unsubscribe.js';

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
 * - `GET /api/mail/templates?contactId=`: the templates to offer when writing to the contact (in their language)
 * - `GET /api/mail/accounts/:id/password`: whether the account's IMAP and SMTP passwords are set (never them)
 * - `PUT /api/mail/accounts/:id/password {imapPassword?, smtpPassword?}`: sets them, for whoever may change the account
 * - `GET /unsubscribe?list&address&token` (no sign-in): the link in every mass mail
 * - `POST /unsubscribe?list&address&token` (no sign-in): the same as one click from the mail client (RFC 8058)
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

  router.get('/api/mail/templates', async (req, res) => {
    const { access } = whoIsAsking(res, 'crm');
    const { contactId } = req.query;
    if (contactId !== undefined && (typeof contactId !== 'string' || contactId === '')) throw createError('bad_request', 'contactId must be the id of a contact');
    const contact = contactId ? await crm().find(contactId) : null;
    if (contactId && (contact?.form !== 'Contact' || !canRead(access, contact))) throw createError('not_found', `No contact ${contactId}`);
    const language = typeof contact?.language === 'string' ? contact.language : null;
    const templates = (await docsOfView(crm(), 'mail-templates')).filter((t) => canRead(access, t));
    res.json({
      language,
      templates: templatesInLanguage(templates, language).map(({ _id, name, language: written, subject, body }) => ({ id: _id, name, language: written, subject, body })),
    });
  });

  router.get('/api/mail/accounts/:id/password', async (req, res) => {
    const account = await accountToChange(whoIsAsking(res, 'names').access, req.params.id);
    const secret = await readMailSecret(store, account);
    res.json({ imap: secret.imapPassword !== undefined, smtp: secret.smtpPassword !== undefined });
  });

  // Passwords are kept on the servers only (the servers' database, never replicated), so they are set
  // here and not in the account's document; the mail gateway takes them up at its next poll.
  router.put('/api/mail/accounts/:id/password', async (req, res) => {
    const account = await accountToChange(whoIsAsking(res, 'names').access, req.params.id);
    await setMailSecret(store, account, passwordsOf(req.body));
    res.status(204).end();
  });

  async function accountToChange(access: Access, id: string): Promise<string> {
    const account = await store.database('names').find(id);
    if (account?.form !== 'MailAccount' || !canRead(access, account)) throw createError('not_found', `No mail account ${id}`);
    const decision = decideWrite(access, account, account);
    if (!decision.allowed) throw createError('forbidden', `You may not change the mail account ${String(account.address)}: ${decision.reason}`);
    return id;
  }

  // Public: the link in a mass mail, followed from the recipient's mail client. Following it only
  // asks to confirm: mail scanners open every link in a message, and must not unsubscribe anyone.
  // Nothing from the request is echoed into the page.
  router.get('/unsubscribe', async (req, res) => {
    const genuine = await linkOf(req.query, (list, address, token) => isGenuineUnsubscribe(store, list, address, token));
    res.status(genuine ? 200 : 400).type('html').send(genuine ? page(CONFIRM, CONFIRM_FORM) : page(NOT_GENUINE));
  });
  // The confirmation, or one click in the mail client, which POSTs `List-Unsubscribe=One-Click` to
  // the link: the query alone authorises it (RFC 8058); the body is not needed and not read.
  router.post('/unsubscribe', async (req, res) => {
    const genuine = await linkOf(req.query, (list, address, token) => unsubscribe(store, list, address, token, new Date(now())));
    res.status(genuine ? 200 : 400).type('html').send(page(genuine ? UNSUBSCRIBED : NOT_GENUINE));
  });

  async function linkOf(query: unknown, use: (list: string, address: string, token: string) => Promise<boolean>): Promise<boolean> {
    const { list, address, token } = query as Record<string, unknown>;
    return typeof list === 'string' && typeof address === 'string' && typeof token === 'string' && use(list, address, token);
  }
  return router;
}

const CONFIRM = ['要退订此类邮件吗？', 'Unsubscribe from these mails?'] as const;
// Posts to the page's own address, the signed query included.
const CONFIRM_FORM = '<form method="post"><button type="submit">确认退订 Unsubscribe</button></form>';
const UNSUBSCRIBED = ['您已退订，不会再收到此类邮件。', 'You are unsubscribed and will receive no more of these mails.'] as const;
const NOT_GENUINE = ['退订链接无效或不完整。', 'This unsubscribe link is not valid or not complete.'] as const;

function page([zh, en]: readonly [string, string], form = ''): string {
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>退订 Unsubscribe</title></head><body><p>${zh}</p><p lang="en">${en}</p>${form}</body></html>`;
}

const MAX_PASSWORD_LENGTH = 1024;

/** The passwords in a request: at least one, each non-empty text on one line. */
function passwordsOf(body: unknown): MailSecret {
  const given = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const passwords: Record<string, string> = {};
  for (const field of ['imapPassword', 'smtpPassword'] as const) {
    const value = given[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value === '' || value.length > MAX_PASSWORD_LENGTH || /[\r\n]/.test(value)) {
      throw createError('bad_request', `${field} must be a password on one line (1–${MAX_PASSWORD_LENGTH} characters)`);
    }
    passwords[field] = value;
  }
  if (Object.keys(passwords).length === 0) throw createError('bad_request', 'Give imapPassword, smtpPassword or both');
  return passwords;
}

function idField(body: unknown, field: string): string {
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  if (typeof value !== 'string' || value === '') throw createError('bad_request', `${field} is required: the id of the document`);
  return value;
}
