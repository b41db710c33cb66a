import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { aclDefaultCommand } from './commands/acl-default.js';
import { aclSetCommand } from './commands/acl-set.js';
import { backupCommand } from './commands/backup.js';
import { aclShowCommand } from './commands/acl-show.js';
import { createAdminCommand } from './commands/create-admin.js';
import { deployCommand } from './commands/deploy.js';
import { exportCommand, exportRecordsCommand } from './commands/export.js';
import { groupAddCommand } from './commands/group-add.js';
import { importCommand } from './commands/import.js';
import { infoCommand } from './commands/info.js';
import { labelsCommand } from './commands/labels.js';
import { mailCommand } from './commands/mail.js';
import { restoreCommand } from './commands/restore.js';
import { serveCommand } from './commands/serve.js';
import { userAddCommand } from './commands/user-add.js';
import { userLeaveCommand } from './commands/user-leave.js';
import { userListCommand } from './commands/user-list.js';
import { userPasswdCommand } from './commands/user-passwd.js';
import { fatalMessage } from './main.js';

/** Each command is one file under commands/, registered here. */
export function createProgram(): Command {
  return new Command('guanxi')
    .description('Guanxi (关系) administration')
    .option('-c, --config <file>', 'configuration file (GUANXI_CONFIG, default ./guanxi.config.json)')
    .option('--data-dir <dir>', 'data directory of the embedded store (GUANXI_DATA_DIR)')
    .addCommand(infoCommand())
    .addCommand(deployCommand())
    .addCommand(serveCommand())
    .addCommand(importCommand())
    .addCommand(exportCommand())
    .addCommand(exportRecordsCommand('customers'))
    .addCommand(exportRecordsCommand('deals'))
    .addCommand(labelsCommand())
    .addCommand(mailCommand())
    .addCommand(backupCommand())
    .addCommand(restoreCommand())
    .addCommand(createAdminCommand())
    .addCommand(new Command('user').description('people in the directory')
      .addCommand(userAddCommand()).addCommand(userPasswdCommand()).addCommand(userLeaveCommand()).addCommand(userListCommand()))
    .addCommand(new Command('acl').description("databases' access control lists")
      .addCommand(aclSetCommand()).addCommand(aclDefaultCommand()).addCommand(aclShowCommand()))
    .addCommand(new Command('group').description('groups of people')
      .addCommand(groupAddCommand()));
}

/** Runs the command line; an error an operator can fix prints as one line, and the exit code is 1. */
export async function runCli(argv: readonly string[] = process.argv): Promise<void> {
  try {
    await createProgram().parseAsync([...argv]);
  } catch (error) {
    process.stderr.write(`guanxi: ${fatalMessage(error)}\n`);
    process.exitCode = 1;
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// `npx tsx server/cli.ts …` in development; bin/guanxi.js imports runCli from dist/.
if (isEntryPoint()) await runCli();
