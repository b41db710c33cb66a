import { ACCESS_LEVELS, DEFAULT_ENTRY_NAME, type AccessLevel, type Acl, type AclEntry, type Group, type Person } from '../../design/access/acl.js';
import { isDbName } from '../../design/databases.js';
import type { Doc } from '../../design/form.js';

/** What one document of `names` contributes to the directory. */
export type DirectoryRecord =
  | { readonly kind: 'person'; readonly person: Person }
  | { readonly kind: 'group'; readonly group: Group }
  | { readonly kind: 'acl'; readonly acl: Acl };

/**
 * The directory's reading of a stored document; null for documents of other forms. Validation
 * has checked the shapes on save; this only refuses to let a malformed one grant anything.
 */
export function readDirectoryDoc(doc: Doc): DirectoryRecord | null {
  if (typeof doc.name === 'string' && doc.form === 'Person') {
    return { kind: 'person', person: { name: doc.name, roles: strings(doc.roles), status: doc.status === 'active' ? 'active' : 'left' } };
  }
  if (typeof doc.name === 'string' && doc.form === 'Group') {
    return { kind: 'group', group: { name: doc.name, members: strings(doc.members) } };
  }
  if (doc.form === 'ACL' && typeof doc.db === 'string' && isDbName(doc.db)) {
    const entries = Array.isArray(doc.entries) ? doc.entries.flatMap(aclEntry) : [];
    return { kind: 'acl', acl: { db: doc.db, defaultEntry: { name: DEFAULT_ENTRY_NAME, level: level(doc.defaultLevel) }, entries } };
  }
  return null;
}

function aclEntry(value: unknown): AclEntry[] {
  if (value === null || typeof value !== 'object') return [];
  const { name, level: given, roles, canCreate, canDelete } = value as Record<string, unknown>;
  if (typeof name !== 'string') return [];
  return [{
    name,
    level: level(given),
    roles: strings(roles),
    ...(typeof canCreate === 'boolean' ? { canCreate } : {}),
    ...(typeof canDelete === 'boolean' ? { canDelete } : {}),
  }];
}

function level(value: unknown): AccessLevel {
  return ACCESS_LEVELS.includes(value as AccessLevel) ? (value as AccessLevel) : 'noAccess';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
