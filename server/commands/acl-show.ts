import { Command } from 'commander';
import { DEFAULT_ENTRY_NAME } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import { withDirectoryAdmin } from './directory-admin.js';
import { parseDb } from './directory-args.js';
import { configFor } from './with-store.js';

export function aclShowCommand(): Command {
  return new Command('show')
    .description("show a database's access control list (every database's without one)")
    .argument('[db]', 'the database', parseDb)
    .action(async (db: DbName | undefined, _options: unknown, command: Command) => {
      const acls = await withDirectoryAdmin(configFor(command), (admin) => admin.acls(db ? [db] : undefined));
      for (const acl of acls) {
        console.log(`${acl.db}:`);
        console.log(`  ${DEFAULT_ENTRY_NAME}\t${acl.defaultLevel}`);
        for (const e of acl.entries) {
          const rights = [e.canCreate === false ? 'no create' : '', e.canDelete === false ? 'no delete' : ''].filter(Boolean).join(', ');
          console.log(`  ${e.name}\t${e.level}${e.roles.length ? `\t${e.roles.join(',')}` : ''}${rights ? `\t(${rights})` : ''}`);
        }
      }
    });
}
