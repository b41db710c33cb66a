import { Command } from 'commander';
import { setPassword } from '../auth/credentials.js';
import { SessionStore } from '../auth/sessions.js';
import { requirePerson } from '../directory/directory-edits.js';
import { readNewPassword } from './read-new-password.js';
import { configFor, withStore } from './with-store.js';

export function userPasswdCommand(): Command {
  return new Command('passwd')
    .description("set a person's password (lifts a lockout, and ends their sessions)")
    .argument('<name>', 'the user name')
    .option('--password-stdin', 'read the password from standard input instead of prompting for it')
    .action(async (name: string, options: { passwordStdin?: boolean }, command: Command) => {
      const password = await readNewPassword(name, options.passwordStdin === true);
      await withStore(configFor(command), async (store) => {
        await requirePerson(store.database('names'), name);
        await setPassword(store, name, password, Date.now());
        await new SessionStore(store).endAll(name);
      });
      console.log(`The password of ${name} is set; their sessions have ended.`);
    });
}
