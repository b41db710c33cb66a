import { constants } from 'node:os';
import { loadConfig, type ConfigFlags } from './config.js';
import { loadDemo } from './demo/load-demo.js';
import { fatalMessage, startServer } from './main.js';

/**
 * The server as a process (`npm start`, `guanxi serve`): the first SIGTERM or SIGINT closes it
 * gracefully and exits 0, a second one exits at once. A startup error prints one line and exits 1.
 */
export async function runServer(flags: ConfigFlags = {}, { demo = false }: { demo?: boolean } = {}): Promise<void> {
  let running;
  try {
    running = await startServer(loadConfig(process.env, flags));
    // `--demo`: the demo company's records, added once (those already there are left alone).
    if (demo) await loadDemo(running.store, running.logger, new Date().toISOString().slice(0, 10));
  } catch (error) {
    process.stderr.write(`guanxi: ${fatalMessage(error)}\n`);
    process.exit(1);
  }
  const { logger, close, setupUrl } = running;
  if (setupUrl) {
    process.stderr.write(`\nNo administrator yet. Open this link once to make the first one (it works until used):\n\n    ${setupUrl}\n\n`);
  }
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(128 + constants.signals[signal]);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
