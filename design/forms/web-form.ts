import { fieldError } from '../field-error.js';
import { defineForm, type FieldError } from '../form.js';

/** How many sendings an hour one e-mail address, and one network address, may make through a form, unless it says otherwise. */
export const DEFAULT_PER_ADDRESS_PER_HOUR = 3;
export const DEFAULT_PER_IP_PER_HOUR = 20;

/** What a site's page may be served from: `https://www.example.com`, `http://localhost:8000`. */
const ORIGIN = /^https?:\/\/[^\s/?#@]+$/i;

/**
 * A form on the company's own website (网站表单) that posts inquiries and newsletter sign-ups to
 * Guanxi: which sites (origins) may use it, where a visitor goes after sending, the subscription
 * list sign-ups join once confirmed, and the auto-reply template when no mail rule names one.
 * The site key of its JSON API is kept by the servers only (set through /api/web/sites/:id/key).
 */
export const webFormForm = defineForm({
  name: 'WebForm',
  label: { zh: '网站表单', en: 'Website form' },
  db: 'names',
  titleField: 'name',
  minimumLevel: 'manager',
  fields: {
    name: { type: 'text', label: { zh: '名称', en: 'Name' }, required: true, sortable: true, maxLength: 200 },
    enabled: { type: 'boolean', label: { zh: '启用', en: 'Enabled' }, default: true },
    /** The pages the form may be sent from (scheme, host and port); CORS answers only these. */
    origins: { type: 'keywords', label: { zh: '网站地址（来源）', en: 'Site origins' }, required: true, maxLength: 300, maxItems: 20 },
    thankYouUrl: { type: 'url', label: { zh: '提交后跳转到', en: 'Thank-you page' }, maxLength: 2000 },
    list: { type: 'text', label: { zh: '订阅列表', en: 'Subscription list' }, maxLength: 100, default: 'newsletter' },
    /** The MailTemplate answering inquiries (in the visitor's language when one of the same name is kept in it). */
    autoReplyTemplate: { type: 'text', label: { zh: '自动回复模板', en: 'Auto-reply template' }, maxLength: 200 },
    /** The mail account that answers and sends confirmations; the first that sends, when empty. */
    accountId: { type: 'text', label: { zh: '发信账户', en: 'Sending account' }, maxLength: 200 },
    /** A person needs this long to fill the form; a faster sender is asked to confirm. */
    minSeconds: { type: 'number', label: { zh: '最短填写时间（秒）', en: 'Minimum fill time (seconds)' }, min: 0, max: 600, default: 3 },
    /** Spam defences of this form: more sendings in an hour are turned away (429). */
    perAddressPerHour: { type: 'number', label: { zh: '每个邮箱每小时最多提交', en: 'Sendings an hour per e-mail address' }, min: 1, max: 10_000, default: DEFAULT_PER_ADDRESS_PER_HOUR },
    perIpPerHour: { type: 'number', label: { zh: '每个网络地址每小时最多提交', en: 'Sendings an hour per network address' }, min: 1, max: 100_000, default: DEFAULT_PER_IP_PER_HOUR },
    consentText: {
      type: 'textarea', label: { zh: '同意声明', en: 'Consent line' }, maxLength: 1000,
      default: '我同意贵公司保存以上信息并就此询盘与我联系。 I agree that my details are kept to answer this inquiry.',
    },
  },
  rules: (doc) => {
    const errors: FieldError[] = [];
    const origins = Array.isArray(doc.origins) ? doc.origins : [];
    const bad = origins.find((o) => typeof o !== 'string' || !ORIGIN.test(o.trim()));
    if (bad !== undefined) errors.push(fieldError('origins', 'format', `「${String(bad)}」不是网站地址，例如 https://www.example.com`, `"${String(bad)}" is not a site origin such as https://www.example.com`));
    return errors;
  },
});
