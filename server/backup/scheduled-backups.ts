import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { rotateBackup } from './backup-files.js';

export interface ScheduledBackupOptions {
  readonly store: Store;
  readonly dir: string;
  readonly cron?: string;
  readonly keep?: number;
  readonly logger: Logger;
}

export interface ScheduledBackups {
  /** One scheduled backup at `now`; undefined when another server of the store took this one. */
  runOnce(now?: Date): Promise<string | undefined>;
  close(): Promise<void>;
}

export const DEFAULT_BACKUP_CRON = '0 0 2 * * *';
export const DEFAULT_BACKUP_KEEP = 7;

/**
 * Backups on a schedule, into a directory, keeping the newest few. Several servers in front of
 * one CouchDB share the schedule: each backup is claimed by its minute in the servers' database,
 * so one server makes it.
 */
export function startScheduledBackups(options: ScheduledBackupOptions): ScheduledBackups {
  const { store, dir, logger } = options;
  let running: Promise<unknown> = Promise.resolve();
  const runOnce = async (now = new Date()): Promise<string | undefined> => {
    const minute = now.toISOString().slice(0, 16);
    if (!await store.serverDocs.create(`backup-${minute}`, { startedAt: now.toISOString() })) return undefined;
    const path = await rotateBackup(store, dir, options.keep ?? DEFAULT_BACKUP_KEEP, now);
    logger.info({ path }, 'backup written');
    return path;
  };
  const task: ScheduledTask = cron.schedule(options.cron ?? DEFAULT_BACKUP_CRON, () => {
    running = runOnce().catch((error: unknown) => logger.error({ err: error, dir }, 'scheduled backup failed'));
  }, { noOverlap: true });
  return {
    runOnce,
    async close() {
      await task.stop();
      await running;
    },
  };
}
