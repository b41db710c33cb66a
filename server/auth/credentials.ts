import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import type { Store } from '../store/store.js';
import { readLocal, updateLocal } from './local-docs.js';
import { afterFailure, isLockedOut, NO_FAILURES, type AttemptState } from './lockout.js';
import { hashPassword, spendVerifyTime, verifyPassword, type PasswordHash } from './password-hash.js';

/** A person's password and sign-in state, in `names` but never replicated (`_local`). */
export interface Credentials extends AttemptState {
  readonly password: PasswordHash;
  /** ISO time the password was last set. */
  readonly changedAt: string;
  /** The hashes of the person's session tokens: `_local` documents cannot be listed, so that is how they are all ended. */
  readonly sessions: readonly string[];
}

/** The sync gateway must never serve `_local` documents with these prefixes. */
export const CREDENTIALS_PREFIX = '_local/credentials-';

export function credentialsId(userName: string): string {
  return `${CREDENTIALS_PREFIX}${hexOfUtf8(userName)}`;
}

export function readCredentials(store: Store, userName: string): Promise<Credentials | undefined> {
  return readLocal<Credentials>(store.database('names').pouch, credentialsId(userName));
}

export function updateCredentials(store: Store, userName: string, change: (current: Credentials | undefined) => Credentials | undefined): Promise<Credentials | undefined> {
  return updateLocal(store.database('names').pouch, credentialsId(userName), change);
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
