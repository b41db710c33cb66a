import type { AccessLevel, AclEntry } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import { createError, GuanxiError } from '../../engine/errors.js';
import { readAdminToken, type AdminTokenFile } from '../admin/admin-token.js';
import { listAcls, listPeople, type AclListing, type GroupListing, type PersonListing } from '../admin/directory-listing.js';
import { setPassword } from '../auth/credentials.js';
import { SessionStore } from '../auth/sessions.js';
import { addGroupMembers, markLeft, requirePerson, savePerson, setAclDefault, setAclEntry, type PersonFields } from '../directory/directory-edits.js';
import type { Config } from '../config.js';
import { makeAdministrator } from '../setup/make-administrator.js';
import type { Store } from '../store/store.js';
import { adminSaveContext } from './directory-args.js';
import { withStore } from './with-store.js';

type EntryChange = Pick<AclEntry, 'name' | 'level' | 'roles'>;

/** What the directory commands do, on the store itself or through the running server. */
export interface DirectoryAdmin {
  savePerson(name: string, fields: PersonFields): Promise<{ status: string }>;
  setPassword(name: string, password: string): Promise<void>;
  leave(name: string): Promise<void>;
  makeAdministrator(name: string, password: string): Promise<void>;
  setAclEntry(db: DbName, entry: EntryChange): Promise<void>;
  setAclDefault(db: DbName, level: AccessLevel): Promise<void>;
  addGroupMembers(group: string, members: readonly string[]): Promise<readonly string[]>;
  people(): Promise<PersonListing[]>;
  acls(dbs?: readonly DbName[]): Promise<AclListing[]>;
}

/**
 * Runs `work` through the server that holds the embedded store when one is running (it left its
 * address and token in the data directory), else on the store opened here, as before.
 */
export async function withDirectoryAdmin<T>(config: Config, work: (admin: DirectoryAdmin) => Promise<T>): Promise<T> {
  const file = config.couchdbUrl ? null : await readAdminToken(config.dataDir);
  if (file && (await answers(file))) return work(overHttp(file));
  return withStore(config, (store) => work(onStore(store)));
}

function onStore(store: Store): DirectoryAdmin {
  const names = store.database('names');
  return {
    savePerson: async (name, fields) => ({ status: String((await savePerson(names, name, fields, adminSaveContext())).status) }),
    async setPassword(name, password) {
      await requirePerson(names, name);
      await setPassword(store, name, password, Date.now());
      await new SessionStore(store).endAll(name);
    },
    async leave(name) {
      await markLeft(names, name, adminSaveContext());
      await new SessionStore(store).endAll(name);
    },
    makeAdministrator: (name, password) => makeAdministrator(store, name, password, adminSaveContext()),
    setAclEntry: async (db, entry) => void (await setAclEntry(names, db, entry, adminSaveContext())),
    setAclDefault: async (db, level) => void (await setAclDefault(names, db, level, adminSaveContext())),
    addGroupMembers: async (group, members) => (await addGroupMembers(names, group, members, adminSaveContext())).members as string[],
    people: () => listPeople(store, Date.now()),
    acls: (dbs) => listAcls(store, dbs),
  };
}

function overHttp(file: AdminTokenFile): DirectoryAdmin {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${file.url}/api/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${file.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const answer = (text ? JSON.parse(text) : null) as { error?: string; reason?: string } | null;
    if (!response.ok) throw new GuanxiError(response.status === 404 ? 'not_found' : response.status === 403 ? 'forbidden' : 'bad_request', answer?.reason ?? response.statusText);
    return answer as T;
  };
  const person = (name: string, action = '') => `/people/${encodeURIComponent(name)}${action}`;
  const directory = () => call<{ people: PersonListing[]; groups: GroupListing[]; acls: AclListing[] }>('GET', '/directory');
  const changeAcl = async (db: DbName, change: (acl: AclListing) => AclListing) => {
    const acl = (await directory()).acls.find((a) => a.db === db);
    if (!acl) throw createError('not_found', `No access control list of ${db}`);
    const { defaultLevel, entries } = change(acl);
    await call('PUT', `/acls/${db}`, { defaultLevel, entries });
  };
  return {
    savePerson: (name, fields) => call<{ status: string }>('PUT', person(name), fields),
    setPassword: (name, newPassword) => call('POST', person(name, '/password'), { newPassword }),
    leave: (name) => call('POST', person(name, '/leave')),
    makeAdministrator: (name, password) => call('POST', `/administrators/${encodeURIComponent(name)}`, { password }),
    setAclEntry: (db, entry) => changeAcl(db, (acl) => {
      const current = acl.entries.find((e) => e.name === entry.name);
      const updated = { ...current, name: entry.name, level: entry.level, roles: [...(entry.roles ?? current?.roles ?? [])] };
      return { ...acl, entries: current ? acl.entries.map((e) => (e === current ? updated : e)) : [...acl.entries, updated] };
    }),
    setAclDefault: (db, level) => changeAcl(db, (acl) => ({ ...acl, defaultLevel: level })),
    async addGroupMembers(group, members) {
      const had = (await directory()).groups.find((g) => g.name === group)?.members ?? [];
      return (await call<{ members: string[] }>('PUT', `/groups/${encodeURIComponent(group)}`, { members: [...new Set([...had, ...members])] })).members;
    },
    people: async () => (await directory()).people,
    acls: async (dbs) => (await directory()).acls.filter((acl) => !dbs || dbs.includes(acl.db)),
  };
}

/** A token file left by a server that has since stopped (killed, say) leads nowhere: the store is then opened here. */
async function answers(file: AdminTokenFile): Promise<boolean> {
  try {
    const response = await fetch(`${file.url}/api/admin/directory`, { headers: { authorization: `Bearer ${file.token}` }, signal: AbortSignal.timeout(3000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
