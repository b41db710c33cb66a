import { nextOccurrence } from '../calendar/occurrences.js';
import { isRecurrenceRule, recurrenceRule, REPEATS } from '../calendar/recurrence.js';
import { fieldError } from '../field-error.js';
import { defineForm, type Doc, type FieldError } from '../form.js';
import { SERVER_USER, type UserContext } from '../user.js';
import { choices } from './choices.js';
import { customerPick, savingUser } from './crm-fields.js';
import { COMPANY_TIME_ZONE, timeZoneField } from './time-zones.js';

/** How long before an occurrence its reminder is due, in minutes. */
export const REMINDER_LEADS = choices({
  0: ['开始时', 'At the time'],
  15: ['提前 15 分钟', '15 minutes before'],
  60: ['提前 1 小时', '1 hour before'],
  1440: ['提前 1 天', '1 day before'],
});

/** What an invited colleague may change: their own answer, nothing else. */
const ANSWER_FIELDS = ['accepted', 'declined'] as const;

/**
 * A calendar entry (日程; a visit, a meeting, an appointment reminder): it starts at `when` and
 * lasts to `end`, repeats by `rrule` (RFC 5545) in the wall clock of `timeZone`. Before each
 * occurrence, by `remindBefore`, the server's reminder job gives the people in `remind` and the
 * attendees who accepted a Notice (kind `reminder`, mailed too), once; `nextReminder` is when
 * the next one is due, `remindedThrough` the start of the last occurrence reminded. Attendees are
 * invited by the server (a notice and a mail with an .ics part) and answer by adding their name
 * to `accepted` or `declined`. A private entry is read only by its people; the server keeps a
 * BusyTime document for it, so that colleagues see the time as busy.
 */
export const appointmentForm = defineForm({
  name: 'Appointment',
  label: { zh: '日程', en: 'Calendar entry' },
  db: 'crm',
  titleField: 'subject',
  fields: {
    subject: { type: 'text', label: { zh: '主题', en: 'Subject' }, required: true, maxLength: 300 },
    when: { type: 'datetime', label: { zh: '开始时间', en: 'Starts' }, required: true },
    end: { type: 'datetime', label: { zh: '结束时间', en: 'Ends' } },
    allDay: { type: 'boolean', label: { zh: '全天', en: 'All day' } },
    timeZone: { ...timeZoneField, default: COMPANY_TIME_ZONE },
    repeat: { type: 'choice', label: { zh: '重复', en: 'Repeats' }, choices: REPEATS },
    repeatUntil: { type: 'date', label: { zh: '重复至', en: 'Repeats until' } },
    rrule: { type: 'text', label: { zh: '重复规则', en: 'Recurrence rule' }, maxLength: 500, computed: (doc) => recurrenceRule(doc.repeat, doc.repeatUntil, doc.rrule) },
    organizer: { type: 'names', label: { zh: '组织者', en: 'Organizer' }, required: true, default: savingUser, maxItems: 1 },
    attendees: { type: 'names', label: { zh: '邀请同事', en: 'Invited colleagues' }, maxItems: 200 },
    accepted: { type: 'names', label: { zh: '已接受', en: 'Accepted' }, maxItems: 200 },
    declined: { type: 'names', label: { zh: '已谢绝', en: 'Declined' }, maxItems: 200 },
    private: { type: 'boolean', label: { zh: '私人（他人只见忙碌）', en: 'Private (others see busy)' } },
    remind: { type: 'names', label: { zh: '提醒人员', en: 'People to remind' }, required: true, default: savingUser },
    remindBefore: { type: 'choice', label: { zh: '提醒', en: 'Reminder' }, choices: REMINDER_LEADS, default: '0' },
    customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, maxLength: 200, link: customerPick },
    customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200, pinyin: true },
    place: { type: 'text', label: { zh: '地点', en: 'Place' }, maxLength: 200 },
    notes: { type: 'textarea', label: { zh: '备注', en: 'Notes' }, maxLength: 20000 },
    /** Occurrences of a repeating entry left out (RFC 5545 EXDATE): deleted, or changed as an entry of their own; ISO starts as first planned. */
    exdates: { type: 'keywords', label: { zh: '除外的日程', en: 'Occurrences left out' }, maxItems: 1000 },
    /** An occurrence changed on its own (RFC 5545 RECURRENCE-ID): the repeating entry it replaces one occurrence of, and that occurrence's planned start. */
    seriesId: { type: 'text', label: { zh: '所属重复日程', en: 'Series' }, maxLength: 200 },
    recurrenceId: { type: 'datetime', label: { zh: '原定时间', en: 'Originally at' } },
    /** The iCalendar UID of an entry accepted from an invitation mail, so that a second copy updates it. */
    icalUid: { type: 'text', label: { zh: '日历标识', en: 'Calendar UID' }, maxLength: 500 },
    remindedAt: { type: 'datetime', label: { zh: '已提醒', en: 'Reminded' } },
    remindedThrough: { type: 'datetime', label: { zh: '已提醒至', en: 'Reminded through' } },
    nextReminder: { type: 'datetime', label: { zh: '下次提醒', en: 'Next reminder' }, computed: nextReminderOf },
    /** Attendees the server has invited (a notice and a mail each). */
    invited: { type: 'names', label: { zh: '已邀请', en: 'Invited' }, maxItems: 200 },
    /** The answers the organizer has been told of, as `name:accepted` or `name:declined`. */
    answersTold: { type: 'keywords', label: { zh: '已告知的答复', en: 'Answers told' }, maxItems: 400 },
    /** Everyone whose calendar shows the entry: the organizer, the people to remind, the attendees. */
    people: { type: 'names', label: { zh: '参与人员', en: 'People' }, sortable: true, computed: (doc) => peopleOf(doc) },
    timelineDate: { type: 'datetime', label: { zh: '时间', en: 'Date' }, computed: (doc) => doc.when },
    readers: { type: 'readers', label: { zh: '读者', en: 'Readers' }, computed: readersOf },
    authors: { type: 'authors', label: { zh: '作者', en: 'Authors' }, computed: (doc) => [...new Set([...list(doc.authors), ...peopleOf(doc)])] },
  },
  serverFields: ['remindedAt', 'remindedThrough', 'invited', 'answersTold', 'icalUid'],
  rules: appointmentRules,
});

