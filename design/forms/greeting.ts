import { fieldError } from '../field-error.js';
import { defineForm, type FieldError } from '../form.js';
import { choices } from './choices.js';

/** What a greeting is for: a contact's birthday, a holiday (the Chinese ones by the lunar calendar), or a day of the company's own. */
export const GREETING_OCCASIONS = choices({
  birthday: ['生日', 'Birthday'],
  springFestival: ['春节', 'Spring Festival'],
  lanternFestival: ['元宵节', 'Lantern Festival'],
  dragonBoat: ['端午节', 'Dragon Boat Festival'],
  midAutumn: ['中秋节', 'Mid-Autumn Festival'],
  newYear: ['元旦', 'New Year'],
  christmas: ['圣诞节', 'Christmas'],
  custom: ['公司自定日期', 'A day of our own'],
});

/**
 * A greeting the server mails by itself (节日/生日问候): on the occasion, at `hour` where each
 * contact is, once a year, to every contact with an address (or those of customers in `group`)
 * who has not unsubscribed from `list`, from the template in the contact's language.
 */
export const greetingForm = defineForm({
  name: 'Greeting',
  label: { zh: '问候', en: 'Greeting' },
  db: 'crm',
  titleField: 'name',
  fields: {
    name: { type: 'text', label: { zh: '名称', en: 'Name' }, required: true, sortable: true, maxLength: 200 },
    occasion: { type: 'choice', label: { zh: '场合', en: 'Occasion' }, required: true, sortable: true, choices: GREETING_OCCASIONS },
    /** The day of a `custom` greeting, every year: `MM-DD`. */
    day: { type: 'text', label: { zh: '日期（月-日）', en: 'Day (MM-DD)' }, maxLength: 5 },
    templateId: { type: 'text', label: { zh: '邮件模板', en: 'Template' }, required: true, maxLength: 200 },
    hour: { type: 'number', label: { zh: '发送时间（当地几点）', en: 'Hour (local)' }, min: 0, max: 23, default: 9 },
    /** Only the contacts of customers in this group (客户分组); none: everyone with an address. */
    group: { type: 'text', label: { zh: '客户分组', en: 'Customer group' }, maxLength: 100 },
    list: { type: 'text', label: { zh: '退订列表', en: 'Unsubscribe list' }, maxLength: 100, default: 'greetings' },
    enabled: { type: 'boolean', label: { zh: '启用', en: 'Enabled' }, default: true },
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
  rules: (doc) => {
    const errors: FieldError[] = [];
    if (doc.occasion === 'custom' && !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(String(doc.day ?? ''))) {
      errors.push(fieldError('day', 'format', '请填写月-日，例如 06-18', 'Enter the day as MM-DD, e.g. 06-18'));
    }
    return errors;
  },
});
