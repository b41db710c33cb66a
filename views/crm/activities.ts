import { defineView } from '../view-def.js';

const when = { title: { zh: '时间', en: 'When' }, field: 'when', sort: 'desc' } as const;
const kind = { title: { zh: '方式', en: 'Kind' }, field: 'kind' } as const;
const status = { title: { zh: '状态', en: 'Status' }, field: 'status' } as const;
const subject = { title: { zh: '主题', en: 'Subject' }, field: 'subject' } as const;
const customer = { title: { zh: '客户', en: 'Customer' }, field: 'customerName' } as const;
const contact = { title: { zh: '联系人', en: 'Contact' }, field: 'contactName' } as const;

export const activitiesByDate = defineView({
  id: 'activities-by-date',
  db: 'crm',
  name: { zh: '联系活动\\按日期', en: 'Activities\\By Date' },
  forms: ['Activity'],
  columns: [
    { title: { zh: '日期', en: 'Day' }, field: 'when', part: 'day', categorized: true, sort: 'desc' },
    when, kind, status, subject, customer, contact, { title: { zh: '业务员', en: 'Owner' }, field: 'owner' },
  ],
});

export const activitiesByOwner = defineView({
  id: 'activities-by-owner',
  db: 'crm',
  name: { zh: '联系活动\\按业务员', en: 'Activities\\By Owner' },
  forms: ['Activity'],
  columns: [{ title: { zh: '业务员', en: 'Owner' }, field: 'owner', categorized: true }, when, kind, status, subject, customer, contact],
});

export const appointmentsByTime = defineView({
  id: 'appointments-by-time',
  db: 'crm',
  name: { zh: '预约提示', en: 'Appointments' },
  forms: ['Appointment'],
  columns: [
    { title: { zh: '时间', en: 'When' }, field: 'when', sort: 'asc' },
    subject,
    { title: { zh: '提醒人员', en: 'Remind' }, field: 'remind' },
    customer,
    { title: { zh: '已提醒', en: 'Reminded' }, field: 'remindedAt' },
  ],
});
