import type { Access, Person } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import type { UserContext } from '../../design/user.js';

/**
 * The directory as the rest of the server sees it: who may do what in which database. Kept in
 * memory and current by following the `names` database's changes, so that a change of roles,
 * groups, ACL or a person leaving takes effect at once on every server of the same store.
 */
export interface Directory {
  /** The user's access to a database now (noAccess for unknown people and people who left). */
  accessFor(userName: string, db: DbName): Access;
  /**
   * A short string that changes whenever the user's access to the database may have changed
   * (their roles, their groups, the ACL, their status). The sync gateway restarts a workstation's
   * feed from the beginning when it changes, so grants and revocations by role converge.
   */
  accessEpoch(userName: string, db: DbName): string;
  /** The person of that name, whether active or left; undefined when there is none. */
  person(userName: string): Person | undefined;
  /** Who a signed-in person is to saves and `readers`; undefined for people unknown or who left. */
  userContext(userName: string): UserContext | undefined;
  /** Calls `listener` when an active person is marked left or removed; returns the unsubscribe. */
  onLeave(listener: (userName: string) => void): () => void;
  close(): Promise<void>;
}
