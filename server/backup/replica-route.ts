import type { RequestHandler } from 'express';
import { createError } from '../../engine/errors.js';
import { signedInUser } from '../auth/authenticate.js';
import type { Directory } from '../directory/directory.js';
import type { LiveReplica } from './live-replica.js';

/**
 * `GET /api/admin/replica`: how far the live replica has come, database by database, for
 * `guanxi replica` (the command line's token) or a Manager of the directory.
 */
export function replicaRoute(directory: Directory, replica: LiveReplica | undefined): RequestHandler {
  return (_req, res) => {
    if (res.locals.commandLine !== true && directory.accessFor(signedInUser(res).name, 'names').level !== 'manager') {
      throw createError('forbidden', 'Only Managers of the directory (names) may see the live replica');
    }
    res.json({ configured: replica !== undefined, databases: replica?.status() ?? [] });
  };
}
