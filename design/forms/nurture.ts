import { fieldError } from '../field-error.js';
import { defineForm, type Doc, type FieldError } from '../form.js';
import { choices } from './choices.js';
import { gatewayWriteErrors, isServerUser, type GatewayOwned } from './gateway-fields.js';

const OWNED: GatewayOwned = { userStatuses: new Set(['active', 'stopped']), serverFields: ['startedAt', 'nextStep', 'stoppedBy'] };

/** The one nurture sequence of a contact: a reply from them finds it by this id and stops it. */
export function nurtureId(contactId: string): string {
  return `nurture-${contactId}`;
}

/**
 * A nurture sequence (培育邮件): a series of template mails to one contact, each `days` after the
 * start, that stops as soon as the contact writes back.
 */
export const nurtureForm = defineForm({
  name: 'Nurture',
  label: { zh: '培育邮件', en: 'Nurture sequence' },
  db: 'crm',
  titleField: 'contactName',
  serverFields: OWNED.serverFields,
  fields: {
    contactId: { type: 'text', label: { zh: '联系人', en: 'Contact' }, required: true, maxLength: 200 },
    contactName: { type: 'text', label: { zh: '联系人姓名', en: 'Contact name' }, maxLength: 100 },
    customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, maxLength: 200 },
    customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200 },
    /** `[{days, templateId}]`, in order. */
    steps: { type: 'objects', label: { zh: '步骤', en: 'Steps' }, required: true },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, required: true, sortable: true, choices: choices({ active: ['进行中', 'Active'], stopped: ['已停止', 'Stopped'], done: ['已完成', 'Done'] }), default: 'active' },
    startedAt: { type: 'datetime', label: { zh: '开始时间', en: 'Started' } },
    nextStep: { type: 'number', label: { zh: '下一步', en: 'Next step' }, min: 0 },
    stoppedBy: { type: 'text', label: { zh: '停止原因', en: 'Stopped by' }, maxLength: 200 },
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
  rules: (doc, oldDoc, user) => [...stepErrors(doc), ...(isServerUser(user) ? [] : gatewayWriteErrors(doc, oldDoc, OWNED))],
});

function stepErrors(doc: Doc): FieldError[] {
  const errors: FieldError[] = [];
  if (doc._id !== undefined && doc._id !== nurtureId(String(doc.contactId))) {
    errors.push(fieldError('contactId', 'rule', '培育邮件的编号必须是 nurture-<联系人编号>', 'A nurture sequence\'s id must be nurture-<contact id>'));
  }
  const steps = Array.isArray(doc.steps) ? doc.steps as Record<string, unknown>[] : [];
  if (steps.some((s) => typeof s.days !== 'number' || s.days < 0 || typeof s.templateId !== 'string' || s.templateId === '')) {
    errors.push(fieldError('steps', 'rule', '每一步需要天数（≥0）和邮件模板', 'Each step needs a number of days (≥ 0) and a template'));
  }
  return errors;
}
