import { defineForm, type FieldError } from '../form.js';
import { fieldError } from '../field-error.js';

/** Conditions a rule may test; a rule with several tests all of them. */
export const RULE_CONDITIONS = ['senders', 'domains', 'recipients', 'subjectWords', 'words'] as const;

/**
 * A routing rule for new mail (邮件规则), run in `order` on every received message: a message
 * from alibaba.com goes to a named salesperson, into a folder, with a tag. Every matching rule
 * applies unless one says stop; the first rule to name a salesperson or folder wins.
 */
export const mailRuleForm = defineForm({
  name: 'MailRule',
  label: { zh: '邮件规则', en: 'Mail rule' },
  db: 'names',
  titleField: 'name',
  minimumLevel: 'manager',
  fields: {
    name: { type: 'text', label: { zh: '规则名称', en: 'Rule' }, required: true, sortable: true, maxLength: 200 },
    order: { type: 'number', label: { zh: '顺序', en: 'Order' }, required: true, default: 100 },
    enabled: { type: 'boolean', label: { zh: '启用', en: 'Enabled' }, default: true },
    senders: { type: 'keywords', label: { zh: '发件人地址', en: 'Sender addresses' }, maxLength: 320 },
    domains: { type: 'keywords', label: { zh: '发件人域名', en: 'Sender domains' }, maxLength: 255 },
    recipients: { type: 'keywords', label: { zh: '收件人地址', en: 'Recipient addresses' }, maxLength: 320 },
    subjectWords: { type: 'keywords', label: { zh: '主题包含', en: 'Subject contains' }, maxLength: 200 },
    words: { type: 'keywords', label: { zh: '正文包含', en: 'Body contains' }, maxLength: 200 },
    assignTo: { type: 'names', label: { zh: '分配给业务员', en: 'Assign to salesperson' } },
    folder: { type: 'text', label: { zh: '放入文件夹', en: 'Move to folder' }, maxLength: 200 },
    tags: { type: 'keywords', label: { zh: '加标签', en: 'Add tags' }, maxLength: 100 },
    /**
     * Answer at once with this MailTemplate (its id; the template of the same name in the sender's
     * language when there is one), never to automatic, bulk or mailing-list mail.
     */
    autoReplyTemplate: { type: 'text', label: { zh: '自动回复模板', en: 'Auto-reply template' }, maxLength: 200 },
    /** At most one auto-reply per sender in this many days, as vacation responders do (RFC 3834 §3.1.1). */
    autoReplyDays: { type: 'number', label: { zh: '同一发件人自动回复间隔（天）', en: 'Days between auto-replies to one sender' }, min: 1, max: 365, default: 4 },
    stop: { type: 'boolean', label: { zh: '不再执行后续规则', en: 'Stop after this rule' } },
  },
  rules: (doc) => {
    const errors: FieldError[] = [];
    const tests = RULE_CONDITIONS.some((field) => Array.isArray(doc[field]) && doc[field].length > 0);
    if (!tests) errors.push(fieldError('senders', 'rule', '规则至少需要一个条件', 'A rule needs at least one condition'));
    const acts = ['assignTo', 'tags'].some((field) => Array.isArray(doc[field]) && doc[field].length > 0)
      || ['folder', 'autoReplyTemplate'].some((field) => typeof doc[field] === 'string' && doc[field].trim() !== '');
    if (!acts) errors.push(fieldError('assignTo', 'rule', '规则至少需要一个动作', 'A rule needs at least one action'));
    return errors;
  },
});
