import type { AccessLevel, AclEntry } from '../../design/access/acl.js';
import { aclDocId, groupDocId, personDocId } from '../../design/access/directory-ids.js';
import type { DbName } from '../../design/databases.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { createError } from '../../engine/errors.js';
import type { Database, StoredDoc } from '../store/store.js';
import { defaultAclDoc } from './default-acls.js';

// The administrator's edits of the directory, as the command line makes them: each reads the
// document, changes it and saves it through the store, so that the forms' validation runs.

export interface PersonFields {
  readonly department?: string;
  readonly title?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly roles?: readonly string[];
}

export const ADMIN_ROLE = '[Admin]';

/** Creates the person, or updates the fields given; a person who left stays left. */
export function savePerson(names: Database, name: string, fields: PersonFields, ctx: SaveContext): Promise<StoredDoc> {
  const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return edit(names, personDocId(name), (current) => ({ status: 'active', ...current, form: 'Person', name, ...given }), ctx);
}

/** Creates the person, or makes them active again, with the administrator's role besides their own. */
export function saveAdministrator(names: Database, name: string, ctx: SaveContext): Promise<StoredDoc> {
  return edit(names, personDocId(name), (current) => {
    const roles = Array.isArray(current?.roles) ? current.roles.map(String) : [];
    return { ...current, form: 'Person', name, status: 'active', roles: [...new Set([...roles, ADMIN_ROLE])] };
  }, ctx);
}

/** Someone who leaves stays in the directory: what they wrote keeps naming them. */
export function markLeft(names: Database, name: string, ctx: SaveContext): Promise<StoredDoc> {
  return edit(names, personDocId(name), (current) => {
    if (!current) throw noSuchPerson(name);
    return { ...current, status: 'left' };
  }, ctx);
}

export async function requirePerson(names: Database, name: string): Promise<StoredDoc> {
  const person = await read(names, personDocId(name));
  if (!person) throw noSuchPerson(name);
  return person;
}

function noSuchPerson(name: string) {
  return createError('not_found', `No person ${JSON.stringify(name)} in the directory`);
}

/** Sets a person's or group's entry in a database's ACL; the roles, when given, replace theirs. */
export function setAclEntry(names: Database, db: DbName, entry: Pick<AclEntry, 'name' | 'level' | 'roles'>, ctx: SaveContext): Promise<StoredDoc> {
  return editAcl(names, db, (acl) => {
    const entries = (acl.entries ?? []) as AclEntry[];
    const current = entries.find((e) => e.name === entry.name);
    const updated = { ...current, name: entry.name, level: entry.level, ...(entry.roles ? { roles: [...entry.roles] } : {}) };
    return { ...acl, entries: current ? entries.map((e) => (e === current ? updated : e)) : [...entries, updated] };
  }, ctx);
}

export function setAclDefault(names: Database, db: DbName, level: AccessLevel, ctx: SaveContext): Promise<StoredDoc> {
  return editAcl(names, db, (acl) => ({ ...acl, defaultLevel: level }), ctx);
}

/** Creates the group, or adds the members it does not have yet. */
export function addGroupMembers(names: Database, group: string, members: readonly string[], ctx: SaveContext): Promise<StoredDoc> {
  return edit(names, groupDocId(group), (current) => {
    const had = Array.isArray(current?.members) ? current.members.map(String) : [];
    return { ...current, form: 'Group', name: group, members: [...new Set([...had, ...members])] };
  }, ctx);
}

/** A database without an ACL document yet starts from the defaults (default-acls.ts). */
function editAcl(names: Database, db: DbName, change: (acl: Doc) => Doc, ctx: SaveContext): Promise<StoredDoc> {
  return edit(names, aclDocId(db), (current) => change(current ?? defaultAclDoc(db)), ctx);
}

async function edit(names: Database, id: string, change: (current: StoredDoc | undefined) => Doc, ctx: SaveContext): Promise<StoredDoc> {
  return names.save({ ...change(await read(names, id)), _id: id }, ctx);
}

async function read(names: Database, id: string): Promise<StoredDoc | undefined> {
  return (await names.find(id)) ?? undefined;
}
