import { attachmentErrors } from './attachment-rules.js';
import { choicesOf, NO_SETTINGS, type SettingsLookup } from './configured-choices.js';
import { fieldError } from './field-error.js';
import { fieldsOf, isEmpty, LIST_TYPES, type Choice, type Doc, type FieldDef, type FieldError, type FormDef } from './form.js';
import { isServerUser } from './forms/gateway-fields.js';
import { formByName } from './forms/index.js';
import type { UserContext } from './user.js';
import { FILES_ON_SERVER } from './replication-settings.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** An e-mail address as mail servers take it: also what a workstation checks before it queues a message. */
export const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;
// Spaces of any kind (Excel's no-break space too), but never a line break: a number goes into fax dial strings and mail headers.
const PHONE = /^[+()\d\t\p{Zs}./-]{3,40}([\t\p{Zs}]*(ext|x|转)\.?[\t\p{Zs}]*\d{1,6})?$/iu;
const URL_PATTERN = /^https?:\/\/[^\s]+$/i;
/** Items of every document, whatever its form (CouchDB's, access, stamps, pinyin keys, the gateway's touch). */
const DOCUMENT_ITEMS: ReadonlySet<string> = new Set([
  '_id', '_rev', '_deleted', '_attachments', '_revisions', '_conflicts', '_deleted_conflicts', '_revs_info', '_local_seq',
  'form', 'parent', 'readers', 'authors', 'created', 'createdBy', 'modified', 'modifiedBy', '$sort', '$pinyin', '$initials', '$touched',
  // A workstation's note of files left on the server (replication-settings.ts); the gateway never stores it.
  FILES_ON_SERVER,
]);
/** A document's JSON besides its files, written by a person: the longest notes and order lists fit many times over. */
export const MAX_DOC_BYTES = 512 * 1024;
/** Entries of a list or table field that declares no bound of its own. */
const MAX_ITEMS = 1000;

/**
 * The one validation that the sync gateway, the server's own writes and the workstation's forms
 * all run (Notes' QuerySave and CouchDB's validate_doc_update in one). Returns field errors;
 * an empty list means the document may be saved. Access rights are checked elsewhere. Choices an
 * administrator configures are read from `settings`: without it, only the built-in ones are taken.
 */
export function validate(newDoc: Doc, oldDoc: Doc | null, user: UserContext, settings: SettingsLookup = NO_SETTINGS): FieldError[] {
  if (newDoc._deleted) return [];
  if (typeof newDoc.form !== 'string' || newDoc.form === '') {
    return [fieldError('form', 'required', '文档缺少表单类型', 'The document names no form')];
  }
  const form = formByName(newDoc.form);
  if (!form) return [fieldError('form', 'choice', `未知的表单：${newDoc.form}`, `Unknown form: ${newDoc.form}`)];

  const errors: FieldError[] = shapeErrors(newDoc, form, user);
  if (form.fixedId !== undefined && newDoc._id !== form.fixedId) {
    const label = form.label;
    errors.push(fieldError('_id', 'rule', `“${label.zh}”只有一份，文档编号必须是 ${form.fixedId}`, `There is one ${label.en} document; its id must be ${form.fixedId}`));
  }
  if (form.response && (typeof newDoc.parent !== 'string' || newDoc.parent === '')) {
    errors.push(fieldError('parent', 'required', '回复文档必须有上级文档', 'A response must name its parent document'));
  }
  for (const [name, field] of fieldsOf(form)) {
    const error = checkField(name, field, newDoc[name], settings, oldDoc?.[name]);
    if (error) errors.push(error);
    else if (field.columns && Array.isArray(newDoc[name])) errors.push(...checkEntries(name, field, newDoc[name] as Doc[], oldDoc?.[name], settings));
  }
  for (const name of ['readers', 'authors'] as const) {
    const value = newDoc[name];
    if (value !== undefined && !isStringList(value)) {
      errors.push(fieldError(name, 'type', '必须是名称列表', 'Must be a list of names'));
    }
  }
  errors.push(...attachmentErrors(newDoc, oldDoc, form, user));
  if (errors.length === 0 && form.rules) errors.push(...form.rules(newDoc, oldDoc, user));
  return errors;
}

/**
 * What every document of a form may hold: the fields it declares and the items every document has
 * (ids, access, stamps, the pinyin keys), nothing else; and, written by a person, at most
 * MAX_DOC_BYTES of JSON besides its files. A document goes to everyone who may read it, on every
 * replica: one person's 100,000 made-up fields would cost them all.
 */
function shapeErrors(doc: Doc, form: FormDef, user: UserContext): FieldError[] {
  const unknown: string[] = [];
  for (const key in doc) {
    if (!(key in form.fields) && !DOCUMENT_ITEMS.has(key)) unknown.push(key);
  }
  if (unknown.length > 0) {
    const listed = unknown.slice(0, 5).map((key) => JSON.stringify(key.slice(0, 40))).join(', ') + (unknown.length > 5 ? ` … (${unknown.length})` : '');
    return [fieldError(unknown[0]!, 'rule', `“${form.label.zh}”没有这些字段：${listed}`, `${form.label.en} has no such fields: ${listed}`)];
  }
  if (!isServerUser(user)) {
    const bytes = jsonSize(doc);
    if (bytes > MAX_DOC_BYTES) {
      return [fieldError('_id', 'too_long', `文档太大（${Math.ceil(bytes / 1024)} KB，附件除外最多 ${MAX_DOC_BYTES / 1024} KB）`,
        `The document is too large (${Math.ceil(bytes / 1024)} KB; at most ${MAX_DOC_BYTES / 1024} KB besides its files)`)];
    }
  }
  return [];
}

