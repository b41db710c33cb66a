import type { Doc } from '../../design/form.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { calendarItems } from './calendar-entries.js';

/**
 * The entries of these people in [from, to) as the home page lists them, one per occurrence: a
 * weekly meeting that began months ago shows today at today's time (`when` is the occurrence's
 * start, `_id` the entry's), and the contact activities they have planned for that day (a visit
 * planned for today is today's work). Busy times of others' private entries and deals' dates are left out.
 */
export async function agendaOf(db: LocalDatabase, from: number, to: number, names: readonly string[]): Promise<Doc[]> {
  const items = await calendarItems(db, from, to, { kind: 'people', names });
  return items.filter((item) => (item.kind === 'entry' || item.kind === 'activity') && !item.busy).map((item) => ({
    _id: item.id,
    when: new Date(item.start).toISOString(),
    end: new Date(item.end).toISOString(),
    subject: item.subject,
    customerName: item.customerName,
    // A planned activity's kind (visit, call…): the home page says what it is.
    ...(item.kind === 'activity' ? { activityKind: item.detail } : {}),
  }));
}
