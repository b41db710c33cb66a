import type { FieldError } from './form.js';

export function fieldError(field: string, code: FieldError['code'], zh: string, en: string): FieldError {
  return { field, code, message: { zh, en } };
}
