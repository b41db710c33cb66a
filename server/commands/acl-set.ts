import { Command } from 'commander';
import type { AccessLevel } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import { withDirectoryAdmin } from './directory-admin.js';
import { parseDb, parseLevel, parseRoles } from './directory-args.js';
import { configFor } from './with-store.js';

export function aclSetCommand(): Command {
  return new Command('set')
    .description("set a person's or group's entry in a database's access control list")
    .argument('<db>', 'the database', parseDb)
    .argument('<name>', 'a person or group')
    .argument('<level>', 'noAccess, depositor, reader, author, editor, designer or manager', parseLevel)
    .option('--roles <roles>', "the entry's roles, comma-separated, such as [Sales],[Manager]", parseRoles)
    .action(async (db: DbName, name: string, level: AccessLevel, options: { roles?: string[] }, command: Command) => {
      await withDirectoryAdmin(configFor(command), (admin) => admin.setAclEntry(db, { name, level, roles: options.roles }));
      console.log(`${name}: ${level}${options.roles ? ` ${options.roles.join(',')}` : ''} in ${db}.`);
    });
}
