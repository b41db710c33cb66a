import { Command } from 'commander';
import { DB_NAMES } from '../../design/databases.js';
import { deployDesignDocs } from '../store/deploy-design-docs.js';
import { configFor, storeLocation, withStore } from './with-store.js';

/**
 * Opening the store already deploys the design documents, and openStore keeps what it wrote to
 * itself; so this reports a second pass, made after opening. It is honest about that: it shows
 * what is now deployed, and lists as written only what this second pass had to write.
 */
export function deployCommand(): Command {
  return new Command('deploy')
    .description('deploy the design documents compiled from views/ to every database, and report them')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const config = configFor(command);
      const reports = await withStore(config, async (store) => {
        const entries = [];
        for (const name of DB_NAMES) entries.push([name, await deployDesignDocs(name, store.database(name).pouch)] as const);
        return { engine: store.engine, databases: Object.fromEntries(entries) };
      });
      if (options.json) {
        console.log(JSON.stringify(reports, null, 2));
        return;
      }
      console.log(`Design documents in ${storeLocation(config)} (${reports.engine}), checked against views/ after opening the store,`);
      console.log('which deploys them whenever it opens:');
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