/** The document's JSON without its files, in UTF-16 units (about its bytes for Chinese text in UTF-8 × ⅔). */
function jsonSize(doc: Doc): number {
  let size = 0;
  for (const key in doc) {
    if (key !== '_attachments' && key !== '_revisions') size += key.length + (JSON.stringify(doc[key])?.length ?? 0);
  }
  return size;
}

/**
 * One value against its field. A choice is checked against the configured choices and what the
 * document had before, `kept` (a category an administrator removed since stays on the customers that have it).
 */
function checkField(name: string, field: FieldDef, value: unknown, settings: SettingsLookup, kept: unknown): FieldError | null {
  const { zh, en } = field.label;
  if (isEmpty(value)) {
    return field.required ? fieldError(name, 'required', `请填写“${zh}”`, `${en} is required`) : null;
  }
  if ((LIST_TYPES.has(field.type) || field.type === 'objects') && Array.isArray(value) && value.length > (field.maxItems ?? MAX_ITEMS)) {
    const most = field.maxItems ?? MAX_ITEMS;
    return fieldError(name, 'range', `“${zh}”最多 ${most} 项`, `${en} may have at most ${most} entries`);
  }
  if (LIST_TYPES.has(field.type)) {
    if (!isStringList(value)) return fieldError(name, 'type', `“${zh}”必须是文本列表`, `${en} must be a list of texts`);
    return field.maxLength !== undefined && value.some((v) => v.length > field.maxLength!)
      ? tooLong(name, field) : null;
  }
  switch (field.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fieldError(name, 'type', `“${zh}”必须是数字`, `${en} must be a number`);
      if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
        const range = `${field.min ?? '−∞'} – ${field.max ?? '∞'}`;
        return fieldError(name, 'range', `“${zh}”必须在 ${range} 之间`, `${en} must be within ${range}`);
      }
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : fieldError(name, 'type', `“${zh}”必须是是或否`, `${en} must be yes or no`);
    case 'objects':
      return Array.isArray(value) && value.every(isPlainObject) ? null : fieldError(name, 'type', `“${zh}”必须是对象列表`, `${en} must be a list of objects`);
    case 'date':
      return typeof value === 'string' && DATE.test(value) && isRealDate(value) ? null
        : fieldError(name, 'format', `“${zh}”不是有效日期（YYYY-MM-DD）`, `${en} is not a valid date (YYYY-MM-DD)`);
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) && !Number.isNaN(Date.parse(value)) ? null
        : fieldError(name, 'format', `“${zh}”不是有效时间`, `${en} is not a valid date and time`);
    default:
      return checkText(name, field, value, settings, kept);
  }
}

/** Each entry of an `objects` field against its columns: `payments.2.amount` names the cell. */
function checkEntries(name: string, field: FieldDef, entries: readonly Doc[], old: unknown, settings: SettingsLookup): FieldError[] {
  const oldEntries = Array.isArray(old) ? (old as unknown[]).filter((entry): entry is Doc => entry !== null && typeof entry === 'object') : [];
  return entries.flatMap((entry, index) => Object.entries(field.columns!).flatMap(([column, def]) => {
    const error = checkField(`${name}.${index}.${column}`, def, entry[column], settings, oldEntries.map((e) => e[column]));
    if (!error) return [];
    const row = { zh: `${field.label.zh}第 ${index + 1} 行：`, en: `${field.label.en}, row ${index + 1}: ` };
    return [{ ...error, message: { zh: row.zh + error.message.zh, en: row.en + error.message.en } }];
  }));
}

/** `kept`: the value the document had, or for a column the values its entries had. */
function checkText(name: string, field: FieldDef, value: unknown, settings: SettingsLookup, kept: unknown): FieldError | null {
  const { zh, en } = field.label;
  if (typeof value !== 'string') return fieldError(name, 'type', `“${zh}”必须是文本`, `${en} must be text`);
  if (field.maxLength !== undefined && value.length > field.maxLength) return tooLong(name, field);
  const options = field.type === 'choice' && !field.openChoices ? choicesOf(field, settings) : undefined;
  if (options && !options.some((c) => c.value === value) && !wasKept(kept, value)) return notAChoice(name, field, value, options);
  const pattern = field.type === 'email' ? EMAIL : field.type === 'phone' ? PHONE : field.type === 'url' ? URL_PATTERN : null;
  if (pattern && !pattern.test(value.trim())) {
    return fieldError(name, 'format', `“${zh}”的格式不正确`, `${en} is not in a valid format`);
  }
  return null;
}

function wasKept(kept: unknown, value: string): boolean {
  return Array.isArray(kept) ? kept.includes(value) : kept === value;
}

/** Names the choices there are, so that whoever typed or imported the value sees what to write. */
function notAChoice(name: string, field: FieldDef, value: string, options: readonly Choice[]): FieldError {
  const { zh, en } = field.label;
  const list = (lang: 'zh' | 'en') => options.length === 0 ? { zh: '尚未设置任何选项', en: 'none are set up yet' }[lang]
    : `${lang === 'zh' ? '可选：' : 'choose from '}${options.slice(0, 12).map((c) => c.label[lang]).join(lang === 'zh' ? '、' : ', ')}${options.length > 12 ? '…' : ''}`;
  return fieldError(name, 'choice', `“${zh}”的值“${value}”不在可选范围内（${list('zh')}）`, `${en}: “${value}” is not one of the choices (${list('en')})`);
}

function tooLong(name: string, field: FieldDef): FieldError {
  return fieldError(name, 'too_long', `“${field.label.zh}”不能超过 ${field.maxLength} 个字符`, `${field.label.en} must be at most ${field.maxLength} characters`);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` already matched: is it a day that exists (no 2026-02-30)? */
function isRealDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

function isPlainObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
