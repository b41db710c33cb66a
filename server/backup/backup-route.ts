import type { RequestHandler } from 'express';
import { createError } from '../../engine/errors.js';
import { signedInUser } from '../auth/authenticate.js';
import type { Directory } from '../directory/directory.js';
import type { Store } from '../store/store.js';
import { writeBackup } from './write-backup.js';

/**
 * `GET /api/admin/backup`: a backup, streamed, for `guanxi backup` while the server holds the
 * embedded store (LevelDB allows one process), with the command line's token (admin-token.ts),
 * or for a Manager of the directory signed in.
 */
export function backupRoute(store: Store, directory: Directory): RequestHandler {
  return (req, res, next) => {
    if (res.locals.commandLine !== true && directory.accessFor(signedInUser(res).name, 'names').level !== 'manager') {
      next(createError('forbidden', 'Only Managers of the directory (names) may take a backup'));
      return;
    }
    res.set('Content-Type', 'application/gzip');
    writeBackup(store, res).catch((error: unknown) => {
      req.log.error({ err: error }, 'backup failed while being sent');
      // Cut short, so that the client sees an incomplete file rather than a whole-looking one.
      res.destroy(error instanceof Error ? error : undefined);
    });
  };
}
