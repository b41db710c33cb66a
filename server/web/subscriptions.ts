import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SaveContext } from '../../design/form.js';
import type { AddressBook } from '../mail/address-book.js';
import { ensureInquiryContacts } from '../mail/file-inquiry.js';
import { loadMailSettings } from '../mail/mail-settings.js';
import { unsubscribeId } from '../mail/unsubscribe.js';
import type { Store } from '../store/store.js';
import { serverSecret } from '../store/server-secret.js';
import type { WebSignUp } from './web-fields.js';
import type { WebSite } from './web-sites.js';

const SECRET_ID = 'web-subscription-secret';
/** The prefix of pending sign-ups' server documents (cleaned up by server/web/clean-web-records.ts). */
export const SIGN_UP_PREFIX = 'web-signup-';

/** A sign-up waiting for its confirmation link to be followed: kept by the servers, not in the CRM. */
interface PendingSignUp {
  readonly address: string;
  readonly list: string;
  readonly name?: string;
  readonly language: 'zh' | 'en';
  readonly site: string;
  readonly requestedAt: string;
}

/** The id of an address's subscription to a list: one document however often it is confirmed. */
export function subscriptionId(list: string, address: string): string {
  return `subscription-${hashOf(list, address)}`;
}

function hashOf(list: string, address: string): string {
  return createHash('sha256').update(`${list}\n${address.toLowerCase()}`).digest('hex').slice(0, 40);
}

function sign(key: string, list: string, address: string): string {
  return createHmac('sha256', key).update(`subscribe\n${list}\n${address.toLowerCase()}`).digest('base64url');
}

const MAIL = {
  zh: { subject: '请确认订阅', body: (link: string, name?: string) => `${name ? `${name}，` : ''}您好：\n\n有人（希望是您本人）用此邮箱地址订阅了我们的新闻邮件。请打开下面的链接确认订阅：\n\n${link}\n\n如果不是您本人订阅，请忽略此邮件，您不会收到任何新闻邮件。` },
  en: { subject: 'Please confirm your subscription', body: (link: string, name?: string) => `Dear ${name ?? 'subscriber'},\n\nsomeone (we hope you) subscribed this address to our newsletter. Please open this link to confirm:\n\n${link}\n\nIf it was not you, ignore this mail: you will receive no newsletter.` },
} as const;

/**
 * Double opt-in, first half: remembers the sign-up and mails the address a link that confirms it.
 * Nothing joins a list yet; an address already subscribed gets no second mail, and the answer to
 * the visitor is the same either way, so the form does not tell who is subscribed.
 */
export async function requestSubscription(store: Store, site: WebSite, signUp: WebSignUp, publicUrl: string, ctx: SaveContext): Promise<void> {
  const { list } = site;
  const address = signUp.email;
  const pending: PendingSignUp = { address, list, language: signUp.language, site: site.id, requestedAt: ctx.now, ...(signUp.name ? { name: signUp.name } : {}) };
  await store.serverDocs.update<PendingSignUp>(`${SIGN_UP_PREFIX}${hashOf(list, address)}`, () => pending);
  const crm = store.database('crm');
  if (await crm.find(subscriptionId(list, address))) return;
  const query = new URLSearchParams({ list, address, token: sign(await serverSecret(store, SECRET_ID), list, address) });
  const link = `${publicUrl.replace(/\/+$/, '')}/web/confirm?${query.toString()}`;
  const { accounts } = await loadMailSettings(store);
  const sender = site.accountId ? accounts.find((a) => a.id === site.accountId) : undefined;
  const mail = MAIL[signUp.language];
  await crm.saveMany([{
    _id: `web-confirm-${hashOf(list, address)}-${Date.parse(ctx.now)}`,
    form: 'MailMessage', direction: 'out', status: 'queued', autoSubmitted: 'auto-generated',
    to: [address], toNames: [signUp.name ?? ''],
    subject: mail.subject, body: mail.body(link, signUp.name),
    tags: [list],
    ...(sender ? { accountId: sender.id } : {}),
    // An address not yet confirmed is nobody's customer: only managers see the mail that asks.
    readers: ['[Manager]'],
  }], ctx);
}

/** Whether the server signed this confirmation link. */
export async function isGenuineConfirmation(store: Store, list: string, address: string, token: string): Promise<boolean> {
  const expected = new TextEncoder().encode(sign(await serverSecret(store, SECRET_ID), list, address));
  const given = new TextEncoder().encode(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Double opt-in, second half, when the link is genuine: the address joins the list (a
 * Subscription document the mass mailing reads), as the contact that has it or a new lead contact
 * in the public pool; an earlier unsubscription from the list is lifted, the person having asked
 * again. False when the link is not genuine.
 */
export async function confirmSubscription(store: Store, book: AddressBook, list: string, address: string, token: string, ctx: SaveContext): Promise<boolean> {
  if (!await isGenuineConfirmation(store, list, address, token)) return false;
  const crm = store.database('crm');
  const pending = await store.serverDocs.read<PendingSignUp>(`${SIGN_UP_PREFIX}${hashOf(list, address)}`);
  const lower = address.toLowerCase();
  await book.refresh();
  const buyer = { email: lower, ...(pending?.name ? { name: pending.name } : {}), ...(pending?.language ? { language: pending.language } : {}) };
  await ensureInquiryContacts(crm, book, [{ inquiry: { platform: `订阅 ${list}`.slice(0, 100), buyer }, routing: { owner: [], tags: [], matched: [] } }], ctx, 'website');
  const contact = book.contact(lower);
  const [saved] = await crm.saveMany([{
    _id: subscriptionId(list, lower), form: 'Subscription', address: lower, list,
    ...(contact ? { contactId: contact.id, contactName: contact.name } : {}),
    ...(pending ? { requestedAt: pending.requestedAt, site: pending.site } : {}),
    confirmedAt: ctx.now,
  }], ctx);
  if (saved && !saved.ok && saved.error !== 'conflict') throw new Error(saved.reason);
  const unsubscribed = await crm.find(unsubscribeId(list, lower));
  if (unsubscribed) await crm.remove(unsubscribed._id, unsubscribed._rev, ctx).catch(() => undefined);
  return true;
}
