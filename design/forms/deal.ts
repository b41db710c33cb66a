import { defineForm, type FieldError } from '../form.js';
import { fieldError } from '../field-error.js';
import { choices } from './choices.js';

export const DEAL_STATUSES = choices({
  tracking: ['跟踪中', 'Tracking'],
  won: ['已签约', 'Won'],
  completed: ['已完成', 'Completed'],
  lost: ['已丢单', 'Lost'],
});

export const dealForm = defineForm({
  name: 'Deal',
  label: { zh: '业务', en: 'Deal' },
  db: 'crm',
  titleField: 'name',
  fields: {
    name: { type: 'text', label: { zh: '业务名称', en: 'Deal' }, sortable: true, required: true, maxLength: 200, pinyin: true },
    number: { type: 'text', label: { zh: '业务编号', en: 'Number' }, sortable: true, maxLength: 40 },
    customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, required: true },
    customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200 },
    owner: { type: 'names', label: { zh: '负责人', en: 'Owner' }, sortable: true },
    stage: { type: 'number', label: { zh: '阶段概率(%)', en: 'Probability (%)' }, min: 0, max: 100, default: 10 },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, sortable: true, required: true, choices: DEAL_STATUSES, default: 'tracking' },
    amount: { type: 'number', label: { zh: '预计金额', en: 'Expected amount' }, min: 0 },
    currency: { type: 'choice', label: { zh: '币种', en: 'Currency' }, sortable: true, choices: choices({ CNY: ['人民币', 'CNY'], USD: ['美元', 'USD'], EUR: ['欧元', 'EUR'] }), default: 'USD' },
    opened: { type: 'date', label: { zh: '立项日期', en: 'Opened' } },
    lostReason: { type: 'textarea', label: { zh: '丢单原因', en: 'Reason lost' }, maxLength: 2000 },
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
  rules: (doc) => {
    const errors: FieldError[] = [];
    if (doc.status === 'lost' && (typeof doc.lostReason !== 'string' || doc.lostReason.trim() === '')) {
      errors.push(fieldError('lostReason', 'rule', '丢单必须填写原因', 'A lost deal needs a reason'));
    }
    return errors;
  },
});
