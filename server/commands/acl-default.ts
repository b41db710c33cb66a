import { Command } from 'commander';
import type { AccessLevel } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import { withDirectoryAdmin } from './directory-admin.js';
import { parseDb, parseLevel } from './directory-args.js';
import { configFor } from './with-store.js';

export function aclDefaultCommand(): Command {
  return new Command('default')
    .description("set a database's default access: for everyone without an entry of their own or of a group")
    .argument('<db>', 'the database', parseDb)
    .argument('<level>', 'noAccess, depositor, reader, author, editor, designer or manager', parseLevel)
    .action(async (db: DbName, level: AccessLevel, _options: unknown, command: Command) => {
      await withDirectoryAdmin(configFor(command), (admin) => admin.setAclDefault(db, level));
      console.log(`Default access to ${db}: ${level}.`);
    });
}
