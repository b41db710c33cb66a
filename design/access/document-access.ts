import type { Doc } from '../form.js';
import { isLockedForApproval } from '../approval/approval-fields.js';
import { formByName } from '../forms/index.js';
import { levelAtLeast, type Access } from './acl.js';

/** The non-empty names of a `readers` or `authors` field. */
export function names(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

function mentions(access: Access, list: readonly string[]): boolean {
  return list.some((name) => access.names.has(name));
}

/**
 * Notes semantics: Reader access or above, and when the document has reader names, the user is
 * among its readers or its authors (by name, group or role). Reader names bind managers too.
 */
export function canRead(access: Access, doc: Doc): boolean {
  if (!levelAtLeast(access.level, 'reader')) return false;
  const readers = names(doc.readers);
  return readers.length === 0 || mentions(access, readers) || mentions(access, names(doc.authors));
}

/** Some forms ask for a higher level than the ACL's, whatever `authors` say (the directory's). */
function formAllows(access: Access, doc: Doc): boolean {
  const minimum = doc.form === undefined ? undefined : formByName(doc.form)?.minimumLevel;
  return minimum === undefined || levelAtLeast(access.level, minimum);
}

/** Editors edit what they can read; Authors only what names them in `authors`. */
export function canEdit(access: Access, current: Doc): boolean {
  if (!canRead(access, current) || !formAllows(access, current)) return false;
  return levelAtLeast(access.level, 'editor') || (access.level === 'author' && mentions(access, names(current.authors)));
}

export function canDelete(access: Access, current: Doc): boolean {
  return access.canDelete && canEdit(access, current);
}

export function canCreate(access: Access): boolean {
  return access.canCreate;
}

export type WriteDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/**
 * May this user turn `current` (null: the document does not exist) into `next`? Checked against
 * the server's current winning revision, whatever the client claims to be editing.
 */
export function decideWrite(access: Access, current: Doc | null, next: Doc): WriteDecision {
  if (!current || current._deleted) {
    if (next._deleted) return { allowed: true };
    if (!canCreate(access)) return { allowed: false, reason: 'You may not create documents in this database' };
    return formAllows(access, next) ? { allowed: true } : { allowed: false, reason: `You may not create ${next.form} documents` };
  }
  if (next._deleted) {
    // What was submitted for approval stays, with its history, whoever may otherwise delete it.
    if (typeof current.form === 'string' && formByName(current.form)?.approval && isLockedForApproval(current)) {
      return { allowed: false, reason: 'A document submitted for approval cannot be deleted' };
    }
    return canDelete(access, current) ? { allowed: true } : { allowed: false, reason: 'You may not delete this document' };
  }
  if (!canEdit(access, current)) return { allowed: false, reason: 'You may not edit this document' };
  return formAllows(access, next) ? { allowed: true } : { allowed: false, reason: `You may not turn this document into a ${next.form} document` };
}
