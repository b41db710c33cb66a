import type { Doc } from './form.js';

/**
 * What a workstation keeps of a database (Notes' replication settings). Whatever is left out stays
 * on the server, opens from there when online, and can be pinned to be kept.
 */
export interface ReplicationSettings {
  /** Mail and activities dated within this many months are kept; null: all of them. */
  readonly mailMonths: number | null;
  /** Files up to this many bytes come with their documents (0: none); null: every file. */
  readonly filesUpTo: number | null;
  /** "My customers only": the person's customers and what is filed under them (see isKeptAsMine). */
  readonly mineOnly?: boolean;
}

export const KEEP_EVERYTHING: ReplicationSettings = { mailMonths: null, filesUpTo: null };

/**
 * Until an administrator says otherwise, a workstation keeps everything, as it always did: the
 * company chooses what its laptops leave on the server (the README suggests 6 months and 1 MB).
 */
export const DEFAULT_REPLICATION: ReplicationSettings = KEEP_EVERYTHING;

/** The gateway's named `_changes` filter that keeps by date (CouchDB's `filter=ddoc/name` with query params). */
export const KEPT_FILTER = 'guanxi/kept';

/** The request header that tells the gateway's `_bulk_get` which files to leave on the server. */
export const FILES_UP_TO_HEADER = 'x-guanxi-files-up-to';

/**
 * The files a document has on the server that this replica does not hold, by name, as the gateway
 * served it. A write back keeps them on the server (they are not deleted by being absent).
 */
export const FILES_ON_SERVER = '$filesOnServer';

export interface FileOnServer {
  readonly content_type?: string;
  readonly length?: number;
  readonly digest?: string;
}

/** Forms dated by the field that decides whether they are recent. */
const DATED_FORMS: Readonly<Record<string, string>> = { MailMessage: 'date', Activity: 'when' };

/** The first moment kept: `months` before `now`. */
export function keptSince(months: number, now: Date): Date {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - months);
  return since;
}

/**
 * Whether a replica keeping mail of the last `months` holds this document: everything but mail and
 * activities dated before then (undated ones, drafts among them, are kept).
 */
export function isKeptByDate(doc: Doc, months: number | null, now: Date): boolean {
  if (months === null) return true;
  const field = typeof doc.form === 'string' ? DATED_FORMS[doc.form] : undefined;
  const value = field ? doc[field] : undefined;
  if (typeof value !== 'string') return true;
  const time = Date.parse(value);
  return Number.isNaN(time) || time >= keptSince(months, now).getTime();
}

/** Whether the document's salesperson (`owner`) names the person, or a group or role of theirs (a team's customers are each member's). */
export function isOwnedBy(doc: Doc, names: ReadonlySet<string>): boolean {
  return Array.isArray(doc.owner) && doc.owner.some((name) => names.has(String(name)));
}

/**
 * The customer this document is filed under, when whether it is kept as "mine" depends on that
 * customer's salesperson: not for a customer itself, nor for a document whose own owner is the person.
 */
export function customerToJudge(doc: Doc, names: ReadonlySet<string>): string | undefined {
  if (doc.form === 'Customer' || isOwnedBy(doc, names)) return undefined;
  return typeof doc.customerId === 'string' && doc.customerId !== '' ? doc.customerId : undefined;
}

/**
 * Whether a replica keeping "my customers only" holds this document. Mine: a customer whose
 * salesperson names the person; whatever is filed under such a customer (`customerId`: its
 * contacts, deals, activities, mail, quotations), whoever entered it; and any document whose own
 * salesperson is the person (their deal at a colleague's customer). Other people's customers, the
 * public pool's (公海: no salesperson) and what is filed under them stay on the server. A document
 * about no customer and with no owner (settings, templates, mail not yet filed) always comes.
 */
export function isKeptAsMine(doc: Doc, names: ReadonlySet<string>, isMyCustomer: (id: string) => boolean): boolean {
  if (isOwnedBy(doc, names)) return true;
  if (doc.form === 'Customer') return false;
  const customer = customerToJudge(doc, names);
  if (customer !== undefined) return isMyCustomer(customer);
  return !Array.isArray(doc.owner) || doc.owner.length === 0;
}

/** The files listed as left on the server, from a document as a workstation holds it. */
export function filesOnServer(doc: Doc): Record<string, FileOnServer> {
  const files = doc[FILES_ON_SERVER];
  return files !== null && typeof files === 'object' && !Array.isArray(files) ? files as Record<string, FileOnServer> : {};
}
