import { MB } from '../attachment-rules.js';
import { defineForm } from '../form.js';
import type { Label } from '../label.js';
import { customerLink } from './crm-fields.js';
import { COUNTRIES, countryCode } from '../reference/countries.js';
import { LANGUAGE_CHOICES } from './mail-template.js';
import { timeZoneField } from './time-zones.js';

/** A list of values (numbers, addresses) each with the vCard types it came with (`home,voice`). */
function typedValues(label: Label, valueField: string, valueLabel: Label, maxLength: number) {
  return {
    type: 'objects',
    label,
    columns: {
      [valueField]: { type: 'text', label: valueLabel, required: true, maxLength },
      types: { type: 'text', label: { zh: '类型', en: 'Types' }, maxLength: 100 },
    },
  } as const;
}

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
    /** What kind each address is (vCard's EMAIL TYPE: work, home…), as a phone's address book keeps it. */
    emailTypes: typedValues({ zh: '邮箱类型', en: 'E-mail types' }, 'email', { zh: '电子邮件', en: 'E-mail' }, 320),
    /** Every number with its kinds (vCard's TEL TYPE: home, work, cell, fax…); `phone` and `mobile` are the first of each. */
    phones: typedValues({ zh: '全部电话', en: 'All numbers' }, 'number', { zh: '号码', en: 'Number' }, 100),
    /** The person's own addresses (home, work…), beside their company's. */
    addresses: {
      type: 'objects',
      label: { zh: '地址', en: 'Addresses' },
      columns: {
        types: { type: 'text', label: { zh: '类型', en: 'Types' }, maxLength: 100 },
        street: { type: 'text', label: { zh: '街道', en: 'Street' }, maxLength: 500 },
        city: { type: 'text', label: { zh: '城市', en: 'City' }, maxLength: 100 },
        region: { type: 'text', label: { zh: '省/州', en: 'Region' }, maxLength: 100 },
        postcode: { type: 'text', label: { zh: '邮编', en: 'Postcode' }, maxLength: 20 },
        country: { type: 'choice', label: { zh: '国家', en: 'Country' }, maxLength: 100, choices: COUNTRIES, normalize: (text) => countryCode(text) ?? text },
      },
    },
    fax: { type: 'phone', label: { zh: '传真', en: 'Fax' } },
    /** The language to write to them in: composing offers the templates in it. */
    language: { type: 'choice', label: { zh: '通信语言', en: 'Language' }, choices: LANGUAGE_CHOICES },
    birthday: { type: 'date', label: { zh: '生日', en: 'Birthday' } },
    /** Where the person is, when not where their company is (the customer's time zone). */
    timeZone: timeZoneField,
    notes: { type: 'textarea', label: { zh: '备注', en: 'Notes' }, maxLength: 20000 },
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
  // The photo of a phone's address book (photo.jpg), and files about the person.
  attachments: { label: { zh: '照片及附件', en: 'Photo and files' }, maxBytes: 5 * MB, maxTotalBytes: 20 * MB },
});
