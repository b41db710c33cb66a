import { setTimeout as delay } from 'node:timers/promises';
import { Router } from 'express';
import { createError } from '../../engine/errors.js';
import type { Directory } from '../directory/directory.js';
import { bodyString } from '../auth/auth-routes.js';
import { setSessionCookie } from '../auth/session-cookie.js';
import { SessionStore } from '../auth/sessions.js';
import type { Store } from '../store/store.js';
import type { FirstSetup } from './first-setup.js';

/** How long the new administrator's sign-in waits for the directory, which follows `names`, to know them. */
const DIRECTORY_WAIT_MS = 5000;

/**
 * `GET /api/setup` — `{needed}`: whether the first administrator is still to be made.
 * `POST /api/setup {token, name, password}` — makes them and signs them in, as POST /api/session does.
 */
export function setupRoutes({ store, directory, setup, now }: { store: Store; directory: Directory; setup?: FirstSetup; now: () => number }): Router {
  const router = Router();
  const sessions = new SessionStore(store);

  router.get('/setup', async (_req, res) => {
    res.json({ needed: (await setup?.needed()) ?? false });
  });

  router.post('/setup', async (req, res) => {
    if (!setup) throw createError('conflict', 'Guanxi is already set up: sign in as its administrator');
    const [token, name, password] = ['token', 'name', 'password'].map((key) => bodyString(req, key)) as [string, string, string];
    await setup.complete(token, name, password, new Date(now()).toISOString());
    const user = await signedInOnceKnown(directory, name.trim());
    const { token: cookie, session } = await sessions.start(user.name, now());
    setSessionCookie(req, res, cookie);
    res.json({ user, csrf: session.session.csrf });
  });

  return router;
}

async function signedInOnceKnown(directory: Directory, name: string) {
  for (const started = Date.now(); Date.now() - started < DIRECTORY_WAIT_MS; await delay(20)) {
    const user = directory.userContext(name);
    if (user) return user;
  }
  throw createError('unavailable', 'The administrator is made, but this server has not read the directory yet: sign in in a moment');
}
