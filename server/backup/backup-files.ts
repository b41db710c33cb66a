import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../store/store.js';
import { writeBackup } from './write-backup.js';

const NAME = /^guanxi-backup-\d{8}T\d{6}Z\.ndjson\.gz$/;

/** `guanxi-backup-20260301T020000Z.ndjson.gz`: names that sort by time. */
export function backupFileName(now: Date): string {
  return `guanxi-backup-${now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')}.ndjson.gz`;
}

/** The scheduled backups beyond the newest `keep`, oldest last; other files are never touched. */
export function backupsToRemove(names: readonly string[], keep: number): string[] {
  return names.filter((name) => NAME.test(name)).sort().reverse().slice(keep);
}

/** Writes a backup under a temporary name and renames it once whole, so a file of this name is always complete. */
export async function writeBackupFile(store: Store, path: string, now = new Date()): Promise<Record<string, number>> {
  const part = `${path}.part`;
  try {
    const counts = await writeBackup(store, createWriteStream(part), now);
    await rename(part, path);
    return counts;
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}

/** A backup into `dir`, then the oldest beyond `keep` removed. Returns the new file's path. */
export async function rotateBackup(store: Store, dir: string, keep: number, now = new Date()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, backupFileName(now));
  await writeBackupFile(store, path, now);
  for (const name of backupsToRemove(await readdir(dir), keep)) await rm(join(dir, name), { force: true });
  return path;
}
