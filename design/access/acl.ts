import type { DbName } from '../databases.js';

/** Notes access levels, lowest first. */
export const ACCESS_LEVELS = ['noAccess', 'depositor', 'reader', 'author', 'editor', 'designer', 'manager'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export function levelAtLeast(level: AccessLevel, minimum: AccessLevel): boolean {
  return ACCESS_LEVELS.indexOf(level) >= ACCESS_LEVELS.indexOf(minimum);
}

/** A role as ACL entries, people and `readers`/`authors` name it: `[Sales]`. */
const ROLE = /^\[[^[\]\s][^[\]]*\]$/;

export function isRoleName(name: string): boolean {
  return ROLE.test(name);
}

/** The name of an ACL's default entry, as Notes shows it. */
export const DEFAULT_ENTRY_NAME = '-Default-';

/** One line of a database's access control list: a person, a group, or the default. */
export interface AclEntry {
  readonly name: string;
  readonly level: AccessLevel;
  /** Roles such as `[Sales]` that this entry gives in this database. */
  readonly roles?: readonly string[];
  /** Authors may create documents unless this is false (Notes' "Create documents"). */
  readonly canCreate?: boolean;
  /** Authors may delete the documents they may edit unless this is false (Notes' "Delete documents"). */
  readonly canDelete?: boolean;
}

/** The access control list of one database, stored in `names` as an `ACL` document. */
export interface Acl {
  readonly db: DbName;
  readonly defaultEntry: AclEntry;
  readonly entries: readonly AclEntry[];
}

export interface Person {
  readonly name: string;
  readonly roles?: readonly string[];
  readonly status?: 'active' | 'left';
}

export interface Group {
  readonly name: string;
  readonly members: readonly string[];
}

/** What one person may do in one database, worked out from the directory. */
export interface Access {
  readonly user: string;
  readonly level: AccessLevel;
  /** The user's name, every group that includes them (nested), and their roles: what `readers`/`authors` may name. */
  readonly names: ReadonlySet<string>;
  readonly roles: readonly string[];
  readonly canCreate: boolean;
  readonly canDelete: boolean;
}

const NO_ACCESS: AclEntry = { name: DEFAULT_ENTRY_NAME, level: 'noAccess' };

/**
 * Notes rules: a person's own entry wins; otherwise the highest of the entries of the groups that
 * include them (roles and rights from all of those); otherwise the default entry. Someone who has
 * left the company, or is not in the directory, has no access.
 */
export function resolveAccess(userName: string, people: ReadonlyMap<string, Person>, groups: ReadonlyMap<string, Group>, acl: Acl | undefined): Access {
  const person = people.get(userName);
  const memberOf = groupsOf(userName, groups);
  if (!person || person.status === 'left' || !acl) return accessFrom(userName, [NO_ACCESS], memberOf, []);
  const own = acl.entries.find((entry) => entry.name === userName);
  const viaGroups = acl.entries.filter((entry) => memberOf.has(entry.name));
  const entries = own ? [own] : viaGroups.length > 0 ? viaGroups : [acl.defaultEntry];
  return accessFrom(userName, entries, memberOf, person.roles ?? []);
}

function accessFrom(user: string, entries: readonly AclEntry[], memberOf: ReadonlySet<string>, personRoles: readonly string[]): Access {
  const level = entries.reduce<AccessLevel>((best, e) => (levelAtLeast(e.level, best) ? e.level : best), 'noAccess');
  const roles = [...new Set([...personRoles, ...entries.flatMap((e) => e.roles ?? [])])].sort();
  const atBest = entries.filter((e) => e.level === level);
  return {
    user,
    level,
    names: new Set([user, ...memberOf, ...roles]),
    roles,
    // Readers read only; Depositors and Authors create unless their entry says no.
    canCreate: levelAtLeast(level, 'editor') || ((level === 'depositor' || level === 'author') && atBest.some((e) => e.canCreate !== false)),
    canDelete: levelAtLeast(level, 'editor') || (level === 'author' && atBest.some((e) => e.canDelete !== false)),
  };
}

/** Every group that includes the user, directly or through other groups. */
export function groupsOf(userName: string, groups: ReadonlyMap<string, Group>): Set<string> {
  const found = new Set<string>();
  let frontier = [userName];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const group of groups.values()) {
      if (!found.has(group.name) && group.members.some((m) => frontier.includes(m))) {
        found.add(group.name);
        next.push(group.name);
      }
    }
    frontier = next;
  }
  return found;
}
