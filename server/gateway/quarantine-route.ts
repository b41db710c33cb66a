import type { RequestHandler } from 'express';
import { createError } from '../../engine/errors.js';
import { signedInUser } from '../auth/authenticate.js';
import type { Directory } from '../directory/directory.js';
import type { Store } from '../store/store.js';
import { readQuarantine } from './quarantine.js';

/** `GET /api/admin/quarantine`: who wrote to documents they may not see, for Managers of the directory. */
export function quarantineRoute(store: Store, directory: Directory): RequestHandler {
  return async (_req, res) => {
    if (directory.accessFor(signedInUser(res).name, 'names').level !== 'manager') {
      throw createError('forbidden', 'Only Managers of the directory (names) may see the quarantine');
    }
    res.json({ people: await readQuarantine(store.gatewayPouch) });
  };
}
