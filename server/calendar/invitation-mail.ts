import type { Doc } from '../../design/form.js';
import type { Database } from '../store/store.js';
import { writeIcs } from './ical-write.js';

/** The file an invitation mail carries, as mail clients (Outlook, Foxmail, Thunderbird) take it. */
export const INVITATION_FILE = 'invite.ics';
export const INVITATION_TYPE = 'text/calendar; method=REQUEST; charset=UTF-8';

/**
 * Adds to the mail of an invitation notice its entry as an iCalendar REQUEST (.ics part), so the
 * colleague's mail client can put it in their calendar too. An entry deleted meanwhile adds nothing.
 */
export async function withInvitation(mail: Doc, notice: Doc, crm: Database, emailOf: (name: string) => string | undefined): Promise<Doc> {
  if (notice.kind !== 'invitation' || typeof notice.linkId !== 'string') return mail;
  const entry = await crm.find(notice.linkId);
  if (!entry || entry.form !== 'Appointment') return mail;
  const ics = writeIcs([entry], { method: 'REQUEST', emailOf });
  return { ...mail, _attachments: { [INVITATION_FILE]: { content_type: INVITATION_TYPE, data: Buffer.from(ics, 'utf8').toString('base64') } } };
}
