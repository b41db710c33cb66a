import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import type { Legacy } from '../store/server-docs.js';
import type { Store } from '../store/store.js';
import { afterFailure, isLockedOut, NO_FAILURES, type AttemptState } from './lockout.js';
import { hashPassword, spendVerifyTime, verifyPassword, type PasswordHash } from './password-hash.js';

/** A person's password and sign-in state, in the servers' own database (never replicated). */
export interface Credentials extends AttemptState {
  readonly password: PasswordHash;
  /** ISO time the password was last set. */
  readonly changedAt: string;
  /** The hashes of the person's session tokens, so that they can all be ended. */
  readonly sessions: readonly string[];
}

export function credentialsId(userName: string): string {
  return `credentials-${hexOfUtf8(userName)}`;
}

/** Where credentials were kept before they moved to the servers' database; read until first rewritten. */
function legacy(store: Store, userName: string): Legacy {
  return { pouch: store.database('names').pouch, id: `_local/credentials-${hexOfUtf8(userName)}` };
}

export function readCredentials(store: Store, userName: string): Promise<Credentials | undefined> {
  return store.serverDocs.read<Credentials>(credentialsId(userName), legacy(store, userName));
}

export function updateCredentials(store: Store, userName: string, change: (current: Credentials | undefined) => Credentials | undefined): Promise<Credentials | undefined> {
  return store.serverDocs.update(credentialsId(userName), change, legacy(store, userName));
}

/** Sets a new password and lifts any lockout; the person's sessions are left to the caller. */
export async function setPassword(store: Store, userName: string, password: string, now: number): Promise<void> {
  const hash = await hashPassword(password);
  await updateCredentials(store, userName, (current) => ({
    ...NO_FAILURES, password: hash, changedAt: new Date(now).toISOString(), sessions: current?.sessions ?? [],
  }));
}

/**
 * One sign-in attempt. The attempt is counted as a failure before the password is checked, so
 * that parallel guesses (on one server or several) are serialised by the store and cannot get
 * past the lockout; a right password then clears the count. A locked-out or unknown name takes
 * as long as a wrong password, and answers the same.
 */
export async function checkPassword(store: Store, userName: string, password: string, now: number): Promise<boolean> {
  let counted = false;
  const credentials = await updateCredentials(store, userName, (current) => {
    counted = current !== undefined && !isLockedOut(current, now);
    return current && counted ? { ...current, ...afterFailure(current, now) } : undefined;
  });
  if (!credentials || !counted) {
    await spendVerifyTime(password);
    return false;
  }
  if (!(await verifyPassword(password, credentials.password))) return false;
  await updateCredentials(store, userName, (current) => current && { ...current, ...NO_FAILURES });
  return true;
}
