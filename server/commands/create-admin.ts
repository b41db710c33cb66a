import { Command } from 'commander';
import { DB_NAMES } from '../../design/databases.js';
import { setPassword } from '../auth/credentials.js';
import { ADMIN_ROLE, saveAdministrator, setAclEntry } from '../directory/directory-edits.js';
import { adminSaveContext } from './directory-args.js';
import { readNewPassword } from './read-new-password.js';
import { configFor, withStore } from './with-store.js';

export function createAdminCommand(): Command {
  return new Command('create-admin')
    .description(`create the first administrator (or make someone one): the ${ADMIN_ROLE} role, Manager in every database's ACL, and a password`)
    .argument('<name>', 'the user name, as documents will name them')
    .option('--password-stdin', 'read the password from standard input instead of prompting for it')
    .action(async (name: string, options: { passwordStdin?: boolean }, command: Command) => {
      const password = await readNewPassword(name, options.passwordStdin === true);
      await withStore(configFor(command), async (store) => {
        const ctx = adminSaveContext();
        const names = store.database('names');
        await saveAdministrator(names, name, ctx);
        for (const db of DB_NAMES) await setAclEntry(names, db, { name, level: 'manager' }, ctx);
        await setPassword(store, name, password, Date.parse(ctx.now));
      });
      console.log(`${name} is an administrator: ${ADMIN_ROLE}, Manager of ${DB_NAMES.join(', ')}, and may sign in.`);
    });
}
