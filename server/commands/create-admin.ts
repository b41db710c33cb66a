import { Command } from 'commander';
import { DB_NAMES } from '../../design/databases.js';
import { ADMIN_ROLE } from '../directory/directory-edits.js';
import { makeAdministrator } from '../setup/make-administrator.js';
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
      await withStore(configFor(command), (store) => makeAdministrator(store, name, password, adminSaveContext()));
      console.log(`${name} is an administrator: ${ADMIN_ROLE}, Manager of ${DB_NAMES.join(', ')}, and may sign in.`);
    });
}
