import type { Doc } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import { GuanxiError } from '../../engine/errors.js';
import { mergeDigestConflicts } from '../interest/merge-digest-conflicts.js';
import type { ServerDocs } from '../store/server-docs.js';
import type { Database, StoredDoc } from '../store/store.js';
import { takeNext } from './counter.js';
import type { CrmSettings } from './crm-settings.js';
import { mergeServerConflicts } from './merge-server-conflicts.js';
import { notifyConflicts } from './notify-conflicts.js';
import { notifyEscalation } from './notify-escalation.js';
import { counterId, datePart, formatNumber, legacyCounterId, pendingNumber } from './numbering.js';
import { updateDoc } from './update-doc.js';

/**
 * What the server adds to a CRM record saved anywhere (a workstation offline, the API, an
 * import), as it sees the record on the changes feed: once an administrator has saved the CRM
 * settings, its number and the reader roles they name; for a done activity, its customer's last
 * contact; for an escalated support request, access and a notice for the people it names. Each is saved as a new revision by the server; a record already complete is left
 * alone, so seeing a change twice does nothing more.
 */
export async function completeRecord(crm: Database, counters: ServerDocs, changed: Doc, settings: CrmSettings, now: () => string): Promise<void> {
  if (changed._deleted) return;
  const ctx = () => ({ user: SERVER_USER, now: now() });
  // The feed brings each change with its conflicts: most changes (mail, notices…) have none and
  // are not records the server completes, so they cost no further read.
  if (Array.isArray(changed._conflicts) && changed._conflicts.length > 0) {
    await mergeServerConflicts(crm, changed._id!, ctx);
    await mergeDigestConflicts(crm, changed._id!, ctx);
    await notifyConflicts(crm, changed._id!, ctx);
  }
  if (changed.form === 'Support') await notifyEscalation(crm, changed, ctx);
  if (!COMPLETED_FORMS.has(String(changed.form))) return;
  const doc = await crm.find(changed._id!);
  if (!doc) return;
  if (settings.configured && (doc.form === 'Customer' || doc.form === 'Deal')) {
    // A number is taken only for a record without one; if another server numbers it meanwhile,
    // the number taken here is left unused (a gap, never a duplicate).
    const pending = pendingNumber(doc);
    let number: string | undefined;
    if (pending) {
      const format = settings.numbering(pending.series);
      const date = datePart(format, String(doc.created ?? now()));
      const legacy = legacyCounterId(pending.series, format, date);
      number = formatNumber(format, date, await takeNext(counters, counterId(pending.series, format, date), () => lastOfLegacyCounter(crm, legacy)));
    }
    await updateDoc(crm, doc._id!, (current) => {
      const next: Doc = { ...current };
      const still = pendingNumber(current);
      if (still && number !== undefined) next[still.field] = number;
      addReaderRoles(next, settings.readerRoles);
      return differs(current, next) ? next : null;
    }, ctx).catch(unlessGone);
  }
  const day = contactDay(doc);
  if (day !== undefined) {
    await updateDoc(crm, String(doc.customerId), (customer) => {
      if (customer.form !== 'Customer' || (typeof customer.lastContact === 'string' && customer.lastContact >= day)) return null;
      return { ...customer, lastContact: day };
    }, ctx).catch(unlessGone);
  }
}

/** What a counter kept in `crm` before counters moved to the servers' database had handed out. */
async function lastOfLegacyCounter(crm: Database, id: string): Promise<number> {
  // Only a counter that is not there starts from nothing: a failed read must not reuse numbers.
  const stored = (await crm.pouch.get(id).catch((error: unknown) => {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  })) as { last?: unknown } | null;
  return typeof stored?.last === 'number' ? stored.last : 0;
}

/** The forms whose records get a number, reader roles or (a done activity) their customer's last contact. */
const COMPLETED_FORMS = new Set(['Customer', 'Deal', 'Activity']);

/** A record deleted before the server came to it needs nothing more. */
function unlessGone(error: unknown): null {
  if (error instanceof GuanxiError && error.kind === 'not_found') return null;
  throw error;
}

function addReaderRoles(doc: Doc, roles: readonly string[]): void {
  // A record without reader names is open to everyone already.
  if (!Array.isArray(doc.readers) || doc.readers.length === 0) return;
  const missing = roles.filter((role) => !(doc.readers as string[]).includes(role));
  if (missing.length > 0) doc.readers = [...doc.readers, ...missing];
}

function differs(before: StoredDoc, after: Doc): boolean {
  return ['code', 'number', 'readers'].some((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** The day of a done activity, if it is one that counts as contact with its customer. */
function contactDay(activity: Doc): string | undefined {
  return activity.form === 'Activity' && activity.status === 'done' && typeof activity.when === 'string' && typeof activity.customerId === 'string'
    ? activity.when.slice(0, 10) : undefined;
}
