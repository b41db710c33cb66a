/**
 * After FREE_ATTEMPTS failed sign-ins in a row, a name is locked for a minute, and for twice as
 * long after each further failure, up to an hour. Kept with the credentials in the store, so it
 * holds whichever server an attempt reaches.
 */
export const FREE_ATTEMPTS = 5;
export const FIRST_LOCK_MS = 60_000;
export const MAX_LOCK_MS = 3_600_000;

export interface AttemptState {
  readonly failedAttempts: number;
  /** ISO time; null when not locked. */
  readonly lockedUntil: string | null;
}

export function isLockedOut(state: AttemptState, now: number): boolean {
  return state.lockedUntil !== null && Date.parse(state.lockedUntil) > now;
}

export function afterFailure(state: AttemptState, now: number): AttemptState {
  const failedAttempts = state.failedAttempts + 1;
  if (failedAttempts < FREE_ATTEMPTS) return { failedAttempts, lockedUntil: null };
  const lockMs = Math.min(FIRST_LOCK_MS * 2 ** (failedAttempts - FREE_ATTEMPTS), MAX_LOCK_MS);
  return { failedAttempts, lockedUntil: new Date(now + lockMs).toISOString() };
}

export const NO_FAILURES: AttemptState = { failedAttempts: 0, lockedUntil: null };
