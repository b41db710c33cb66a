import { Command } from 'commander';
import { withDirectoryAdmin } from './directory-admin.js';
import { configFor } from './with-store.js';

export function userListCommand(): Command {
  return new Command('list')
    .description('list everyone in the directory: department, title, e-mail, roles, and whether they may sign in')
    .action(async (_options: unknown, command: Command) => {
      const people = await withDirectoryAdmin(configFor(command), (admin) => admin.people());
      for (const p of people) {
        const state = p.status === 'left' ? 'left' : p.lockedUntil ? `locked until ${p.lockedUntil}` : p.hasPassword ? 'active' : 'no password';
        console.log([p.name, p.department ?? '-', p.title ?? '-', p.email ?? '-', p.roles.join(',') || '-', state].join('\t'));
      }
    });
}
