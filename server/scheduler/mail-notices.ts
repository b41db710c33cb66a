import { DB_NAMES, type DbName } from '../../design/databases.js';
import { viewsOf } from '../../views/catalog.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import type { Store, StoredDoc } from '../store/store.js';
import { findNoticesToMail } from './find-due.js';
import { noticeAddressees, type Addressee } from './notice-addressees.js';
import { docsOfView } from '../store/view-docs.js';
import { withInvitation } from '../calendar/invitation-mail.js';

/**
 * Mails each due Notice once to its recipients who have an address in the directory (groups and
 * roles expanded to their people, each person once): it becomes a
 * queued message with an id derived from the notice (made once, however many servers try), which
 * the outbox then sends once; `mailedAt` records that the notice was dealt with. With `publicUrl`,
 * the mail ends with the address of the document the notice is about, and
 * the workstation's links in the body (`#/<db>/…`) become addresses a mail client can open.
 * Notices are read where they are kept (`crm`, and `office` beside office documents); the mail
 * goes to the outbox in `crm`.
 */
export async function mailNotices(store: Store, now: Date, publicUrl?: string): Promise<number> {
  const crm = store.database('crm');
  const ctx: SaveContext = { now: now.toISOString(), user: SERVER_USER };
  const found = await Promise.all(NOTICES_TO_MAIL.map(async ({ db, view }) => ({ db, notices: findNoticesToMail(now, await docsOfView(store.database(db), view)) })));
  if (found.every(({ notices }) => notices.length === 0)) return 0;
  const addresseesOf = await noticeAddressees(store);
  const emailOf = (name: string) => addresseesOf([name]).find((a) => a.name === name)?.email;
  const mails: Doc[] = [];
  for (const notice of found.flatMap(({ notices }) => notices)) {
    const addressees = addresseesOf(Array.isArray(notice.recipients) ? notice.recipients.map(String) : []);
    if (addressees.length > 0) mails.push(await withInvitation(noticeMail(notice, addressees, publicUrl), notice, crm, emailOf));
  }
  const made = await crm.saveMany(mails, ctx);
  const failed = new Set(made.filter((r) => !r.ok && r.error !== 'conflict').map((r) => r.id));
  let marked = 0;
  for (const { db, notices } of found) {
    const results = await store.database(db).saveMany(notices.filter((n) => !failed.has(`noticemail-${n._id}`)).map((n) => ({ ...n, mailedAt: ctx.now })), ctx);
    marked += results.filter((r) => r.ok).length;
  }
  return marked;
}

/** Where notices are kept, and each database's view of those not yet mailed. */
const NOTICES_TO_MAIL: readonly { readonly db: DbName; readonly view: string }[] = [
  { db: 'crm', view: 'notices-to-mail' },
  { db: 'office', view: 'office-notices-to-mail' },
];

/** A link into the workstation, `#/<db>/<view>/<id>`, standing as a word of its own. */
const WORKSTATION_LINK = new RegExp(`(^|\\s)(#/(?:${DB_NAMES.join('|')})/)`, 'g');

function absoluteLinks(body: string, publicUrl: string | undefined): string {
  return publicUrl ? body.replace(WORKSTATION_LINK, `$1${publicUrl.replace(/\/+$/, '')}/$2`) : body;
}

/** The address that opens the notice's document in the workstation (in the first view of its database). */
function documentLink(notice: StoredDoc, publicUrl: string | undefined): string | undefined {
  if (!publicUrl || typeof notice.linkDb !== 'string' || typeof notice.linkId !== 'string' || !isDbName(notice.linkDb)) return undefined;
  const view = viewsOf(notice.linkDb)[0];
  return view ? `${publicUrl.replace(/\/+$/, '')}/#/${notice.linkDb}/${view.id}/${encodeURIComponent(notice.linkId)}` : undefined;
}

function noticeMail(notice: StoredDoc, addressees: readonly Addressee[], publicUrl: string | undefined): Doc {
  const link = documentLink(notice, publicUrl);
  const body = absoluteLinks(String(notice.body ?? ''), publicUrl);
  return {
    _id: `noticemail-${notice._id}`,
    form: 'MailMessage',
    direction: 'out',
    status: 'queued',
    autoSubmitted: 'auto-generated',
    to: addressees.map((a) => a.email),
    toNames: addressees.map((a) => a.name),
    subject: `[Guanxi] ${String(notice.subject)}`,
    body: link && !body.includes(link) ? `${body}\n\n${link}` : body,
    readers: Array.isArray(notice.readers) ? notice.readers : addressees.map((a) => a.name),
    authors: [],
  };
}

function isDbName(name: string): name is DbName {
  return (DB_NAMES as readonly string[]).includes(name);
}
