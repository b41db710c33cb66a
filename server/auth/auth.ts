import type { RequestHandler, Router } from 'express';
import type { Directory } from '../directory/directory.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { authRoutes } from './auth-routes.js';
import { authenticate } from './authenticate.js';
import { SessionStore } from './sessions.js';

export interface AuthOptions {
  readonly store: Store;
  readonly directory: Directory;
  readonly logger: Logger;
  /** The clock of sessions and lockouts, in milliseconds; tests inject their own. */
  readonly now?: () => number;
}

export interface Auth {
  /** Put in front of every route that needs a signed-in person (see authenticate.ts). */
  readonly authenticate: RequestHandler;
  /** /session and /people/:name/password, to mount under /api. */
  readonly routes: Router;
}

export function createAuth({ store, directory, logger, now = Date.now }: AuthOptions): Auth {
  const sessions = new SessionStore(store);
  // Every server of the store hears of it and ends the sessions; ending them twice is harmless.
  // Refusing a left person's requests does not wait for this: authenticate checks the directory.
  directory.onLeave((userName) => {
    sessions.endAll(userName).catch((error: unknown) => logger.error({ err: error, user: userName }, 'could not end the sessions of a person who left'));
  });
  const guard = authenticate({ sessions, directory, now });
  return { authenticate: guard, routes: authRoutes({ store, sessions, directory, authenticate: guard, now }) };
}
