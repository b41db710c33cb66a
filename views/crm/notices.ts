import { defineView } from '../view-def.js';

/** Each person sees only the notices addressed to them (the form's readers), newest first. */
export const myNotices = defineView({
  id: 'my-notices',
  db: 'crm',
  name: { zh: '我的通知', en: 'My Notices' },
  forms: ['Notice'],
  columns: [
    { title: { zh: '时间', en: 'Time' }, field: 'created', sort: 'desc' },
    { title: { zh: '类型', en: 'Kind' }, field: 'kind' },
    { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
    { title: { zh: '提醒时间', en: 'Due' }, field: 'due' },
    { title: { zh: '已读', en: 'Read' }, field: 'readAt' },
  ],
});
