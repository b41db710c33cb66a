import { Command } from 'commander';
import { addGroupMembers } from '../directory/directory-edits.js';
import { adminSaveContext } from './directory-args.js';
import { configFor, withStore } from './with-store.js';

export function groupAddCommand(): Command {
  return new Command('add')
    .description('create a group, or add members to it (people or other groups)')
    .argument('<group>', 'the group name')
    .argument('<member...>', 'people or groups')
    .action(async (group: string, members: string[], _options: unknown, command: Command) => {
      const saved = await withStore(configFor(command), (store) => addGroupMembers(store.database('names'), group, members, adminSaveContext()));
      console.log(`${group}: ${(saved.members as string[]).join(', ')}.`);
    });
}
