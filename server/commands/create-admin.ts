import { Command } from 'commander';
import { DB_NAMES } from '../../design/databases.js';
import { ADMIN_ROLE } from '../directory/directory-edits.js';
import { readNewPassword } from './read-new-password.js';
import { withDirectoryAdmin } from './directory-admin.js';
import { configFor } from './with-store.js';

export function createAdminCommand(): Command {
  return new Command('create-admin')
    .description(`create the first administrator (or make someone one): the ${ADMIN_ROLE} role, Manager in every database's ACL, and a password`)
    .argument('<name>', 'the user name, as documents will name them')
    .option('--password-stdin', 'read the password from standard input instead of prompting for it')
    .action(async (name: string, options: { passwordStdin?: boolean }, command: Command) => {
      const password = await readNewPassword(name, options.passwordStdin === true);
      await withDirectoryAdmin(configFor(command), (admin) => admin.makeAdministrator(name, password));
      console.log(`${name} is an administrator: ${ADMIN_ROLE}, Manager of ${DB_NAMES.join(', ')}, and may sign in.`);
    });
}
