import type { Doc, SaveContext } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import { officeDay } from '../../design/forms/time-zones.js';
import type { Store, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';

const LAST_RUN = 'scheduler-birthday-care';
/** How far back a server that was down catches up. */
const CATCH_UP_DAYS = 7;
const DAY = 86_400_000;

/** The days (`YYYY-MM-DD`, the company's) after `lastDay` up to `today`, at most a week back. */
export function daysToCover(lastDay: string | undefined, today: string): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  const start = Math.max(lastDay ? Date.parse(`${lastDay}T00:00:00Z`) + DAY : end, end - (CATCH_UP_DAYS - 1) * DAY);
  const days: string[] = [];
  for (let t = start; t <= end; t += DAY) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Whose birthday falls on `day`: 29 February is kept on the 28th in other years. */
export function hasBirthdayOn(birthday: string, day: string): boolean {
  const monthDay = birthday.slice(5, 10);
  const year = Number(day.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthDay === day.slice(5, 10) || (monthDay === '02-29' && !leap && day.slice(5, 10) === '02-28');
}

function careId(contactId: string, day: string): string {
  return `care-${contactId}-${day.slice(0, 4)}`;
}

/**
 * Customer care (客户关怀): on a contact's birthday their customer's salesperson gets a Notice
 * (mailed like any other; the contact's own greeting is a Greeting of occasion `birthday`). One
 * notice per contact and year, by its id, however many servers run or however often it ticks;
 * days missed while no server ran are caught up, up to a week.
 */
export async function birthdayCare(store: Store, now: Date): Promise<number> {
  const crm = store.database('crm');
  const today = officeDay(now.toISOString());
  const last = await store.serverDocs.read<{ day: string }>(LAST_RUN);
  // Today is looked at on every tick: a contact entered later in the day is not missed.
  const days = last?.day === today ? [today] : daysToCover(last?.day, today);
  const due = (await docsOfView(crm, 'contact-birthdays')).flatMap((contact) => {
    const day = days.find((d) => typeof contact.birthday === 'string' && hasBirthdayOn(contact.birthday, d));
    return day ? [{ contact, day }] : [];
  });
  const customerIds = [...new Set(due.map(({ contact }) => String(contact.customerId)))];
  const { rows } = await crm.pouch.allDocs({ keys: customerIds, include_docs: true });
  const customers = new Map(rows.flatMap((row) => ('doc' in row && row.doc ? [[row.key, row.doc as StoredDoc]] : [])));
  const ctx: SaveContext = { now: now.toISOString(), user: SERVER_USER };
  const ids = due.map(({ contact, day }) => careId(String(contact._id), day));
  const { rows: existing } = await crm.pouch.allDocs({ keys: ids });
  // Any row, a deleted one too: a notice is made once, and one a person deleted stays deleted.
  const made = new Set(existing.filter((row) => 'value' in row && row.value).map((row) => row.key));
  const notices: Doc[] = due.filter(({ contact, day }) => !made.has(careId(String(contact._id), day))).map(({ contact, day }) => {
    const owner = customers.get(String(contact.customerId))?.owner;
    const name = String(contact.name ?? '');
    return {
      _id: careId(String(contact._id), day),
      form: 'Notice',
      kind: 'care',
      recipients: Array.isArray(owner) && owner.length > 0 ? owner.map(String) : ['[Manager]'],
      subject: `${day.slice(5)} 是 ${name}（${String(contact.customerName ?? '')}）的生日`.slice(0, 300),
      body: `别忘了问候 ${name}。\nIt is ${name}'s birthday on ${day}: a good day to send greetings.`,
      linkDb: 'crm',
      linkId: contact._id,
    };
  });
  const results = await crm.saveMany(notices, ctx);
  if (last?.day !== today) await store.serverDocs.update<{ day: string }>(LAST_RUN, () => ({ day: today }));
  return results.filter((r) => r.ok).length;
}
