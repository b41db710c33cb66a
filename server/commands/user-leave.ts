import { Command } from 'commander';
import { withDirectoryAdmin } from './directory-admin.js';
import { configFor } from './with-store.js';

export function userLeaveCommand(): Command {
  return new Command('leave')
    .description('mark a person as left: they cannot sign in and their sessions end; what they wrote stays')
    .argument('<name>', 'the user name')
    .action(async (name: string, _options: unknown, command: Command) => {
      await withDirectoryAdmin(configFor(command), (admin) => admin.leave(name));
      console.log(`${name} has left: they can no longer sign in.`);
    });
}
