import { Command } from 'commander';
import { withDirectoryAdmin } from './directory-admin.js';
import { configFor } from './with-store.js';

export function groupAddCommand(): Command {
  return new Command('add')
    .description('create a group, or add members to it (people or other groups)')
    .argument('<group>', 'the group name')
    .argument('<member...>', 'people or groups')
    .action(async (group: string, members: string[], _options: unknown, command: Command) => {
      const saved = await withDirectoryAdmin(configFor(command), (admin) => admin.addGroupMembers(group, members));
      console.log(`${group}: ${saved.join(', ')}.`);
    });
}
