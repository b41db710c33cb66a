import { Command } from 'commander';
import type { ConfigFlags } from '../config.js';
import { runServer } from '../run-server.js';

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the server (the same as npm start); SIGTERM or SIGINT stops it gracefully')
    .option('-p, --port <port>', 'port to listen on (PORT)')
    .option('--host <host>', 'address to listen on (HOST)')
    .option('--demo', 'also load the demo company (a few hundred customers), once')
    .action(async (options: { demo?: boolean }, command: Command) => {
      const { demo: _demo, ...flags } = command.optsWithGlobals<ConfigFlags & { demo?: boolean }>();
      await runServer(flags, { demo: options.demo === true });
    });
}
