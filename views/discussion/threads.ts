import { defineView } from '../view-def.js';

const subject = { title: { zh: '主题', en: 'Subject' }, field: 'subject' } as const;
const author = { title: { zh: '作者', en: 'Author' }, field: 'createdBy' } as const;

export const allDocuments = defineView({
  id: 'all-documents',
  db: 'discussion',
  name: { zh: '全部文档', en: 'All Documents' },
  forms: ['Topic', 'Response'],
  responses: true,
  columns: [{ title: { zh: '日期', en: 'Date' }, field: 'created', sort: 'desc' }, subject, author],
});

export const topicsByCategory = defineView({
  id: 'topics-by-category',
  db: 'discussion',
  name: { zh: '按类别', en: 'By Category' },
  forms: ['Topic', 'Response'],
  responses: true,
  columns: [
    { title: { zh: '类别', en: 'Category' }, field: 'category', categorized: true },
    { title: { zh: '日期', en: 'Date' }, field: 'created', sort: 'desc' },
    subject, author,
  ],
});
