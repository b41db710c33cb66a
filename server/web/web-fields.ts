import { fieldError } from '../../design/field-error.js';
import type { FieldError } from '../../design/form.js';
import { EMAIL } from '../../design/validate.js';
import { languageOf } from '../mail/template-in-language.js';

/** The hidden field people leave empty and form-filling programs fill. */
export const HONEYPOT = 'leave_empty';

/** What a visitor asks on the website (询盘). */
export interface WebInquiry {
  readonly name: string;
  readonly email: string;
  readonly company?: string;
  readonly country?: string;
  readonly product?: string;
  readonly quantity?: string;
  readonly message: string;
  /** The visitor's language: the form's `lang`, else the one the message is written in. */
  readonly language: 'zh' | 'en';
}

/** A newsletter sign-up, before its address is confirmed. */
export interface WebSignUp {
  readonly email: string;
  readonly name?: string;
  readonly language: 'zh' | 'en';
}

type Read<T> = { readonly values: T; readonly errors: readonly [] } | { readonly values?: undefined; readonly errors: readonly FieldError[] };

const INQUIRY_FIELDS = {
  name: { max: 100, required: true, label: ['姓名', 'Name'] },
  email: { max: 320, required: true, label: ['邮箱', 'E-mail'] },
  company: { max: 200, required: false, label: ['公司', 'Company'] },
  country: { max: 60, required: false, label: ['国家', 'Country'] },
  product: { max: 200, required: false, label: ['产品', 'Product'] },
  quantity: { max: 60, required: false, label: ['数量', 'Quantity'] },
  message: { max: 5000, required: true, label: ['留言', 'Message'] },
} as const;

const SIGN_UP_FIELDS = {
  email: INQUIRY_FIELDS.email,
  name: { ...INQUIRY_FIELDS.name, required: false },
} as const;

type Spec = Readonly<Record<string, { readonly max: number; readonly required: boolean; readonly label: readonly [string, string] }>>;

export function readInquiry(body: unknown): Read<WebInquiry> {
  const { values, errors } = readFields(body, INQUIRY_FIELDS);
  if (errors.length > 0) return { errors };
  const language = languageField(body) ?? languageOf(values.message!);
  return { values: { ...(values as Record<keyof typeof INQUIRY_FIELDS, string>), language } as WebInquiry, errors: [] };
}

export function readSignUp(body: unknown): Read<WebSignUp> {
  const { values, errors } = readFields(body, SIGN_UP_FIELDS);
  if (errors.length > 0) return { errors };
  return { values: { email: values.email!, ...(values.name ? { name: values.name } : {}), language: languageField(body) ?? 'en' }, errors: [] };
}

/**
 * Each field once, as text within its length, required ones filled, the address an address, the
 * honeypot empty and the consent given: every fault named, none silently trimmed away.
 */
function readFields(body: unknown, spec: Spec): { values: Record<string, string>; errors: FieldError[] } {
  const given = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const values: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [field, { max, required, label: [zh, en] }] of Object.entries(spec)) {
    const raw = given[field];
    if (raw !== undefined && typeof raw !== 'string') {
      errors.push(fieldError(field, 'type', `「${zh}」只能填写一次文字`, `${en} must be given once, as text`));
      continue;
    }
    const value = (raw ?? '').replace(/\r\n?/g, '\n').trim();
    if (value === '') {
      if (required) errors.push(fieldError(field, 'required', `请填写${zh}`, `${en} is required`));
      continue;
    }
    if (value.length > max) errors.push(fieldError(field, 'too_long', `${zh}最多 ${max} 个字`, `${en} may have at most ${max} characters`));
    else if (field === 'email' && !EMAIL.test(value)) errors.push(fieldError(field, 'format', `「${value.slice(0, 80)}」不是邮箱地址`, `"${value.slice(0, 80)}" is not an e-mail address`));
    else if (field !== 'message' && /[\u0000-\u001f\u007f]/.test(value)) errors.push(fieldError(field, 'format', `${zh}只能是一行文字`, `${en} must be one line of text`));
    else values[field] = field === 'email' ? value.toLowerCase() : value;
  }
  const trap = given[HONEYPOT];
  if (trap !== undefined && trap !== '') errors.push(fieldError(HONEYPOT, 'rule', '此表单由程序填写，未被接受', 'This form was filled in by a program and was not accepted'));
  if (!isConsent(given.consent)) errors.push(fieldError('consent', 'required', '请勾选同意声明', 'Please tick the consent line'));
  return { values, errors };
}

function isConsent(value: unknown): boolean {
  return value === true || (typeof value === 'string' && ['yes', 'on', 'true', '1', 'agree'].includes(value.toLowerCase()));
}

function languageField(body: unknown): 'zh' | 'en' | undefined {
  const lang = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).lang : undefined;
  if (typeof lang !== 'string') return undefined;
  return /^zh\b/i.test(lang) ? 'zh' : /^en\b/i.test(lang) ? 'en' : undefined;
}
