import { Command } from 'commander';
import { DB_NAMES } from '../../design/databases.js';
import { viewsOf } from '../../views/catalog.js';
import { readQuarantine } from '../gateway/quarantine.js';
import { configFor, storeLocation, withStore } from './with-store.js';

export function infoCommand(): Command {
  return new Command('info')
    .description('show the engine, where the data lives, and each database with its document count and views')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = configFor(command);
      const info = await withStore(config, async (store) => ({
        engine: store.engine,
        location: storeLocation(config),
        databases: await Promise.all(DB_NAMES.map(async (name) => ({
          name,
          ...(await store.database(name).info()),
          // PouchDB's and CouchDB's doc_count include the design documents.
          designDocCount: (await store.database(name).pouch.allDocs({ startkey: '_design/', endkey: '_design/\uffff' })).rows.length,
          views: viewsOf(name).map((view) => ({ id: view.id, name: view.def.name })),
        }))),
        quarantine: await readQuarantine(store.gatewayPouch),
      }));
      if (options.json) {
        console.log(JSON.stringify(info, null, 2));
        return;
      }
      console.log(`engine     ${info.engine}`);
      console.log(`data       ${info.location}`);
      const hiddenWrites = info.quarantine.reduce((sum, record) => sum + record.count, 0);
      console.log(`quarantine ${hiddenWrites} writes to hidden documents by ${info.quarantine.length} people${info.quarantine.length > 0 ? ` (most: ${info.quarantine[0]!.user}, ${info.quarantine[0]!.count})` : ''}`);
      for (const db of info.databases) {
        console.log(`\n${db.name}: ${db.docCount} documents (${db.designDocCount} of them design documents), update seq ${db.updateSeq}`);
        if (db.views.length === 0) console.log('  (no views)');
        for (const view of db.views) console.log(`  ${view.id.padEnd(24)} ${view.name.zh}  ${view.name.en}`);
      }
    });
}
