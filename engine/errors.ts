import type { FieldError } from '../design/form.js';

/** The one table of errors, in CouchDB's shape, so that PouchDB clients understand them too. */
export const ERRORS = {
  bad_request: { status: 400, error: 'bad_request' },
  illegal_docid: { status: 400, error: 'illegal_docid' },
  invalid: { status: 400, error: 'invalid' },
  unauthorized: { status: 401, error: 'unauthorized' },
  forbidden: { status: 403, error: 'forbidden' },
  not_found: { status: 404, error: 'not_found' },
  method_not_allowed: { status: 405, error: 'method_not_allowed' },
  conflict: { status: 409, error: 'conflict' },
  too_large: { status: 413, error: 'too_large' },
  bad_content_type: { status: 415, error: 'bad_content_type' },
  too_many_requests: { status: 429, error: 'too_many_requests' },
  unavailable: { status: 503, error: 'unavailable' },
  internal: { status: 500, error: 'internal_error' },
} as const;
export type ErrorKind = keyof typeof ERRORS;

export interface ErrorBody {
  readonly error: string;
  readonly reason: string;
  readonly fields?: readonly FieldError[];
}

export class GuanxiError extends Error {
  readonly status: number;
  readonly error: string;

  constructor(readonly kind: ErrorKind, readonly reason: string, readonly fields?: readonly FieldError[], options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'GuanxiError';
    this.status = ERRORS[kind].status;
    this.error = ERRORS[kind].error;
  }

  toJSON(): ErrorBody {
    return this.fields ? { error: this.error, reason: this.reason, fields: this.fields } : { error: this.error, reason: this.reason };
  }
}

export function createError(kind: ErrorKind, reason: string, fields?: readonly FieldError[]): GuanxiError {
  return new GuanxiError(kind, reason, fields);
}

/** Translates what PouchDB or CouchDB threw into our own error, keeping the cause. */
export function toGuanxiError(cause: unknown): GuanxiError {
  if (cause instanceof GuanxiError) return cause;
  const { status, name, reason, message } = (cause ?? {}) as { status?: number; name?: string; reason?: string; message?: string };
  const text = reason ?? message ?? String(cause);
  const kind = (Object.keys(ERRORS) as ErrorKind[]).find((k) => ERRORS[k].error === name)
    ?? (Object.keys(ERRORS) as ErrorKind[]).find((k) => ERRORS[k].status === status)
    ?? 'internal';
  return new GuanxiError(kind, text, undefined, { cause });
}
