import type { Doc } from '../../design/form.js';
import type { Label } from '../../design/label.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { saveDocument } from '../controllers/save-document.js';
import type { Messages } from '../i18n/messages.js';
import { answerMailedInvitation } from './calendar-feed.js';

/** What an open document offers about the calendar: an invited colleague's answer, a mailed invitation taken in or declined. */
export type CalendarAction = 'accept' | 'decline' | 'import' | 'decline-invitation';

export function calendarActionsFor(user: string, doc: Doc): CalendarAction[] {
  if (doc.form === 'Appointment' && list(doc.attendees).includes(user) && !list(doc.organizer).includes(user)) {
    return [...(list(doc.accepted).includes(user) ? [] : ['accept' as const]), ...(list(doc.declined).includes(user) ? [] : ['decline' as const])];
  }
  if (doc.form === 'MailMessage' && doc.direction === 'in') {
    const files = (doc._attachments ?? {}) as Record<string, { content_type?: string }>;
    if (Object.entries(files).some(([name, file]) => /^(text\/calendar|application\/ics)\b/i.test(file.content_type ?? '') || /\.ics$/i.test(name))) return ['import', 'decline-invitation'];
  }
  return [];
}

/** The action's button text, and what the notice says once it is done. */
export function calendarActionTexts(action: CalendarAction, t: Messages): { readonly label: string; readonly done: string } {
  if (action === 'accept') return { label: t.calendarAccept, done: t.calendarAccepted };
  if (action === 'decline') return { label: t.calendarDecline, done: t.calendarDeclined };
  if (action === 'import') return { label: t.calendarImport, done: t.calendarImported };
  return { label: t.calendarDeclineInvitation, done: t.calendarInvitationDeclined };
}

/**
 * Runs the action: an answer is saved in the replica like any edit (offline too; the server
 * refuses a change of anything else); a mailed invitation is accepted or declined by the server,
 * which answers its organizer.
 */
export async function runCalendarAction(db: LocalDatabase, action: CalendarAction, doc: Doc, offline: Label): Promise<{ ok: true } | { ok: false; reason: Label | string }> {
  if (action === 'import' || action === 'decline-invitation') {
    const outcome = await answerMailedInvitation(offline, doc._id!, action === 'import' ? 'accepted' : 'declined');
    return outcome.ok ? { ok: true } : outcome;
  }
  const me = db.user.name;
  const [add, remove] = action === 'accept' ? ['accepted', 'declined'] : ['declined', 'accepted'];
  const answered: Doc = { ...doc, [add]: [...new Set([...list(doc[add]), me])], [remove]: list(doc[remove]).filter((n) => n !== me) };
  const outcome = await saveDocument(db, answered, doc);
  return outcome.ok ? { ok: true } : { ok: false, reason: outcome.errors[0]?.message ?? '' };
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
