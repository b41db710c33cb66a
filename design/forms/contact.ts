import { defineForm } from '../form.js';
import { customerLink } from './crm-fields.js';
import { LANGUAGE_CHOICES } from './mail-template.js';
import { timeZoneField } from './time-zones.js';

export const contactForm = defineForm({
  name: 'Contact',
  label: { zh: '联系人', en: 'Contact' },
  db: 'crm',
  titleField: 'name',
  fields: {
    name: { type: 'text', label: { zh: '姓名', en: 'Name' }, sortable: true, required: true, maxLength: 100, personName: true },
    ...customerLink,
    department: { type: 'text', label: { zh: '部门', en: 'Department' }, sortable: true, maxLength: 100 },
    title: { type: 'text', label: { zh: '职务', en: 'Title' }, maxLength: 100 },
    phone: { type: 'phone', label: { zh: '电话', en: 'Phone' } },
    mobile: { type: 'phone', label: { zh: '手机', en: 'Mobile' } },
    /** Every address the person writes from, company and private: mail is filed under them by any of these. */
    emails: { type: 'keywords', label: { zh: '电子邮件', en: 'E-mail addresses' } },
    fax: { type: 'phone', label: { zh: '传真', en: 'Fax' } },
    /** The language to write to them in: composing offers the templates in it. */
    language: { type: 'choice', label: { zh: '通信语言', en: 'Language' }, choices: LANGUAGE_CHOICES },
    birthday: { type: 'date', label: { zh: '生日', en: 'Birthday' } },
    /** Where the person is, when not where their company is (the customer's time zone). */
    timeZone: timeZoneField,
    notes: { type: 'textarea', label: { zh: '备注', en: 'Notes' }, maxLength: 20000 },
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
});
