import { resolve } from 'node:path';
import { Command } from 'commander';
import { restoreBackup } from '../backup/restore-backup.js';
import { configFor, storeLocation, withStore } from './with-store.js';

export function restoreCommand(): Command {
  return new Command('restore')
    .description('restore a backup into an empty data directory or CouchDB (stop the servers first)')
    .argument('<file>', 'a file written by guanxi backup')
    .option('--force', 'restore into a store that holds documents, merging the backup into them')
    .action(async (file: string, flags: { force?: boolean }, command: Command) => {
      const config = configFor(command);
      const summary = await withStore(config, (store) => restoreBackup(store, resolve(file), { force: flags.force === true }));
      console.log(`backup of ${summary.createdAt} (${summary.engine} store) restored into ${storeLocation(config)}`);
      for (const [db, count] of Object.entries(summary.counts)) console.log(`  ${db.padEnd(10)} ${count} revisions`);
    });
}
