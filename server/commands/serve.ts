import { Command } from 'commander';
import type { ConfigFlags } from '../config.js';
import { runServer } from '../run-server.js';

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the server (the same as npm start); SIGTERM or SIGINT stops it gracefully')
    .option('-p, --port <port>', 'port to listen on (PORT)')
    .option('--host <host>', 'address to listen on (HOST)')
    .action(async (_options: unknown, command: Command) => {
      await runServer(command.optsWithGlobals<ConfigFlags>());
    });
}
