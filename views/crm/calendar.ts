import { defineView, type ColumnDef } from '../view-def.js';

/**
 * What the calendar draws an entry from, in this order after the first column: the view rows
 * alone make the day, week and month pages (no document read per entry).
 */
export const CALENDAR_VALUES = ['when', 'end', 'allDay', 'rrule', 'timeZone', 'subject', 'people', 'customerName', 'place', 'private', 'form', 'accepted', 'declined', 'attendees', 'customerId', 'exdates', 'seriesId', 'recurrenceId'] as const;

const TITLES: Readonly<Record<(typeof CALENDAR_VALUES)[number], ColumnDef['title']>> = {
  when: { zh: '开始时间', en: 'Starts' },
  end: { zh: '结束时间', en: 'Ends' },
  allDay: { zh: '全天', en: 'All day' },
  rrule: { zh: '重复规则', en: 'Recurrence' },
  timeZone: { zh: '时区', en: 'Time zone' },
  subject: { zh: '主题', en: 'Subject' },
  people: { zh: '参与人员', en: 'People' },
  customerName: { zh: '客户', en: 'Customer' },
  place: { zh: '地点', en: 'Place' },
  private: { zh: '私人', en: 'Private' },
  form: { zh: '类型', en: 'Type' },
  accepted: { zh: '已接受', en: 'Accepted' },
  declined: { zh: '已谢绝', en: 'Declined' },
  attendees: { zh: '邀请同事', en: 'Invited' },
  customerId: { zh: '客户编号', en: 'Customer id' },
  exdates: { zh: '除外的日程', en: 'Occurrences left out' },
  seriesId: { zh: '所属重复日程', en: 'Series' },
  recurrenceId: { zh: '原定时间', en: 'Originally at' },
};

const columns = (first: ColumnDef): ColumnDef[] => [first, ...CALENDAR_VALUES.map((field) => ({ title: TITLES[field], field }))];

/** Every calendar entry and busy time by its (first) start: the calendar reads a page of dates from it. */
export const calendarByStart = defineView({
  id: 'calendar-by-start',
  db: 'crm',
  name: { zh: '日程\\按时间', en: 'Calendar\\By Time' },
  forms: ['Appointment', 'BusyTime'],
  columns: columns({ title: { zh: '开始', en: 'Start' }, field: 'when', sort: 'asc' }),
});

/** The entries that repeat, read whole by the calendar whatever page of dates it shows. */
export const calendarRecurring = defineView({
  id: 'calendar-recurring',
  db: 'crm',
  name: { zh: '日程\\重复日程', en: 'Calendar\\Recurring' },
  forms: ['Appointment', 'BusyTime'],
  where: [{ field: 'rrule', exists: true }],
  columns: columns({ title: { zh: '开始', en: 'Start' }, field: 'when', sort: 'asc' }),
});

/** What the iCal feed writes besides the calendar's values, after them in the rows of calendar-by-person. */
export const FEED_VALUES = ['organizer', 'icalUid', 'modified', 'notes'] as const;

/**
 * Each person's own entries and busy times (Notes' single category: the viewer's name): the
 * iCal feed is written from these rows alone, without reading a document.
 */
export const calendarByPerson = defineView({
  id: 'calendar-by-person',
  db: 'crm',
  name: { zh: '日程\\我的日程', en: 'Calendar\\My Entries' },
  forms: ['Appointment', 'BusyTime'],
  viewersCategoryOnly: true,
  columns: [
    { title: { zh: '人员', en: 'Person' }, field: 'people', categorized: true },
    ...columns({ title: { zh: '开始', en: 'Start' }, field: 'when', sort: 'asc' }),
    { title: { zh: '组织者', en: 'Organizer' }, field: 'organizer' },
    { title: { zh: 'iCal 标识', en: 'iCal UID' }, field: 'icalUid' },
    { title: { zh: '修改时间', en: 'Modified' }, field: 'modified' },
    { title: { zh: '备注', en: 'Notes' }, field: 'notes' },
  ],
});

/** A customer's entries, newest first: the customer's page lists them. */
export const calendarByCustomer = defineView({
  id: 'calendar-by-customer',
  db: 'crm',
  name: { zh: '日程\\按客户', en: 'Calendar\\By Customer' },
  forms: ['Appointment'],
  where: [{ field: 'customerId', exists: true }],
  columns: columns({ title: { zh: '客户', en: 'Customer' }, field: 'customerName', categorized: true })
    .map((column) => (column.field === 'when' ? { ...column, sort: 'desc' as const } : column)),
});

