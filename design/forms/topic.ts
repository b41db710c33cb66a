import { defineForm } from '../form.js';

const body = { type: 'textarea', label: { zh: '内容', en: 'Body' }, maxLength: 100000 } as const;
const category = { type: 'keywords', label: { zh: '类别', en: 'Category' }, sortable: true } as const;

export const topicForm = defineForm({
  name: 'Topic',
  label: { zh: '主题', en: 'Main topic' },
  db: 'discussion',
  titleField: 'subject',
  fields: {
    subject: { type: 'text', label: { zh: '主题', en: 'Subject' }, sortable: true, required: true, maxLength: 300 },
    category,
    body,
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
});

export const responseForm = defineForm({
  name: 'Response',
  label: { zh: '回复', en: 'Response' },
  db: 'discussion',
  response: true,
  titleField: 'subject',
  fields: {
    subject: { type: 'text', label: { zh: '主题', en: 'Subject' }, required: true, maxLength: 300 },
    body,
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
});
