import type { Doc, SaveContext } from '../../design/form.js';
import { localTime } from '../../design/local-time.js';
import { mergeTemplate } from '../../design/mail-merge.js';
import { SERVER_USER } from '../../design/user.js';
import type { Logger } from '../log.js';
import { loadMailSettings } from '../mail/mail-settings.js';
import { languageOf, templateInLanguage } from '../mail/template-in-language.js';
import { unsubscribedFrom, unsubscribeLinks } from '../mail/unsubscribe.js';
import type { Database, Store, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import { hasBirthdayOn } from './birthday-care.js';
import { holidayDate } from './holiday-date.js';
import { timeZoneOf } from './time-zone-of.js';

const DAY = 86_400_000;

export interface GreetingOptions {
  readonly store: Store;
  readonly now: Date;
  readonly logger: Logger;
  /** Where recipients reach this server: greetings then carry an unsubscribe link. */
  readonly publicUrl?: string;
}

/** The greeting message of one contact and year: made once, by its id, however many servers tick. */
export function greetingMailId(greetingId: string, year: string, contactId: string): string {
  return `greeting-${greetingId}-${year}-${contactId}`;
}

/**
 * Queues the greetings whose day has come where each contact is and whose hour has struck there
 * (still the same day, if no server ran at the hour; a contact entered that day too), looking at
 * the contacts once a quarter of an hour. A message
 * once made, even deleted later, is never made again: a restart or a second server sends nothing twice.
 */
export async function sendGreetings({ store, now, logger, publicUrl }: GreetingOptions): Promise<number> {
  const crm = store.database('crm');
  const ctx: SaveContext = { now: now.toISOString(), user: SERVER_USER };
  const greetings = (await docsOfView(crm, 'greetings')).filter((g) => g.enabled !== false && typeof g.templateId === 'string');
  let queued = 0;
  for (const greeting of greetings) {
    // Every zone's today is within a day of UTC's: skip holidays not near, without reading a contact.
    if (greeting.occasion !== 'birthday' && !nearHoliday(greeting, now)) continue;
    if (!await firstLookThisQuarter(store, greeting, now)) continue;
    const contacts = await docsOfView(crm, greeting.occasion === 'birthday' ? 'contact-birthdays' : 'contacts-by-customer');
    const due = await dueContacts(crm, greeting, contacts.filter((c) => c.form === 'Contact' && Array.isArray(c.emails) && typeof c.emails[0] === 'string'), now);
    if (due.length === 0) continue;
    const { rows } = await crm.pouch.allDocs({ keys: due.map((d) => d.id) });
    // Any row, a deleted one too: it was made once.
    const made = new Set(rows.filter((row) => 'value' in row && row.value).map((row) => row.key));
    const fresh = due.filter((d) => !made.has(d.id));
    const list = typeof greeting.list === 'string' && greeting.list !== '' ? greeting.list : 'greetings';
    const gone = await unsubscribedFrom(store, list, fresh.map((d) => d.address));
    const sender = publicUrl ? (await loadMailSettings(store)).accounts.find((a) => a.smtp) : undefined;
    const messages: Doc[] = [];
    for (const d of fresh.filter((f) => !gone.has(f.address))) {
      const message = await greetingMail(crm, greeting, d, publicUrl ? await unsubscribeLinks(store, publicUrl, list, d.address, sender) : undefined);
      if (message) messages.push(message);
      else logger.warn({ greeting: greeting._id, templateId: greeting.templateId }, 'a greeting names a template that does not exist');
    }
    const results = await crm.saveMany(messages, ctx);
    queued += results.filter((r) => r.ok).length;
  }
  return queued;
}

const QUARTER = 15 * 60_000;

/**
 * Whether this tick is the first to look at the greeting in this quarter of an hour (or since it
 * changed): reading every contact each tick would cost much for nothing, as a contact's local
 * hour strikes on the quarter at the latest (zones are offset by whole, half or three-quarter hours).
 */
async function firstLookThisQuarter(store: Store, greeting: StoredDoc, now: Date): Promise<boolean> {
  const look = `${Math.floor(now.getTime() / QUARTER)}:${greeting._rev}`;
  let first = false;
  // Of two servers looking at once, only the one whose write lands looks: the other reads its look.
  await store.serverDocs.update<{ look: string }>(`greeting-look-${greeting._id}`, (last) => {
    first = last?.look !== look;
    return first ? { look } : undefined;
  });
  return first;
}

interface DueContact {
  readonly id: string;
  readonly contact: StoredDoc;
  readonly customer: StoredDoc | undefined;
  readonly address: string;
}

function nearHoliday(greeting: StoredDoc, now: Date): boolean {
  return [-DAY, 0, DAY].some((offset) => {
    const day = new Date(now.getTime() + offset).toISOString().slice(0, 10);
    return holidayDate(String(greeting.occasion), Number(day.slice(0, 4)), String(greeting.day ?? '')) === day;
  });
}

/** The contacts (of the greeting's group) whose local day is the occasion and whose local hour has come. */
async function dueContacts(crm: Database, greeting: StoredDoc, contacts: readonly StoredDoc[], now: Date): Promise<DueContact[]> {
  const customerIds = [...new Set(contacts.map((c) => String(c.customerId)))];
  const { rows } = await crm.pouch.allDocs({ keys: customerIds, include_docs: true });
  const customers = new Map(rows.flatMap((row) => ('doc' in row && row.doc ? [[row.key, row.doc as StoredDoc]] : [])));
  const hour = typeof greeting.hour === 'number' ? greeting.hour : 9;
  const group = typeof greeting.group === 'string' && greeting.group !== '' ? greeting.group : undefined;
  const due: DueContact[] = [];
  for (const contact of contacts) {
    const customer = customers.get(String(contact.customerId));
    if (group && !(Array.isArray(customer?.groups) && customer.groups.includes(group))) continue;
    const local = localTime(now, await timeZoneOf(crm, { contactId: contact._id, customerId: contact.customerId }, { contact, customer: customer ?? null }));
    const year = local.date.slice(0, 4);
    const onDay = greeting.occasion === 'birthday'
      ? typeof contact.birthday === 'string' && hasBirthdayOn(contact.birthday, local.date)
      : holidayDate(String(greeting.occasion), Number(year), String(greeting.day ?? '')) === local.date;
    if (!onDay || local.hour < hour) continue;
    due.push({ id: greetingMailId(greeting._id, year, contact._id), contact, customer, address: String((contact.emails as unknown[])[0]).toLowerCase() });
  }
  return due;
}

async function greetingMail(crm: Database, greeting: StoredDoc, { id, contact, customer, address }: DueContact, links: { unsubscribeUrl: string; unsubscribeMailto?: string } | undefined): Promise<Doc | undefined> {
  const language = typeof contact.language === 'string' && contact.language !== '' ? contact.language : languageOf(String(contact.name ?? ''));
  const template = await templateInLanguage(crm, String(greeting.templateId), language);
  if (!template) return undefined;
  const owner = Array.isArray(customer?.owner) ? customer.owner.map(String) : [];
  const values = { contactName: String(contact.name ?? ''), customerName: String(contact.customerName ?? ''), salesperson: owner.join(', ') };
  const body = mergeTemplate(String(template.body ?? ''), values);
  return {
    _id: id,
    form: 'MailMessage', direction: 'out', status: 'queued', autoSubmitted: 'auto-generated',
    to: [address], toNames: [String(contact.name ?? '')],
    subject: mergeTemplate(String(template.subject ?? ''), values),
    body: links ? `${body}\n\n——\n退订 / Unsubscribe: ${links.unsubscribeUrl}` : body,
    ...(links ?? {}),
    customerId: contact.customerId, customerName: contact.customerName, contactId: contact._id, contactName: contact.name,
    tags: [String(greeting.name ?? '')].filter((t) => t !== ''),
    owner,
    readers: Array.isArray(customer?.readers) ? customer.readers : [],
    authors: owner,
  };
}
