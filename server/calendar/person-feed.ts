import { canRead } from '../../design/access/document-access.js';
import type { Access } from '../../design/access/acl.js';
import { docsOfView } from '../store/view-docs.js';
import type { Database } from '../store/store.js';
import { writeIcs, type IcsOptions } from './ical-write.js';

/**
 * A person's calendar as iCalendar: the entries they organise, are reminded of or invited to (not
 * declined), each only if they may read it, and their busy times left out (the entries are
 * there). Nobody else's private entry can be in it: only its people may read it.
 */
export async function personFeed(crm: Database, person: string, access: Access, options: IcsOptions): Promise<string> {
  const docs = await docsOfView(crm, 'calendar-by-person', (title) => title === person);
  const entries = docs.filter((doc) => doc.form === 'Appointment' && canRead(access, doc));
  return writeIcs(entries, options);
}
