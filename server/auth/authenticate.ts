import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { UserContext } from '../../design/user.js';
import { createError } from '../../engine/errors.js';
import type { Directory } from '../directory/directory.js';
import { readSessionCookie, setSessionCookie } from './session-cookie.js';
import type { OpenSession, SessionStore } from './sessions.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const CSRF_HEADER = 'X-CSRF-Token';

export interface AuthenticateOptions {
  readonly sessions: SessionStore;
  readonly directory: Directory;
  readonly now: () => number;
}

/**
 * In front of every route that needs a signed-in person: sets `res.locals.user` (UserContext)
 * and `res.locals.session`, or answers 401. A person who has left is refused on their next
 * request, whichever server it reaches (the directory is in memory and follows `names`). A
 * state-changing request must also carry the session's CSRF token in X-CSRF-Token, else 403:
 * the cookie alone does not prove that the request came from Guanxi's own pages.
 */
export function authenticate({ sessions, directory, now }: AuthenticateOptions): RequestHandler {
  return async (req, res, next) => {
    const token = readSessionCookie(req);
    if (!token) throw createError('unauthorized', 'Sign in first');
    const open = await sessions.find(token, now());
    if (!open) throw createError('unauthorized', 'The session has ended: sign in again');
    const user = directory.userContext(open.session.user);
    if (!user) throw createError('unauthorized', 'This person may no longer sign in');
    if (STATE_CHANGING.has(req.method) && !sameSecret(req.get(CSRF_HEADER), open.session.csrf)) {
      throw createError('forbidden', `A ${req.method} request needs the ${CSRF_HEADER} header that GET /api/session returns`);
    }
    if (await sessions.touch(open, now())) setSessionCookie(req, res, token);
    res.locals.user = user;
    res.locals.session = open;
    next();
  };
}

/** The person `authenticate` let through. */
export function signedInUser(res: Response): UserContext {
  return localOf<UserContext>(res, 'user');
}

export function openSession(res: Response): OpenSession {
  return localOf<OpenSession>(res, 'session');
}

function localOf<T>(res: Response, name: 'user' | 'session'): T {
  const value: unknown = res.locals[name];
  if (value === undefined) throw createError('internal', `No ${name}: the route is not behind authenticate`);
  return value as T;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(new Uint8Array(a), new Uint8Array(b));
}
