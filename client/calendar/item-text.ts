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
  if (item.kind === 'activity') return plannedActivityText(item.detail, item.subject, locale);
  const detail = item.detail ? ` · ${item.detail}` : '';
  return `${t.calendarDealKinds[item.kind]}: ${item.subject}${detail}${item.done ? ` (${t.calendarDone})` : ''}`;
}

/** A planned activity of this kind (call, visit…): "计划拜访: <subject>" / "Planned visit: <subject>". */
export function plannedActivityText(kind: string, subject: string, locale: Locale): string {
  const choice = ACTIVITY_KINDS.find((c) => c.value === kind);
  return `${locale.t.calendarPlanned(choice ? locale.label(choice.label) : '')}: ${subject}`;
}
