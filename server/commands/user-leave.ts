import { Command } from 'commander';
import { SessionStore } from '../auth/sessions.js';
import { markLeft } from '../directory/directory-edits.js';
import { adminSaveContext } from './directory-args.js';
import { configFor, withStore } from './with-store.js';

export function userLeaveCommand(): Command {
  return new Command('leave')
    .description('mark a person as left: they cannot sign in and their sessions end; what they wrote stays')
    .argument('<name>', 'the user name')
    .action(async (name: string, _options: unknown, command: Command) => {
      await withStore(configFor(command), async (store) => {
        await markLeft(store.database('names'), name, adminSaveContext());
        await new SessionStore(store).endAll(name);
      });
      console.log(`${name} has left: they can no longer sign in.`);
    });
}
