import { createError } from '../../engine/errors.js';

export const MIN_PASSWORD_LENGTH = 8;
/** scrypt takes any length; a limit keeps a request from making it hash megabytes. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Refuses, with a reason the person can act on, a password that is easy to guess. */
export function checkNewPassword(password: string, userName: string): void {
  const problem = passwordProblem(password, userName);
  if (problem) throw createError('bad_request', problem);
}

function passwordProblem(password: string, userName: string): string | null {
  const characters = [...password.normalize('NFKC')];
  if (characters.length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `A password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  const name = userName.toLowerCase().replace(/\s+/g, '');
  if (name.length >= 3 ? password.toLowerCase().includes(name) : password.toLowerCase() === name) return 'A password must not contain the user name';
  if (new Set(characters).size < 4) return 'A password needs at least 4 different characters';
  return null;
}
