import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command } from 'commander';
import { createError } from '../../engine/errors.js';
import { backupFileName, writeBackupFile } from '../backup/backup-files.js';
import { readAdminToken } from '../admin/admin-token.js';
import { checkBackup } from '../backup/read-backup.js';
import type { Config } from '../config.js';
import { openConfiguredStore } from '../main.js';
import { configFor, storeLocation } from './with-store.js';

export function backupCommand(): Command {
  return new Command('backup')
    .description('write a backup of every database to one file, while the server runs (sessions are left out)')
    .option('--out <file>', 'the file to write (default guanxi-backup-<time>.ndjson.gz here)')
    .action(async (flags: { out?: string }, command: Command) => {
      const config = configFor(command);
      const out = resolve(flags.out ?? backupFileName(new Date()));
      const counts = await backup(config, out);
      console.log(`backup of ${storeLocation(config)} written to ${out}`);
      for (const [db, count] of Object.entries(counts)) console.log(`  ${db.padEnd(10)} ${count} revisions`);
    });
}

async function backup(config: Config, out: string): Promise<Record<string, number>> {
  let store;
  try {
    store = await openConfiguredStore(config);
  } catch (error) {
    if (config.couchdbUrl || !isLocked(error)) throw error;
    // The embedded store is held by a running server: it writes the backup for us.
    return backupThroughServer(config, out);
  }
  try {
    return await writeBackupFile(store, out);
  } finally {
    await store.close();
  }
}

async function backupThroughServer(config: Config, out: string): Promise<Record<string, number>> {
  const file = await readAdminToken(config.dataDir);
  if (!file) throw createError('unavailable', `${config.dataDir} is in use by another process, but no Guanxi server there left its token for the command line`);
  const url = `${file.url}/api/admin/backup`;
  const answer = await fetch(url, { headers: { authorization: `Bearer ${file.token}` } }).catch((error: unknown) => {
    throw createError('unavailable', `the server holding ${config.dataDir} does not answer at ${url}: ${(error as Error).message}`);
  });
  if (!answer.ok || !answer.body) throw createError('unavailable', `the server at ${url} answered ${answer.status}: ${await answer.text()}`);
  const part = `${out}.part`;
  try {
    await pipeline(Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream), createWriteStream(part));
    const { counts } = await checkBackup(part);
    await rename(part, out);
    return { ...counts };
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}

/** LevelDB says a data directory is held by another process deep in the cause chain. */
function isLocked(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e != null && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: string }).code === 'LEVEL_LOCKED') return true;
  }
  return false;
}
