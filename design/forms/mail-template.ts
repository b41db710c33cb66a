import { defineForm, type FieldError } from '../form.js';
import { fieldError } from '../field-error.js';
import { MERGE_FIELDS, unknownMergeFields } from '../mail-merge.js';
import { choices } from './choices.js';

/** The language of a template, and the one a contact is written to (Contact's `language`). */
export const LANGUAGE_CHOICES = choices({ zh: ['中文', 'Chinese'], en: ['英文', 'English'] });

const KNOWN = Object.entries(MERGE_FIELDS).map(([field, label]) => `{{${field}}} {{${label.zh}}}`).join(' ');

/** A reusable message (邮件模板) with merge fields for the contact, the company and the salesperson. */
export const mailTemplateForm = defineForm({
  name: 'MailTemplate',
  label: { zh: '邮件模板', en: 'Mail template' },
  db: 'crm',
  titleField: 'name',
  fields: {
    name: { type: 'text', label: { zh: '模板名称', en: 'Template' }, required: true, sortable: true, maxLength: 200 },
    language: { type: 'choice', label: { zh: '语言', en: 'Language' }, required: true, sortable: true, choices: LANGUAGE_CHOICES, default: 'zh' },
    subject: { type: 'text', label: { zh: '主题', en: 'Subject' }, required: true, maxLength: 2000 },
    body: { type: 'textarea', label: { zh: '正文', en: 'Body' }, required: true, maxLength: 200_000 },
  },
  rules: (doc) => {
    const errors: FieldError[] = [];
    for (const field of ['subject', 'body'] as const) {
      const unknown = unknownMergeFields(String(doc[field] ?? ''));
      if (unknown.length > 0) {
        errors.push(fieldError(field, 'rule', `未知的合并字段：${unknown.join('、')}（可用：${KNOWN}）`, `Unknown merge fields: ${unknown.join(', ')} (known: ${KNOWN})`));
      }
    }
    return errors;
  },
});
