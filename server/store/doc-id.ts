import { randomUUID } from 'node:crypto';
import { createError } from '../../engine/errors.js';

// ASCII only: document ids break ties in view order, and CouchDB compares them byte by byte.
const DOC_ID = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}$/;

export function checkDocId(id: unknown): string {
  if (typeof id !== 'string' || id === '') throw createError('illegal_docid', 'Document id must be a non-empty string');
  if (id.startsWith('_')) throw createError('illegal_docid', `Only the server may write reserved ids such as ${id}`);
  if (!DOC_ID.test(id)) {
    throw createError('illegal_docid', `Document id ${JSON.stringify(id)} may contain only letters, digits and . _ : @ + - (at most 200)`);
  }
  return id;
}

/** Time-ordered, so that new documents append to the by-id index. */
export function newDocId(now = Date.now()): string {
  // The last 60 bits of a UUID are random; randomUUID draws them from a pool, randomBytes makes a call each time.
  const random = BigInt(`0x${randomUUID().replaceAll('-', '').slice(-15)}`).toString(36).padStart(13, '0');
  return now.toString(36).padStart(9, '0') + random;
}
