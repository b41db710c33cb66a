import { Command } from 'commander';
import { DB_NAMES } from '../../design/databases.js';
import { configFor, storeLocation, withStore } from './with-store.js';

/** Opening the store deploys the design documents that differ from views/; this reports what it did. */
export function deployCommand(): Command {
  return new Command('deploy')
    .description('deploy the design documents compiled from views/ to every database, and report them')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = configFor(command);
      const reports = await withStore(config, async (store) => {
        return { engine: store.engine, databases: Object.fromEntries(DB_NAMES.map((name) => [name, store.deployed.get(name)!])) };
      });
      if (options.json) {
        console.log(JSON.stringify(reports, null, 2));
        return;
      }
      console.log(`Design documents in ${storeLocation(config)} (${reports.engine}):`);
      for (const [name, report] of Object.entries(reports.databases)) {
        const parts = [
          report.unchanged.length > 0 ? `up to date: ${report.unchanged.join(', ')}` : '',
          report.written.length > 0 ? `written: ${report.written.join(', ')}` : '',
          report.removed.length > 0 ? `removed: ${report.removed.join(', ')}` : '',
        ].filter(Boolean);
        console.log(`  ${name}: ${parts.length > 0 ? parts.join('; ') : 'no views'}`);
      }
    });
}
