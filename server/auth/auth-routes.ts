import { Router, type Request, type RequestHandler } from 'express';
import { createError } from '../../engine/errors.js';
import type { Directory } from '../directory/directory.js';
import type { Store } from '../store/store.js';
import { openSession, signedInUser } from './authenticate.js';
import { checkPassword, setPassword } from './credentials.js';
import { checkNewPassword, MAX_PASSWORD_LENGTH } from './password-policy.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import type { SessionStore } from './sessions.js';

/** One answer for an unknown name, a wrong password and a locked name: nothing tells them apart. */
export const SIGN_IN_REFUSED = 'Wrong name or password, or too many failed attempts: try again later';

export interface AuthRoutesOptions {
  readonly store: Store;
  readonly sessions: SessionStore;
  readonly directory: Directory;
  readonly authenticate: RequestHandler;
  readonly now: () => number;
}

/** Sign-in, sign-out and passwords, under /api. */
export function authRoutes({ store, sessions, directory, authenticate, now }: AuthRoutesOptions): Router {
  const router = Router();

  router.post('/session', async (req, res) => {
    const name = bodyString(req, 'name').trim();
    const password = bodyString(req, 'password');
    // A person who left, or is not in the directory, is checked like anyone else and refused alike.
    const passed = password.length <= MAX_PASSWORD_LENGTH && (await checkPassword(store, name, password, now()));
    const user = directory.userContext(name);
    if (!passed || !user) throw createError('unauthorized', SIGN_IN_REFUSED);
    const { token, session } = await sessions.start(name, now());
    setSessionCookie(req, res, token);
    res.json({ user, csrf: session.session.csrf });
  });

  router.get('/session', authenticate, (_req, res) => {
    res.json({ user: signedInUser(res), csrf: openSession(res).session.csrf });
  });

  router.delete('/session', authenticate, async (req, res) => {
    await sessions.end(openSession(res));
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  /** Changing one's password ends one's other sessions: a stolen session does not outlive it. */
  router.post('/session/password', authenticate, async (req, res) => {
    const { name } = signedInUser(res);
    const oldPassword = bodyString(req, 'oldPassword');
    const newPassword = bodyString(req, 'newPassword');
    checkNewPassword(newPassword, name);
    if (!(await checkPassword(store, name, oldPassword, now()))) {
      throw createError('forbidden', 'The current password is wrong, or there were too many failed attempts: try again later');
    }
    await setPassword(store, name, newPassword, now());
    await sessions.endAll(name, openSession(res));
    res.status(204).end();
  });

  router.post('/people/:name/password', authenticate, async (req, res) => {
    if (directory.accessFor(signedInUser(res).name, 'names').level !== 'manager') {
      throw createError('forbidden', 'Only Managers of the directory (names) may reset passwords');
    }
    const name = String(req.params.name);
    if (!directory.person(name)) throw createError('not_found', `No person ${JSON.stringify(name)} in the directory`);
    const newPassword = bodyString(req, 'newPassword');
    checkNewPassword(newPassword, name);
    await setPassword(store, name, newPassword, now());
    await sessions.endAll(name);
    res.status(204).end();
  });

  return router;
}

export function bodyString(req: Request, key: string): string {
  const body: unknown = req.body;
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  if (typeof value !== 'string') throw createError('bad_request', `The body must be a JSON object with a string "${key}"`);
  return value;
}
