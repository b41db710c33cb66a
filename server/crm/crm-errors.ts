import { fieldError } from '../../design/field-error.js';
import { createError, type ErrorKind, type GuanxiError } from '../../engine/errors.js';

/** An error of the CRM actions, with its message in both languages in `fields`. */
export function crmError(kind: ErrorKind, field: string, zh: string, en: string): GuanxiError {
  return createError(kind, en, [fieldError(field, kind === 'forbidden' ? 'rule' : 'format', zh, en)]);
}