/** Entries with a reminder still to give, the next due first: the server's reminder job reads its head. */
export const calendarRemindersDue = defineView({
  id: 'calendar-reminders-due',
  db: 'crm',
  name: { zh: '日程\\待提醒', en: 'Calendar\\Reminders Due' },
  forms: ['Appointment'],
  where: [{ field: 'nextReminder', exists: true }],
  columns: [
    { title: { zh: '下次提醒', en: 'Next reminder' }, field: 'nextReminder', sort: 'asc' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
    { title: { zh: '提醒人员', en: 'Remind' }, field: 'remind' },
  ],
});

/** A calendar view row's values named by their fields, the first `skip` values (category, sorting column) left out. */
export function namedValues(values: readonly unknown[], fields: readonly string[], skip: number): Record<string, unknown> {
  return Object.fromEntries(fields.map((field, i) => [field, values[i + skip]]));
}

/** What the calendar draws a deal's dates from, after the day (the category) in the rows of calendar-deal-dates. */
export const DEAL_DATE_VALUES = ['name', 'customerName', 'customerId', 'owner', 'status', 'expectedClose', 'currency', 'payments', 'deliveries'] as const;

const DEAL_TITLES: Readonly<Record<(typeof DEAL_DATE_VALUES)[number], ColumnDef['title']>> = {
  name: { zh: '业务名称', en: 'Deal' },
  customerName: { zh: '客户', en: 'Customer' },
  customerId: { zh: '客户编号', en: 'Customer id' },
  owner: { zh: '负责人', en: 'Owner' },
  status: { zh: '状态', en: 'Status' },
  expectedClose: { zh: '预计成交日期', en: 'Expected close' },
  currency: { zh: '币种', en: 'Currency' },
  payments: { zh: '收款计划', en: 'Payments' },
  deliveries: { zh: '交货计划', en: 'Deliveries' },
};

/**
 * Deals under each day they have something on — expected close, a payment due, a delivery — in
 * day order: the calendar reads a page of days from it, next to the entries.
 */
export const calendarDealDates = defineView({
  id: 'calendar-deal-dates',
  db: 'crm',
  name: { zh: '日程\\业务日期', en: 'Calendar\\Deal Dates' },
  forms: ['Deal'],
  where: [{ field: 'calendarDays', exists: true }],
  columns: [
    { title: { zh: '日期', en: 'Day' }, field: 'calendarDays', categorized: true },
    ...DEAL_DATE_VALUES.map((field) => ({ title: DEAL_TITLES[field], field })),
  ],
});

/** What the calendar draws a planned activity from, after its start (the sorting column). */
export const ACTIVITY_VALUES = ['subject', 'kind', 'owner', 'customerName', 'customerId', 'contactName', 'modified'] as const;

const ACTIVITY_TITLES: Readonly<Record<(typeof ACTIVITY_VALUES)[number], ColumnDef['title']>> = {
  subject: { zh: '主题', en: 'Subject' },
  kind: { zh: '方式', en: 'Kind' },
  owner: { zh: '业务员', en: 'Owner' },
  customerName: { zh: '客户', en: 'Customer' },
  customerId: { zh: '客户编号', en: 'Customer id' },
  contactName: { zh: '联系人', en: 'Contact' },
  modified: { zh: '修改时间', en: 'Modified' },
};

const activityColumns = ACTIVITY_VALUES.map((field) => ({ title: ACTIVITY_TITLES[field], field }));
const plannedOnly = [{ field: 'status', eq: 'planned' }] as const;

/**
 * Contact activities still planned (计划), by time: the calendar reads a page of dates from it.
 * Done ones are history (the customer's timeline), not plans.
 */
export const calendarPlannedActivities = defineView({
  id: 'calendar-planned-activities',
  db: 'crm',
  name: { zh: '日程\\计划的联系活动', en: 'Calendar\\Planned Activities' },
  forms: ['Activity'],
  where: plannedOnly,
  columns: [{ title: { zh: '时间', en: 'When' }, field: 'when', sort: 'asc' }, ...activityColumns],
});

/** Each person's own planned activities (the viewer's name as single category): the iCal feed adds them. */
export const calendarMyPlannedActivities = defineView({
  id: 'calendar-my-planned-activities',
  db: 'crm',
  name: { zh: '日程\\我的计划联系活动', en: 'Calendar\\My Planned Activities' },
  forms: ['Activity'],
  where: plannedOnly,
  viewersCategoryOnly: true,
  columns: [{ title: { zh: '业务员', en: 'Owner' }, field: 'owner', categorized: true }, { title: { zh: '时间', en: 'When' }, field: 'when', sort: 'asc' }, ...activityColumns],
});
