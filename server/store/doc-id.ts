import { randomUUID } from 'node:crypto';
import { docIdProblem } from '../../design/doc-id-rules.js';
import { createError } from '../../engine/errors.js';

export function checkDocId(id: unknown): string {
  const problem = docIdProblem(id);
  if (problem) throw createError('illegal_docid', problem);
  return id as string;
}

/** Time-ordered, so that new documents append to the by-id index. */
export function newDocId(now = Date.now()): string {
  // The last 60 bits of a UUID are random; randomUUID draws them from a pool, randomBytes makes a call each time.
  const random = BigInt(`0x${randomUUID().replaceAll('-', '').slice(-15)}`).toString(36).padStart(13, '0');
  return now.toString(36).padStart(9, '0') + random;
}
