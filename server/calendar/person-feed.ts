import type { Access } from '../../design/access/acl.js';
import type { Doc } from '../../design/form.js';
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
  let after = null;
  do {
    const page = await crm.view('calendar-by-person', { limit: 1000, after }, access);
    for (const row of page.rows) {
      if (row.kind !== 'document') continue;
      // The values: the person (the category), the start (the sorting column), then the fields.
      const entry = namedValues(row.values, FIELDS, 2);
      if (entry.form === 'Appointment') entries.push({ ...entry, _id: row.id });
    }
    after = page.next;
  } while (after);
  entries.push(...await plannedActivities(crm, access));
  return writeIcs(entries, options);
}

/** The person's planned activities as entries of an hour (an activity has no end), named by kind and subject in both languages. */
async function plannedActivities(crm: Database, access: Access): Promise<Doc[]> {
  const entries: Doc[] = [];
  let after = null;
  do {
    const page = await crm.view('calendar-my-planned-activities', { limit: 1000, after }, access);
    for (const row of page.rows) {
      if (row.kind !== 'document') continue;
      // The values: the owner (the category), the time (the sorting column), then the fields.
      const activity = namedValues(row.values, ACTIVITY_VALUES, 2);
      const kind = ACTIVITY_KINDS.find((choice) => choice.value === activity.kind);
      const subject = String(activity.subject ?? '');
      entries.push({
        _id: row.id, form: 'Activity', when: row.values[1], subject: kind ? `${kind.label.zh} ${kind.label.en}: ${subject}` : subject,
        customerName: activity.customerName, notes: activity.contactName, modified: typeof activity.modified === 'string' ? activity.modified : undefined,
      });
    }
    after = page.next;
  } while (after);
  return entries;
}
