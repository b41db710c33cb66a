import { Command } from 'commander';
import { readNewPassword } from './read-new-password.js';
import { withDirectoryAdmin } from './directory-admin.js';
import { configFor } from './with-store.js';

export function userPasswdCommand(): Command {
  return new Command('passwd')
    .description("set a person's password (lifts a lockout, and ends their sessions)")
    .argument('<name>', 'the user name')
    .option('--password-stdin', 'read the password from standard input instead of prompting for it')
    .action(async (name: string, options: { passwordStdin?: boolean }, command: Command) => {
      const password = await readNewPassword(name, options.passwordStdin === true);
      await withDirectoryAdmin(configFor(command), (admin) => admin.setPassword(name, password));
      console.log(`The password of ${name} is set; their sessions have ended.`);
    });
}
