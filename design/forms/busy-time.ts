import { fieldError } from '../field-error.js';
import { defineForm } from '../form.js';
import { SERVER_USER } from '../user.js';

/**
 * The time a private calendar entry takes, without what it is (Notes' busytime database): made
 * and kept by the server from the entry (`entryId`), readable by everyone, so that colleagues
 * planning a meeting see its people as busy. Nobody else writes it.
 */
export const busyTimeForm = defineForm({
  name: 'BusyTime',
  label: { zh: '忙碌时间', en: 'Busy time' },
  db: 'crm',
  titleField: 'people',
  fields: {
    people: { type: 'names', label: { zh: '人员', en: 'People' }, required: true, sortable: true },
    when: { type: 'datetime', label: { zh: '开始时间', en: 'Starts' }, required: true },
    end: { type: 'datetime', label: { zh: '结束时间', en: 'Ends' } },
    allDay: { type: 'boolean', label: { zh: '全天', en: 'All day' } },
    rrule: { type: 'text', label: { zh: '重复规则', en: 'Recurrence rule' }, maxLength: 500 },
    timeZone: { type: 'text', label: { zh: '时区', en: 'Time zone' }, maxLength: 60 },
    exdates: { type: 'keywords', label: { zh: '除外的日程', en: 'Occurrences left out' }, maxItems: 1000 },
    entryId: { type: 'text', label: { zh: '日程', en: 'Entry' }, required: true, maxLength: 200 },
  },
  rules: (_doc, _oldDoc, user) => (SERVER_USER.roles.every((role) => user.roles.includes(role)) ? []
    : [fieldError('entryId', 'rule', '忙碌时间由服务器根据私人日程维护', 'Busy time is kept by the server from private entries')]),
});
