import { createHash } from 'node:crypto';
import express, { Router, type Response } from 'express';
import { canDelete, canRead, decideWrite } from '../../design/access/document-access.js';
import { SERVER_USER } from '../../design/user.js';
import { levelAtLeast } from '../../design/access/acl.js';
import { viewsOf } from '../../views/catalog.js';
import { createError, GuanxiError } from '../../engine/errors.js';
import type { Directory } from '../directory/directory.js';
import type { WhoIsAsking } from '../print/print-routes.js';
import type { Store } from '../store/store.js';
import { feedOwner, feedSecret, renewFeedSecret, revokeFeedSecret } from './feed-secrets.js';
import { personFeed } from './person-feed.js';
import { noticeAddressees } from '../scheduler/notice-addressees.js';
import { invitationReply } from './invitation-reply.js';
import { readInvitation } from './read-invitation.js';

export interface CalendarRouterOptions {
  readonly store: Store;
  readonly directory: Directory;
  readonly whoIsAsking: WhoIsAsking;
  readonly now: () => string;
}

/**
 * The calendar's server side:
 * - `GET /api/calendar/feed` → `{path}`: the signed-in person's secret feed address (made on first
 *   use); `POST` renews it (the old one stops working), `DELETE` revokes it;
 * - `GET /ical/<secret>.ics`: the feed itself, read-only RFC 5545, for Outlook, Foxmail,
 *   Thunderbird and phones (no session: the secret is the key);
 * - `POST /api/calendar/invitations {mailId, answer?}`: the text/calendar invitation of a received
 *   mail accepted (the default) — made an entry of the person's calendar; accepting the same
 *   invitation again updates it — or declined (an entry made earlier is removed); either way an
 *   iTIP REPLY goes to the organizer through the outbox, from the account the invitation came in by.
 */
export function createCalendarRouter({ store, directory, whoIsAsking, now }: CalendarRouterOptions): Router {
  const router = Router();
  const feedPath = (secret: string) => ({ path: `/ical/${secret}.ics` });
  const person = (res: Response) => whoIsAsking(res, 'crm').user.name;

  router.get('/api/calendar/feed', async (_req, res) => {
    res.json(feedPath(await feedSecret(store.serverDocs, person(res))));
  });
  router.post('/api/calendar/feed', async (_req, res) => {
    res.json(feedPath(await renewFeedSecret(store.serverDocs, person(res))));
  });
  router.delete('/api/calendar/feed', async (_req, res) => {
    await revokeFeedSecret(store.serverDocs, person(res));
    res.status(204).end();
  });

  router.get('/ical/:file', async (req, res) => {
    const secret = /^(.+)\.ics$/.exec(req.params.file)?.[1];
    const owner = secret ? await feedOwner(store.serverDocs, secret) : undefined;
    const access = owner ? directory.accessFor(owner, 'crm') : undefined;
    // A revoked or unknown address, or a person who left or lost the CRM: as if it never was.
    if (!owner || !access || !levelAtLeast(access.level, 'reader')) throw createError('not_found', 'No such calendar');
    const view = viewsOf('crm')[0];
    const body = await personFeed(store.database('crm'), access, {
      name: `Guanxi · ${owner}`,
      urlOf: (entry) => (req.headers.host && view ? `${req.protocol}://${req.headers.host}/#/crm/${view.id}/${encodeURIComponent(String(entry._id))}` : undefined),
    });
    res.set('Cache-Control', 'no-store');
    res.type('text/calendar; charset=utf-8').send(body);
  });

  router.post('/api/calendar/invitations', express.json({ limit: '100kb' }), async (req, res) => {
    const { mailId, answer = 'accepted' } = (req.body ?? {}) as { mailId?: unknown; answer?: unknown };
    if (typeof mailId !== 'string' || mailId === '') throw createError('bad_request', 'mailId must name a received mail');
    if (answer !== 'accepted' && answer !== 'declined') throw createError('bad_request', 'answer must be accepted or declined');
    const { user, access } = whoIsAsking(res, 'crm');
    const crm = store.database('crm');
    const mail = await crm.find(mailId);
    if (!mail || mail.form !== 'MailMessage' || !canRead(access, mail)) throw createError('not_found', 'missing');
    const file = Object.entries(mail._attachments ?? {}).find(([name, a]) => /^(text\/calendar|application\/ics)\b/i.test(a.content_type ?? '') || /\.ics$/i.test(name));
    if (!file) throw createError('bad_request', 'The mail carries no calendar invitation (text/calendar)');
    const { _attachments: files } = await crm.pouch.get(mailId, { attachments: true, binary: true });
    const data = (files?.[file[0]] as { data?: Buffer } | undefined)?.data;
    const ics = data ? data.toString('utf8') : '';
    const fields = readInvitation(ics);
    const id = `ical-${createHash('sha256').update(`${String(fields.icalUid ?? mailId)}\n${user.name}`).digest('hex').slice(0, 32)}`;
    const stored = await crm.find(id);
    const ctx = { user, now: now() };
    const email = (await noticeAddressees(store))([user.name])[0]?.email;
    const reply = replyOrRefuse(() => invitationReply(ics, {
      answer, person: user.name, now: ctx.now,
      addresses: [...(email ? [email] : []), ...(Array.isArray(mail.to) ? mail.to.map(String) : [])],
      ...(typeof mail.accountId === 'string' ? { accountId: mail.accountId } : {}),
    }));
    // Answered once: the same answer again (a double click, a retry) mails nothing more.
    const replied = reply ? (await crm.saveMany([reply], { ...ctx, user: SERVER_USER }))[0]?.ok === true : false;
    if (answer === 'declined') {
      if (stored) {
        if (!canDelete(access, stored)) throw createError('forbidden', 'You may not remove this entry');
        await crm.remove(stored._id, stored._rev, ctx);
      }
      res.json({ declined: true, replied });
      return;
    }
    const entry = {
      ...(stored ?? { _id: id, form: 'Appointment', organizer: [user.name], remind: [user.name] }),
      ...fields,
      ...(typeof mail.customerId === 'string' ? { customerId: mail.customerId, customerName: mail.customerName } : {}),
    };
    const decision = decideWrite(access, stored, entry);
    if (!decision.allowed) throw createError('forbidden', decision.reason);
    try {
      res.status(stored ? 200 : 201).json({ ...(await crm.save(entry, ctx)), replied });
    } catch (error) {
      if (error instanceof GuanxiError && error.kind === 'conflict') throw createError('conflict', 'The entry was changed meanwhile; accept the invitation again');
      throw error;
    }
  });
  return router;
}

/** The reply, or a 400 when the invitation (read well enough to make an entry) cannot be answered. */
function replyOrRefuse<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    throw createError('bad_request', `The invitation cannot be answered: ${error instanceof Error ? error.message : String(error)}`);
  }
}
