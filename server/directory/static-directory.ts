import { createHash } from 'node:crypto';
import { groupsOf, resolveAccess, type Access, type Acl, type Group, type Person } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import type { UserContext } from '../../design/user.js';
import type { Directory } from './directory.js';

export interface DirectoryContents {
  readonly people?: readonly Person[];
  readonly groups?: readonly Group[];
  readonly acls?: readonly Acl[];
}

/**
 * A directory that does not change: what StoreDirectory answers from between two changes of
 * `names`, and what tests can hand to the app.
 */
export class StaticDirectory implements Directory {
  private readonly people: ReadonlyMap<string, Person>;
  private readonly groups: ReadonlyMap<string, Group>;
  private readonly acls: ReadonlyMap<DbName, Acl>;
  /** Asked for every document a request touches: nested groups are resolved once per person and database. */
  private readonly resolved = new Map<string, Access>();

  constructor({ people = [], groups = [], acls = [] }: DirectoryContents = {}) {
    this.people = new Map(people.map((person) => [person.name, person]));
    this.groups = new Map(groups.map((group) => [group.name, group]));
    this.acls = new Map(acls.map((acl) => [acl.db, acl]));
  }

  accessFor(userName: string, db: DbName): Access {
    // Only people in the directory are remembered, so that arbitrary names cannot grow the cache.
    if (!this.people.has(userName)) return resolveAccess(userName, this.people, this.groups, this.acls.get(db));
    const key = `${db}\n${userName}`;
    let access = this.resolved.get(key);
    if (!access) this.resolved.set(key, (access = resolveAccess(userName, this.people, this.groups, this.acls.get(db))));
    return access;
  }

  accessEpoch(userName: string, db: DbName): string {
    const { level, names, canCreate, canDelete } = this.accessFor(userName, db);
    const status = this.people.get(userName)?.status ?? 'absent';
    const state = JSON.stringify([level, [...names].sort(), canCreate, canDelete, status]);
    return createHash('sha256').update(state).digest('base64url').slice(0, 16);
  }

  person(userName: string): Person | undefined {
    return this.people.get(userName);
  }

  userContext(userName: string): UserContext | undefined {
    const person = this.people.get(userName);
    if (!person || person.status === 'left') return undefined;
    return { name: userName, roles: [...new Set([...(person.roles ?? []), ...groupsOf(userName, this.groups)])].sort() };
  }

  /** Nobody leaves a directory that does not change. */
  onLeave(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {}
}
