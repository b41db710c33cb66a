import type { AccessLevel } from '../../design/access/acl.js';
import type { AclEntryListing, AclListing, GroupListing, PersonListing } from '../../design/access/admin-listing.js';
import { aclDocId } from '../../design/access/directory-ids.js';
import { DB_NAMES, type DbName } from '../../design/databases.js';
import { readCredentials } from '../auth/credentials.js';
import { isLockedOut } from '../auth/lockout.js';
import type { Store } from '../store/store.js';

type Row = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

async function docsWithPrefix(store: Store, prefix: string): Promise<Row[]> {
  const { rows } = await store.database('names').pouch.allDocs({ startkey: prefix, endkey: `${prefix}\uffff`, include_docs: true });
  return rows.flatMap((row) => (row.doc ? [row.doc as unknown as Row] : []));
}

/** Everyone in the directory, by name in pinyin order (zh-CN collation), with their sign-in state. */
export async function listPeople(store: Store, now: number): Promise<PersonListing[]> {
  const docs = (await docsWithPrefix(store, 'person-')).filter((doc) => doc.form === 'Person' && typeof doc.name === 'string');
  const people = await Promise.all(docs.map(async (doc): Promise<PersonListing> => {
    const credentials = await readCredentials(store, String(doc.name));
    const fields = Object.fromEntries((['department', 'title', 'email', 'phone'] as const).flatMap((key) => (text(doc[key]) ? [[key, text(doc[key])]] : [])));
    return {
      name: String(doc.name), ...fields, roles: strings(doc.roles), status: doc.status === 'left' ? 'left' : 'active',
      hasPassword: credentials !== undefined,
      lockedUntil: credentials && isLockedOut(credentials, now) ? credentials.lockedUntil : null,
    };
  }));
  return people.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export async function listGroups(store: Store): Promise<GroupListing[]> {
  const docs = (await docsWithPrefix(store, 'group-')).filter((doc) => doc.form === 'Group' && typeof doc.name === 'string');
  return docs
    .map((doc) => ({
      name: String(doc.name), members: strings(doc.members), ...(text(doc.description) ? { description: text(doc.description)! } : {}),
      ...(strings(doc.head).length > 0 ? { head: strings(doc.head) } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The ACLs of the databases asked for, in the order of DB_NAMES. */
export async function listAcls(store: Store, dbs: readonly DbName[] = DB_NAMES): Promise<AclListing[]> {
  const names = store.database('names');
  const acls = await Promise.all(dbs.map(async (db) => {
    const doc = (await names.find(aclDocId(db))) as Row | null;
    const entries = Array.isArray(doc?.entries) ? (doc.entries as Row[]) : [];
    return {
      db,
      defaultLevel: (doc?.defaultLevel ?? 'noAccess') as AccessLevel,
      entries: entries.map((e) => ({
        name: String(e.name), level: e.level as AccessLevel, roles: strings(e.roles),
        ...(typeof e.canCreate === 'boolean' ? { canCreate: e.canCreate } : {}),
        ...(typeof e.canDelete === 'boolean' ? { canDelete: e.canDelete } : {}),
      })),
    };
  }));
  return acls;
}

export type { AclEntryListing, AclListing, GroupListing, PersonListing };
