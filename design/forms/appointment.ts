import { defineForm } from '../form.js';
import { customerPick, savingUser } from './crm-fields.js';

/**
 * An appointment reminder (预约提示): at `when`, the server's reminder job gives each person in
 * `remind` a Notice (kind `reminder`) and records that in `remindedAt`, once.
 */
export const appointmentForm = defineForm({
  name: 'Appointment',
  label: { zh: '预约提示', en: 'Appointment' },
  db: 'crm',
  titleField: 'subject',
  fields: {
    subject: { type: 'text', label: { zh: '主题', en: 'Subject' }, required: true, maxLength: 300 },
    when: { type: 'datetime', label: { zh: '时间', en: 'When' }, required: true },
    remind: { type: 'names', label: { zh: '提醒人员', en: 'People to remind' }, required: true, default: savingUser },
    customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, maxLength: 200, link: customerPick },
    customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200, pinyin: true },
    place: { type: 'text', label: { zh: '地点', en: 'Place' }, maxLength: 200 },
    notes: { type: 'textarea', label: { zh: '备注', en: 'Notes' }, maxLength: 20000 },
    remindedAt: { type: 'datetime', label: { zh: '已提醒', en: 'Reminded' } },
    timelineDate: { type: 'datetime', label: { zh: '时间', en: 'Date' }, computed: (doc) => doc.when },
  },
  defaultAuthors: (doc, ctx) => [...new Set([ctx.user.name, ...(Array.isArray(doc.remind) ? doc.remind.map(String) : [])])],
});
