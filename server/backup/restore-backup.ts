import { createError } from '../../engine/errors.js';
import { claimNumbersHeld } from '../crm/claim-numbers-held.js';
import type { Store } from '../store/store.js';
import { BACKUP_DBS, isBackedUp, pouchOf, type BackupDb, type BackupDoc } from './backup-format.js';
import { backupRevisions, checkBackup, type BackupSummary } from './read-backup.js';

const BATCH = 200;

/** How many documents (design documents aside) the store holds; a restore goes into an empty one. */
export async function documentsIn(store: Store): Promise<number> {
  let count = 0;
  for (const db of BACKUP_DBS) {
    const { rows } = await pouchOf(store, db).allDocs();
    count += rows.filter((row) => isBackedUp(db, row.id)).length;
  }
  return count;
}

/**
 * Restores a backup into the store: every revision with its history and attachments, stored as
 * replication stores them (`new_edits: false`), so revisions, conflicts and deletions come back
 * as they were; then every counter goes on after the numbers the records hold. The whole file is
 * checked before anything is written. Refuses a store that holds
 * documents unless `force`, which merges the backup into what is there.
 */
export async function restoreBackup(store: Store, file: string, options: { force?: boolean } = {}): Promise<BackupSummary> {
  const summary = await checkBackup(file);
  const present = await documentsIn(store);
  if (present > 0 && !options.force) {
    throw createError('conflict', `the store already holds ${present} documents; restore into an empty data directory or CouchDB, or give --force to merge the backup into it`);
  }
  let batch: BackupDoc[] = [];
  let batchDb: BackupDb | undefined;
  const flush = async () => {
    if (batchDb && batch.length > 0) {
      const results = await pouchOf(store, batchDb).bulkDocs(batch, { new_edits: false });
      const failed = results.find((result) => 'error' in result && result.error);
      if (failed) throw createError('internal', `restoring ${batchDb} failed: ${JSON.stringify(failed)}`);
    }
    batch = [];
  };
  for await (const { db, doc } of backupRevisions(file)) {
    if (db !== batchDb || batch.length >= BATCH) {
      await flush();
      batchDb = db;
    }
    batch.push(doc);
  }
  await flush();
  await claimNumbersHeld(store);
  return summary;
}