function appointmentRules(doc: Doc, oldDoc: Doc | null, user: UserContext): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof doc.end === 'string' && typeof doc.when === 'string' && Date.parse(doc.end) < Date.parse(doc.when)) {
    errors.push(fieldError('end', 'rule', '结束时间不能早于开始时间', 'The end cannot be before the start'));
  }
  if (typeof doc.rrule === 'string' && doc.rrule !== '' && !isRecurrenceRule(doc.rrule)) {
    errors.push(fieldError('rrule', 'rule', '重复规则无法识别（RFC 5545 RRULE）', 'The recurrence rule is not a valid RFC 5545 RRULE'));
  }
  if (oldDoc && isAttendeeOnly(oldDoc, user)) errors.push(...answerOnlyErrors(doc, oldDoc, user.name));
  return errors;
}

/** An invited colleague who neither organises nor is reminded: they answer, and change nothing else. */
function isAttendeeOnly(doc: Doc, user: UserContext): boolean {
  if (SERVER_USER.roles.every((role) => user.roles.includes(role))) return false;
  return list(doc.attendees).includes(user.name) && !list(doc.organizer).includes(user.name) && !list(doc.remind).includes(user.name);
}

function answerOnlyErrors(doc: Doc, oldDoc: Doc, name: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of Object.keys(appointmentForm.fields)) {
    const def = appointmentForm.fields[field as keyof typeof appointmentForm.fields];
    if ('computed' in def || (ANSWER_FIELDS as readonly string[]).includes(field)) continue;
    if (JSON.stringify(doc[field] ?? null) !== JSON.stringify(oldDoc[field] ?? null)) {
      errors.push(fieldError(field, 'rule', '受邀同事只能接受或谢绝邀请', 'An invited colleague can only accept or decline'));
    }
  }
  for (const field of ANSWER_FIELDS) {
    const before = new Set(list(oldDoc[field]));
    const after = new Set(list(doc[field]));
    const changed = [...before, ...after].filter((n) => before.has(n) !== after.has(n));
    if (changed.some((n) => n !== name)) {
      errors.push(fieldError(field, 'rule', '只能答复自己的邀请', 'You can answer only for yourself'));
    }
  }
  return errors;
}

/** When the next reminder is due: the lead time before the first occurrence not yet reminded. */
function nextReminderOf(doc: Doc): string | undefined {
  if (typeof doc.when !== 'string') return undefined;
  // An entry reminded before lead times and recurrence existed is done.
  if (typeof doc.rrule !== 'string' && doc.remindedAt !== undefined && doc.remindedThrough === undefined) return undefined;
  const after = typeof doc.remindedThrough === 'string' ? Date.parse(doc.remindedThrough) : Date.parse(doc.when) - 1;
  const next = nextOccurrence(doc, after);
  return next ? new Date(next.start - Number(doc.remindBefore ?? 0) * 60_000).toISOString() : undefined;
}

/**
 * A private entry is read by its people only; another keeps the readers it was given (a
 * customer's, when planned from the customer), its people added so that invited colleagues see it.
 */
function readersOf(doc: Doc): string[] | undefined {
  if (doc.private === true) return peopleOf(doc);
  const readers = list(doc.readers);
  return readers.length === 0 ? undefined : [...new Set([...readers, ...peopleOf(doc)])];
}

export function peopleOf(doc: Doc): string[] {
  const declined = new Set(list(doc.declined));
  return [...new Set([...list(doc.organizer), ...list(doc.remind), ...list(doc.attendees).filter((n) => !declined.has(n))])];
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
