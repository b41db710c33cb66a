import { ACTIVITY_KINDS } from '../../design/forms/activity.js';
import type { Locale } from '../i18n/locale.js';
import type { CalendarItem } from './calendar-entries.js';

/**
 * What a calendar item says: a colleague's private entry "Busy", a planned activity its kind and
 * subject, a deal's date what is due and for which deal, else the subject.
 */
export function itemText(item: CalendarItem, locale: Locale): string {
  const t = locale.t;
  if (item.busy) return t.calendarBusy;
  if (item.kind === 'entry') return item.subject;
  if (item.kind === 'activity') {
    const kind = ACTIVITY_KINDS.find((choice) => choice.value === item.detail);
    return `${t.calendarPlanned(kind ? locale.label(kind.label) : '')}: ${item.subject}`;
  }
  const detail = item.detail ? ` · ${item.detail}` : '';
  return `${t.calendarDealKinds[item.kind]}: ${item.subject}${detail}${item.done ? ` (${t.calendarDone})` : ''}`;
}
