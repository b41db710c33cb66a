import type { AccessLevel } from '../../design/access/acl.js';
import { aclDocId } from '../../design/access/directory-ids.js';
import { DB_NAMES, type DbName } from '../../design/databases.js';
import type { Doc, SaveContext } from '../../design/form.js';
import type { Database } from '../store/store.js';

/**
 * What everyone signed in (the default entry) may do in each database until an administrator
 * changes it: the forum is the whole company's, so is the library to read, and everyone files
 * requests, expense claims and reports in the office (each read only by its filer and route);
 * customer records and the directory are given person by person.
 */
export const DEFAULT_LEVELS: Readonly<Record<DbName, AccessLevel>> = {
  names: 'noAccess',
  crm: 'noAccess',
  discussion: 'author',
  library: 'reader',
  office: 'author',
};

/** A database's ACL as it is first created. */
export function defaultAclDoc(db: DbName): Doc {
  return { _id: aclDocId(db), form: 'ACL', db, defaultLevel: DEFAULT_LEVELS[db], entries: [] };
}

/**
 * Creates the ACL of each database that has none yet, with the defaults; an ACL that exists is
 * left as its Managers made it. Another server creating the same one meanwhile is no error.
 */
export async function ensureDefaultAcls(names: Database, ctx: SaveContext): Promise<DbName[]> {
  const created: DbName[] = [];
  for (const db of DB_NAMES) {
    if (await names.find(aclDocId(db))) continue;
    try {
      await names.save(defaultAclDoc(db), ctx);
      created.push(db);
    } catch (error) {
      if ((error as { status?: number }).status !== 409) throw error;
    }
  }
  return created;
}
