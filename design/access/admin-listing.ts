import type { DbName } from '../databases.js';
import type { AccessLevel } from './acl.js';

// The directory as the administration screens receive it from /api/admin (server/admin), and the
// command line from the same routes: shapes both ends import.

/** A person as the administration screens show them; never a password hash. */
export interface PersonListing {
  readonly name: string;
  readonly department?: string;
  readonly title?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly roles: readonly string[];
  readonly status: 'active' | 'left';
  readonly hasPassword: boolean;
  /** ISO time, while locked out after failed sign-ins. */
  readonly lockedUntil: string | null;
}

export interface GroupListing {
  readonly name: string;
  readonly members: readonly string[];
  readonly description?: string;
  /** The department's head, whom approval routes ask. */
  readonly head?: readonly string[];
}

export interface AclEntryListing {
  readonly name: string;
  readonly level: AccessLevel;
  readonly roles: readonly string[];
  readonly canCreate?: boolean;
  readonly canDelete?: boolean;
}

export interface AclListing {
  readonly db: DbName;
  readonly defaultLevel: AccessLevel;
  readonly entries: readonly AclEntryListing[];
}

/** One change an administrator made: who, when, what, to whom. */
export interface AdminLogEntry {
  readonly at: string;
  readonly by: string;
  /** What was done, e.g. `person.save`, `acl.save`, `person.password`. */
  readonly action: string;
  /** The person, group or database it was done to. */
  readonly target: string;
  /** What changed, for people to read; never a password. */
  readonly detail?: string;
}

export interface AdminDirectory {
  readonly people: readonly PersonListing[];
  readonly groups: readonly GroupListing[];
  readonly acls: readonly AclListing[];
  /** The databases the asker manages: the directory's people and groups come only with `names`. */
  readonly managerOf: readonly DbName[];
}
