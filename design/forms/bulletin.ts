import { fieldError } from '../field-error.js';
import { defineForm } from '../form.js';
import { choices } from './choices.js';
import { MANAGER_ROLE, now, savingUser } from './crm-fields.js';
import { signedBy } from './message.js';

/** Who may post on the bulletin board: people given this role, and managers. */
export const BULLETIN_ROLE = '[Bulletin]';

export const BULLETIN_CATEGORIES = choices({
  company: ['公司', 'Company'],
  sales: ['销售', 'Sales'],
  hr: ['人事', 'HR'],
});

/**
 * A company notice (公告) on the bulletin board: everyone who reads the CRM sees it on their home
 * page from `posted` until it expires; each reader's Receipt tells the poster who has read it.
 */
export const bulletinForm = defineForm({
  name: 'Bulletin',
  label: { zh: '公告', en: 'Bulletin' },
  db: 'crm',
  titleField: 'subject',
  fields: {
    subject: { type: 'text', label: { zh: '标题', en: 'Title' }, required: true, maxLength: 300 },
    category: { type: 'choice', label: { zh: '类别', en: 'Category' }, required: true, sortable: true, choices: BULLETIN_CATEGORIES, default: 'company' },
    body: { type: 'textarea', label: { zh: '内容', en: 'Text' }, maxLength: 50000 },
    /** The last day it is shown on home pages. */
    expires: { type: 'date', label: { zh: '有效期至', en: 'Shown until' }, required: true },
    poster: { type: 'names', label: { zh: '发布人', en: 'Posted by' }, required: true, sortable: true, default: savingUser, maxItems: 1 },
    posted: { type: 'datetime', label: { zh: '发布时间', en: 'Posted' }, default: now },
  },
  defaultAuthors: (doc) => (Array.isArray(doc.poster) ? doc.poster.map(String) : []),
  rules: (doc, oldDoc, user) => [
    ...signedBy('poster', doc, oldDoc, user),
    ...(oldDoc || user.roles.includes(BULLETIN_ROLE) || user.roles.includes(MANAGER_ROLE) ? []
      : [fieldError('poster', 'rule', `只有具有 ${BULLETIN_ROLE} 或 ${MANAGER_ROLE} 角色的人员可以发布公告`, `Only people with the role ${BULLETIN_ROLE} or ${MANAGER_ROLE} post bulletins`)]),
  ],
});
