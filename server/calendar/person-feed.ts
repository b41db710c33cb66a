import type { Access } from '../../design/access/acl.js';
import type { Doc, DocValue } from '../../design/form.js';
import { ACTIVITY_KINDS } from '../../design/forms/activity.js';
import { ACTIVITY_VALUES, CALENDAR_VALUES, FEED_VALUES, namedValues } from '../../views/crm/calendar.js';
import type { Database } from '../store/store.js';
import { writeIcs, type IcsOptions } from './ical-write.js';

const FIELDS = [...CALENDAR_VALUES, ...FEED_VALUES];

/**
 * The calendar of `access`'s user as iCalendar: the entries they organise, are reminded of or
 * invited to (not declined), each only if they may read it, and their busy times left out (the
 * entries are there). Nobody else's private entry can be in it: only its people may read it.
 * Written from the rows of the user's own category of calendar-by-person, which carry every field
 * the feed writes: reading 2,000 documents took most of the time. The contact activities they have
 * planned (visits, calls) follow, from the rows of their category of calendar-my-planned-activities.
 */
export async function personFeed(crm: Database, access: Access, options: IcsOptions): Promise<string> {
  const entries: Doc[] = [];
  for await (const { id, values } of documentRows(crm, 'calendar-by-person', access)) {
    // The values: the person (the category), the start (the sorting column), then the fields.
    const entry = namedValues(values, FIELDS, 2);
    if (entry.form === 'Appointment') entries.push({ ...entry, _id: id });
  }
  for await (const { id, values } of documentRows(crm, 'calendar-my-planned-activities', access)) {
    // An hour at its time (an activity has no end), named by kind and subject in both languages.
    const activity = namedValues(values, ACTIVITY_VALUES, 2);
    const kind = ACTIVITY_KINDS.find((choice) => choice.value === activity.kind);
    const subject = String(activity.subject ?? '');
    entries.push({
      _id: id, form: 'Activity', when: values[1], subject: kind ? `${kind.label.zh} ${kind.label.en}: ${subject}` : subject,
      customerName: activity.customerName, notes: activity.contactName, modified: typeof activity.modified === 'string' ? activity.modified : undefined,
    });
  }
  return writeIcs(entries, options);
}

/** The document rows of the person's own category of a view, page after page. */
async function* documentRows(crm: Database, viewId: string, access: Access): AsyncGenerator<{ readonly id: string; readonly values: readonly DocValue[] }> {
  let after = null;
  do {
    const page = await crm.view(viewId, { limit: 1000, after }, access);
    for (const row of page.rows) if (row.kind === 'document') yield row;
    after = page.next;
  } while (after);
}
