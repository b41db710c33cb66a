import type { Messages } from '../i18n/messages.js';
import type { CalendarItem } from './calendar-entries.js';

/** What a calendar item says: a colleague's private entry "Busy", a deal's date what is due and for which deal, else the subject. */
export function itemText(item: CalendarItem, t: Messages): string {
  if (item.busy) return t.calendarBusy;
  if (item.kind === 'entry') return item.subject;
  const detail = item.detail ? ` · ${item.detail}` : '';
  return `${t.calendarDealKinds[item.kind]}: ${item.subject}${detail}${item.done ? ` (${t.calendarDone})` : ''}`;
}
