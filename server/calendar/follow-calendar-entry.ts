import { createHash } from 'node:crypto';
import { peopleOf } from '../../design/forms/appointment.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { GuanxiError } from '../../engine/errors.js';
import { updateDoc } from '../crm/update-doc.js';
import type { Database } from '../store/store.js';

/** The BusyTime document the server keeps for a private entry. */
export function busyTimeId(entryId: string): string {
  return `busy-${entryId}`;
}

/**
 * What the server does when a calendar entry changes (seen on the CRM's changes feed, from
 * wherever it was saved): keeps the entry's busy time while it is private, and invites the
 * attendees it has not invited yet — a Notice each batch (mailed with an .ics part by the mail
 * gateway), then `invited` records them — and tells the organizer each new answer. Seeing the
 * same change twice does nothing more.
 */
export async function followCalendarEntry(crm: Database, changed: Doc, ctx: () => SaveContext): Promise<void> {
  if (changed._deleted) {
    // Anything deleted might be a private entry: its busy time goes too.
    await removeBusyTime(crm, changed._id!, ctx);
    return;
  }
  if (changed.form !== 'Appointment') return;
  await keepBusyTime(crm, changed, ctx);
  await invite(crm, changed, ctx);
  await tellAnswers(crm, changed, ctx);
}

async function keepBusyTime(crm: Database, entry: Doc, ctx: () => SaveContext): Promise<void> {
  if (entry.private !== true) {
    await removeBusyTime(crm, entry._id!, ctx);
    return;
  }
  const busy: Doc = {
    form: 'BusyTime',
    people: peopleOf(entry),
    when: entry.when,
    end: entry.end,
    allDay: entry.allDay,
    rrule: entry.rrule,
    timeZone: entry.timeZone,
    exdates: entry.exdates,
    entryId: entry._id,
  };
  const id = busyTimeId(entry._id!);
  const stored = await crm.find(id);
  if (!stored) {
    await crm.save({ _id: id, ...busy }, ctx()).catch(unlessConflict);
    return;
  }
  await updateDoc(crm, id, (current) => (Object.keys(busy).every((k) => JSON.stringify(current[k]) === JSON.stringify(busy[k])) ? null : { ...current, ...busy }), ctx);
}

async function removeBusyTime(crm: Database, entryId: string, ctx: () => SaveContext): Promise<void> {
  if (entryId.startsWith('busy-')) return;
  const stored = await crm.find(busyTimeId(entryId));
  if (stored) await crm.remove(stored._id, stored._rev, ctx()).catch(unlessConflict);
}

async function invite(crm: Database, entry: Doc, ctx: () => SaveContext): Promise<void> {
  const invited = new Set(list(entry.invited));
  const organizer = new Set(list(entry.organizer));
  const fresh = list(entry.attendees).filter((name) => !invited.has(name) && !organizer.has(name));
  if (fresh.length === 0) return;
  const batch = createHash('sha256').update(JSON.stringify(fresh)).digest('hex').slice(0, 16);
  await crm.save({
    _id: `invitation-${entry._id!}-${batch}`,
    form: 'Notice',
    kind: 'invitation',
    recipients: fresh,
    subject: String(entry.subject ?? ''),
    body: [list(entry.organizer).join(', '), entry.customerName, entry.place, entry.notes].filter((s) => typeof s === 'string' && s !== '').join('\n'),
    linkDb: 'crm',
    linkId: entry._id,
  }, ctx()).catch(unlessConflict);
  await updateDoc(crm, entry._id!, (current) => {
    const now = new Set(list(current.invited));
    return fresh.every((name) => now.has(name)) ? null : { ...current, invited: [...now, ...fresh.filter((n) => !now.has(n))] };
  }, ctx).catch(unlessConflict);
}

/** Tells the organizer each new answer (accepted or declined) once, by a Notice. */
async function tellAnswers(crm: Database, entry: Doc, ctx: () => SaveContext): Promise<void> {
  const told = new Set(list(entry.answersTold));
  const answers = [...list(entry.accepted).map((n) => `${n}:accepted`), ...list(entry.declined).map((n) => `${n}:declined`)];
  const fresh = answers.filter((a) => !told.has(a));
  const organizer = list(entry.organizer);
  if (fresh.length === 0 || organizer.length === 0) return;
  const lines = fresh.map((a) => {
    const [name, answer] = a.split(':');
    return answer === 'accepted' ? `${name} 接受了邀请 (accepted)` : `${name} 谢绝了邀请 (declined)`;
  });
  await crm.save({
    _id: `answer-${entry._id!}-${createHash('sha256').update(JSON.stringify(fresh)).digest('hex').slice(0, 16)}`,
    form: 'Notice',
    kind: 'answer',
    recipients: organizer,
    subject: `${lines.join('；')}：${String(entry.subject ?? '')}`.slice(0, 300),
    linkDb: 'crm',
    linkId: entry._id,
  }, ctx()).catch(unlessConflict);
  await updateDoc(crm, entry._id!, (current) => {
    const now = new Set(list(current.answersTold));
    return fresh.every((a) => now.has(a)) ? null : { ...current, answersTold: [...now, ...fresh.filter((a) => !now.has(a))] };
  }, ctx).catch(unlessConflict);
}

/** Another server (or an earlier look at the same change) did it already. */
function unlessConflict(error: unknown): void {
  if (!(error instanceof GuanxiError && (error.kind === 'conflict' || error.kind === 'not_found'))) throw error;
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
