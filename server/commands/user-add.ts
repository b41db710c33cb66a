import { Command } from 'commander';
import { parseRoles } from './directory-args.js';
import { withDirectoryAdmin } from './directory-admin.js';
import { configFor } from './with-store.js';

interface UserAddOptions {
  readonly department?: string;
  readonly title?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly roles?: string[];
}

export function userAddCommand(): Command {
  return new Command('add')
    .description('add a person to the directory, or update the fields given (set a password with `user passwd`)')
    .argument('<name>', 'the user name, as documents will name them')
    .option('--department <text>', 'department')
    .option('--title <text>', 'title')
    .option('--email <address>', 'e-mail address')
    .option('--phone <number>', 'phone')
    .option('--roles <roles>', 'roles, comma-separated, such as [Sales],[Manager]', parseRoles)
    .action(async (name: string, options: UserAddOptions, command: Command) => {
      const { department, title, email, phone, roles } = options;
      const saved = await withDirectoryAdmin(configFor(command), (admin) => admin.savePerson(name, { department, title, email, phone, roles }));
      console.log(`${name} is in the directory (${saved.status}).`);
    });
}
