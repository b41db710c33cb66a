import { defineView } from '../view-def.js';

const sent = { title: { zh: '发送时间', en: 'Sent' }, field: 'sent', sort: 'desc' } as const;
const subject = { title: { zh: '主题', en: 'Subject' }, field: 'subject' } as const;
const to = { title: { zh: '收件人', en: 'To' }, field: 'to' } as const;
const readBy = [
  { title: { zh: '已读', en: 'Read by' }, field: 'reader' },
  { title: { zh: '阅读时间', en: 'Read at' }, field: 'readAt' },
] as const;

/**
 * Every message I sent or received, newest first; under my own, the read receipts of their
 * recipients (a receipt is shown only to its reader and to the sender).
 */
export const messagesAll = defineView({
  id: 'messages-all',
  db: 'crm',
  name: { zh: '内部短信\\收发', en: 'Messages\\Sent and Received' },
  forms: ['Message', 'Receipt'],
  responses: true,
  columns: [sent, { title: { zh: '发件人', en: 'From' }, field: 'sender' }, subject, to, ...readBy],
});

export const messagesSent = defineView({
  id: 'messages-sent',
  db: 'crm',
  name: { zh: '内部短信\\已发送', en: 'Messages\\Sent' },
  forms: ['Message'],
  viewersCategoryOnly: true,
  columns: [{ title: { zh: '发件人', en: 'From' }, field: 'sender', categorized: true }, sent, subject, to],
});

/** Bulletins by the last day they are shown, latest first; the poster sees who read each below it. */
export const bulletinsByExpiry = defineView({
  id: 'bulletins',
  db: 'crm',
  name: { zh: '公告\\全部', en: 'Bulletins\\All' },
  forms: ['Bulletin', 'Receipt'],
  responses: true,
  columns: [
    { title: { zh: '有效期至', en: 'Shown until' }, field: 'expires', sort: 'desc' },
    { title: { zh: '类别', en: 'Category' }, field: 'category' },
    { title: { zh: '标题', en: 'Title' }, field: 'subject' },
    { title: { zh: '发布人', en: 'Posted by' }, field: 'poster' },
    ...readBy,
  ],
});

export const bulletinsByCategory = defineView({
  id: 'bulletins-by-category',
  db: 'crm',
  name: { zh: '公告\\按类别', en: 'Bulletins\\By Category' },
  forms: ['Bulletin'],
  columns: [
    { title: { zh: '类别', en: 'Category' }, field: 'category', categorized: true },
    { title: { zh: '发布时间', en: 'Posted' }, field: 'posted', sort: 'desc' },
    { title: { zh: '标题', en: 'Title' }, field: 'subject' },
    { title: { zh: '有效期至', en: 'Shown until' }, field: 'expires' },
    { title: { zh: '发布人', en: 'Posted by' }, field: 'poster' },
  ],
});
