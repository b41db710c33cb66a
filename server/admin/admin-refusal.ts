import { fieldError } from '../../design/field-error.js';
import { createError, type ErrorKind, type GuanxiError } from '../../engine/errors.js';

/**
 * A refusal an administrator reads in the workstation: the reason in English as the API gives it,
 * and in both languages in `fields` (field `''`: the request as a whole), which the workstation shows in its language.
 */
export function adminRefusal(kind: ErrorKind, zh: string, en: string): GuanxiError {
  return createError(kind, en, [fieldError('', 'rule', zh, en)]);
}
