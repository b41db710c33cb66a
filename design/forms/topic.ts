import { defineForm, type Doc } from '../form.js';
import { customerPick, dealPick } from './crm-fields.js';

const subject = { type: 'text', label: { zh: '主题', en: 'Subject' }, sortable: true, required: true, maxLength: 300 } as const;
const body = { type: 'textarea', label: { zh: '内容', en: 'Body' }, maxLength: 100000 } as const;
/** The poster, kept as a field of its own so that views sort and categorise authors by pinyin. */
const author = {
  type: 'names', label: { zh: '作者', en: 'Author' }, sortable: true, personName: true,
  computed: (doc: Doc) => (typeof doc.createdBy === 'string' ? [doc.createdBy] : []),
} as const;
/** A post may be about a customer or a deal (ids in `crm`; names copied for the views). */
const links = {
  customerId: { type: 'text', label: { zh: '相关客户', en: 'Customer' }, maxLength: 200, link: customerPick },
  customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, maxLength: 200 },
  dealId: { type: 'text', label: { zh: '相关业务', en: 'Deal' }, maxLength: 200, link: dealPick },
  dealName: { type: 'text', label: { zh: '业务名称', en: 'Deal name' }, maxLength: 200 },
} as const;

export const topicForm = defineForm({
  name: 'Topic',
  label: { zh: '主题', en: 'Main topic' },
  db: 'discussion',
  titleField: 'subject',
  fields: {
    subject,
    category: { type: 'keywords', label: { zh: '类别', en: 'Category' }, sortable: true, suggestFrom: { db: 'discussion', viewId: 'topics-by-category' } },
    body,
    author,
    ...links,
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
});

/** A response to a topic or to another response (Notes' response-to-response): `parent` names it. */
export const responseForm = defineForm({
  name: 'Response',
  label: { zh: '回复', en: 'Response' },
  db: 'discussion',
  response: true,
  titleField: 'subject',
  fields: { subject, body, author, ...links },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
});
