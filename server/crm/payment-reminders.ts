import type { Access } from '../../design/access/acl.js';
import { canEdit } from '../../design/access/document-access.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { mergeTemplate } from '../../design/mail-merge.js';
import { SERVER_USER, type UserContext } from '../../design/user.js';
import { EMAIL } from '../../design/validate.js';
import { officeDay } from '../../design/forms/time-zones.js';
import { GuanxiError } from '../../engine/errors.js';
import type { Logger } from '../log.js';
import { NO_SENDING_ACCOUNT } from '../mail/sending-route.js';
import { loadMailSettings } from '../mail/mail-settings.js';
import { languageOf, templateInLanguage } from '../mail/template-in-language.js';
import type { Database, Store, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import { crmError } from './crm-errors.js';
import { readCrmSettings } from './crm-settings.js';
import { money } from './quotation-pdf.js';
import { recordSent } from './record-sent.js';

export interface OverdueDue {
  readonly due: string;
  readonly outstanding: number;
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** The deal's payments due before `today` and not received in full, earliest first, with what is still owed. */
export function overdueDues(deal: Doc, today: string): OverdueDue[] {
  const payments = Array.isArray(deal.payments) ? (deal.payments as unknown[]).filter((p): p is Doc => p !== null && typeof p === 'object') : [];
  return payments
    .map((p) => ({ due: typeof p.due === 'string' ? p.due : '', outstanding: Math.round((num(p.amount) - num(p.received)) * 100) / 100 }))
    .filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.due) && p.due < today && p.outstanding > 0)
    .sort((a, b) => a.due.localeCompare(b.due));
}

/** ISO 8601 week of a day, `2026-W10`: a reminder goes once per due and week. */
export function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7;
  // The week belongs to the year of its Thursday.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** ISO weekday of a day: 1 Monday … 7 Sunday. */
export function isoWeekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}

/** The claim that one reminder of this due went this week: created once, on every engine and cluster. */
function claimId(dealId: string, due: string, week: string): string {
  return `payment-reminded-${dealId}-${due}-${week}`;
}

interface Recipient {
  readonly address: string;
  readonly contact: StoredDoc | undefined;
}

/** The first contact of the deal's customer with an e-mail address (by name, as the contacts view sorts them). */
async function customerContact(crm: Database, deal: StoredDoc): Promise<StoredDoc | undefined> {
  const contacts = await docsOfView(crm, 'contacts-by-customer', (title) => title === deal.customerName);
  return contacts.find((c) => c.customerId === deal.customerId && Array.isArray(c.emails) && typeof c.emails[0] === 'string' && EMAIL.test(c.emails[0]));
}

const TEXT = {
  zh: {
    subject: (deal: string) => `付款提醒：${deal}`,
    body: (name: string) => `${name ? `${name}，您好：` : '您好：'}\n\n以下款项已逾期，烦请尽快安排付款。如已付款，请忽略本邮件并告知我们付款日期。`,
    list: '逾期款项：', line: (d: OverdueDue, currency: string) => `· 应收日期 ${d.due}，未付 ${currency} ${money(d.outstanding)}`,
  },
  en: {
    subject: (deal: string) => `Payment reminder: ${deal}`,
    body: (name: string) => `Dear ${name || 'Sir or Madam'},\n\nthe payments below are overdue. Please arrange payment at your earliest convenience; if you have paid already, kindly let us know the date and disregard this mail.`,
    list: 'Overdue payments:', line: (d: OverdueDue, currency: string) => `· due ${d.due}, outstanding ${currency} ${money(d.outstanding)}`,
  },
} as const;

export interface RemindPayment {
  readonly store: Store;
  readonly deal: StoredDoc;
  /** Who sends it: a person clicking on the deal, or the server's weekly batch. */
  readonly user: UserContext;
  /** ISO time now; its day decides what is overdue and the week. */
  readonly now: string;
  /** An address given by the person; otherwise the customer's first contact with one. */
  readonly to?: string;
}

export type Reminded = { readonly mailId: string; readonly dues: readonly OverdueDue[]; readonly to: string };

/**
 * Queues a payment reminder for the deal's overdue payments, written from the settings' template
 * in the contact's language (or the built-in text) with the overdue amounts listed under it, and
 * records it on the deal. A due is reminded at most once a week, whoever asks (the claim of each
 * due and week is made once): dues reminded already this week are left out, and when none is
 * left this throws a conflict.
 */
export async function remindPayment({ store, deal, user, now, to }: RemindPayment): Promise<Reminded> {
  const crm = store.database('crm');
  const today = officeDay(now);
  const overdue = overdueDues(deal, today);
  if (overdue.length === 0) throw crmError('bad_request', 'payments', '这笔业务没有逾期未付的款项', 'No payment of this deal is overdue');
  const recipient = await recipientOf(crm, deal, to);
  if (!(await loadMailSettings(store)).accounts.some((account) => account.smtp !== undefined)) throw crmError('conflict', 'to', NO_SENDING_ACCOUNT.zh, NO_SENDING_ACCOUNT.en);
  const week = isoWeek(today);
  const dues: OverdueDue[] = [];
  for (const due of overdue) {
    if (await store.serverDocs.create(claimId(deal._id, due.due, week), { dealId: deal._id, due: due.due, week, by: user.name, at: now })) dues.push(due);
  }
  if (dues.length === 0) throw crmError('conflict', 'payments', `本周（${week}）已就这些逾期款项发过付款提醒`, `A payment reminder for these overdue payments went this week (${week}) already`);
  const ctx: SaveContext = { user: SERVER_USER, now };
  const mailId = `payment-reminder-${deal._id}-${week}-${dues[0]!.due}`;
  await crm.saveMany([await reminderMail(crm, deal, recipient, dues, mailId)], ctx);
  const currency = typeof deal.currency === 'string' ? deal.currency : '';
  await recordSent(crm, deal._id, {
    kind: 'reminder', at: now, by: user.name, to: recipient.address, mailId,
    detail: dues.map((d) => `${d.due} ${currency} ${money(d.outstanding)}`).join('; '),
  }, ctx);
  return { mailId, dues, to: recipient.address };
}

