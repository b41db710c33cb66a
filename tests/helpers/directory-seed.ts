import type { AccessLevel } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import { SERVER_USER } from '../../design/user.js';
import { setPassword } from '../../server/auth/credentials.js';
import type { Directory } from '../../server/directory/directory.js';
import { addGroupMembers, savePerson, setAclEntry } from '../../server/directory/directory-edits.js';
import type { Store } from '../../server/store/store.js';
import { expectEventually } from './expect-eventually.js';

export interface PersonSeed {
  readonly name: string;
  readonly password?: string;
  readonly roles?: readonly string[];
  /** Their own ACL entries. */
  readonly access?: Partial<Record<DbName, AccessLevel>>;
}

export const SEED_CTX = { now: '2026-03-01T08:00:00.000Z', user: SERVER_USER };

/**
 * Puts people (with passwords and ACL entries) and groups into the store's directory, and waits
 * until `directory`, which follows the store's changes, has them all.
 */
export async function seedDirectory(store: Store, directory: Directory, people: readonly PersonSeed[], groups: Record<string, readonly string[]> = {}): Promise<void> {
  const names = store.database('names');
  for (const { name, password, roles, access = {} } of people) {
    await savePerson(names, name, { roles }, SEED_CTX);
    for (const [db, level] of Object.entries(access)) await setAclEntry(names, db as DbName, { name, level }, SEED_CTX);
    if (password) await setPassword(store, name, password, Date.parse(SEED_CTX.now));
  }
  for (const [group, members] of Object.entries(groups)) await addGroupMembers(names, group, members, SEED_CTX);
  await expectEventually(() => people.every(({ name, access = {} }) =>
    directory.userContext(name) !== undefined
    && Object.entries(access).every(([db, level]) => directory.accessFor(name, db as DbName).level === level)
    && Object.entries(groups).every(([group, members]) => !members.includes(name) || directory.userContext(name)!.roles.includes(group))));
}
