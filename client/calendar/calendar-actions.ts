import type { Doc } from '../../design/form.js';
import type { Label } from '../../design/label.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { saveDocument } from '../controllers/save-document.js';
import { acceptMailedInvitation } from './calendar-feed.js';

/** What an open document offers about the calendar: an invited colleague's answer, a mailed invitation taken in. */
export type CalendarAction = 'accept' | 'decline' | 'import';

export function calendarActionsFor(user: string, doc: Doc): CalendarAction[] {
  if (doc.form === 'Appointment' && list(doc.attendees).includes(user) && !list(doc.organizer).includes(user)) {
    return [...(list(doc.accepted).includes(user) ? [] : ['accept' as const]), ...(list(doc.declined).includes(user) ? [] : ['decline' as const])];
  }
  if (doc.form === 'MailMessage' && doc.direction === 'in') {
    const files = (doc._attachments ?? {}) as Record<string, { content_type?: string }>;
    if (Object.entries(files).some(([name, file]) => /^(text\/calendar|application\/ics)\b/i.test(file.content_type ?? '') || /\.ics$/i.test(name))) return ['import'];
  }
  return [];
}

/**
 * Runs the action: an answer is saved in the replica like any edit (offline too; the server
 * refuses a change of anything else), an invitation is taken in by the server.
 */
export async function runCalendarAction(db: LocalDatabase, action: CalendarAction, doc: Doc, offline: Label): Promise<{ ok: true } | { ok: false; reason: Label | string }> {
  if (action === 'import') {
    const outcome = await acceptMailedInvitation(offline, doc._id!);
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