async function recipientOf(crm: Database, deal: StoredDoc, to: string | undefined): Promise<Recipient> {
  if (to !== undefined) {
    if (!EMAIL.test(to)) throw crmError('bad_request', 'to', `“${to}”不是电子邮件地址`, `“${to}” is not an e-mail address`);
    return { address: to, contact: undefined };
  }
  const contact = await customerContact(crm, deal);
  if (!contact) throw crmError('bad_request', 'to', '客户没有留电子邮件地址的联系人：请填写收件邮箱', 'No contact of the customer has an e-mail address: say whom to send it to');
  return { address: String((contact.emails as string[])[0]), contact };
}

async function reminderMail(crm: Database, deal: StoredDoc, { address, contact }: Recipient, dues: readonly OverdueDue[], mailId: string): Promise<Doc> {
  const contactName = typeof contact?.name === 'string' ? contact.name : '';
  const language = contact?.language === 'zh' || contact?.language === 'en' ? contact.language : languageOf(`${contactName} ${String(deal.customerName ?? '')}`);
  const text = TEXT[language];
  const owner = Array.isArray(deal.owner) ? deal.owner.map(String) : [];
  const settings = await readCrmSettings(crm);
  const template = settings.paymentReminderTemplateId ? await templateInLanguage(crm, settings.paymentReminderTemplateId, language) : undefined;
  const values = { contactName, customerName: String(deal.customerName ?? ''), salesperson: owner.join(', ') };
  const dealName = [deal.number, deal.name].filter((v) => typeof v === 'string' && v !== '').join(' ');
  const currency = typeof deal.currency === 'string' ? deal.currency : '';
  const intro = template ? mergeTemplate(String(template.body ?? ''), values) : text.body(contactName);
  return {
    _id: mailId, form: 'MailMessage', direction: 'out', status: 'queued', autoSubmitted: 'auto-generated',
    to: [address], ...(contactName ? { toNames: [contactName] } : {}),
    subject: template ? mergeTemplate(String(template.subject ?? ''), values) : text.subject(dealName),
    body: `${intro}\n\n${text.list}\n${dealName}\n${dues.map((d) => text.line(d, currency)).join('\n')}`,
    customerId: deal.customerId, customerName: deal.customerName,
    ...(contact ? { contactId: contact._id, contactName } : {}),
    tags: ['付款提醒 Payment reminder'], owner,
    readers: Array.isArray(deal.readers) ? deal.readers : [], authors: owner,
  };
}

/** `POST /api/crm/deals/:id/payment-reminder`: the person must be able to edit the deal. */
export async function remindPaymentAsked(store: Store, deal: StoredDoc, access: Access, user: UserContext, body: unknown, now: string): Promise<Reminded> {
  if (!canEdit(access, deal)) throw crmError('forbidden', 'id', '只有能编辑这笔业务的人可以发送付款提醒', 'Only someone who may edit the deal may send a payment reminder');
  const { to } = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (to !== undefined && typeof to !== 'string') throw crmError('bad_request', 'to', '收件邮箱必须是文本', 'to must be text');
  return remindPayment({ store, deal, user, now, ...(typeof to === 'string' && to.trim() !== '' ? { to: to.trim() } : {}) });
}

/**
 * The weekly batch: from the settings' weekday on, ticks remind every deal with an overdue payment
 * not reminded of it this week yet, until one of them has gone through all deals; the week is then
 * done. Two servers at once send nothing twice (each due's claim is made once). A deal whose
 * customer has no contact with an address is left out and logged.
 */
export async function paymentReminderBatch(store: Store, now: Date, logger: Logger): Promise<number> {
  const crm = store.database('crm');
  const settings = await readCrmSettings(crm);
  const today = officeDay(now.toISOString());
  if (settings.paymentReminderWeekday === null || isoWeekday(today) < settings.paymentReminderWeekday) return 0;
  const done = `payment-reminder-batch-${isoWeek(today)}`;
  if (await store.serverDocs.read(done)) return 0;
  let sent = 0;
  for (const deal of await docsOfView(crm, 'deals-payments-due')) {
    if (deal.status === 'lost' || overdueDues(deal, today).length === 0) continue;
    try {
      await remindPayment({ store, deal, user: SERVER_USER, now: now.toISOString() });
      sent++;
    } catch (error) {
      // Reminded of these dues this week already (one click on the deal): nothing to say.
      if (error instanceof GuanxiError && error.kind === 'conflict') continue;
      logger.warn({ deal: deal._id, err: error }, 'payment reminders: a deal was not reminded');
    }
  }
  // Marked done only once through: a server stopped halfway leaves the rest to the next tick.
  await store.serverDocs.create(done, { at: now.toISOString(), sent });
  return sent;
}
