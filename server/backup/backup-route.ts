import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { createError } from '../../engine/errors.js';
import type { Store } from '../store/store.js';
import { writeBackup } from './write-backup.js';

/** The file beside the embedded store's data that holds the backup token while a server runs. */
export const BACKUP_TOKEN_FILE = 'backup.token';

/**
 * `GET /api/admin/backup`: a backup, streamed, for `guanxi backup` while the server holds the
 * embedded store (LevelDB allows one process). Whoever may read the token in the data directory
 * may read the data anyway; nobody else gets one.
 */
export function backupRoute(store: Store, token: string): RequestHandler {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req, res, next) => {
    const given = Buffer.from(req.get('authorization') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(new Uint8Array(given), new Uint8Array(expected))) {
      next(createError('unauthorized', 'A backup needs the token the server keeps beside its data (guanxi backup reads it)'));
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
