import type { Command } from 'commander';
import { loadConfig, redactUrl, type Config, type ConfigFlags } from '../config.js';
import { openConfiguredStore } from '../main.js';
import type { Store } from '../store/store.js';

/** The configuration, with the command line's options (its own and the global ones) winning. */
export function configFor(command: Command): Config {
  return loadConfig(process.env, command.optsWithGlobals<ConfigFlags>());
}

/** Opens the store (which deploys the design documents), runs `work`, and always closes it. */
export async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openConfiguredStore(config);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Where the data lives, fit to print: the data directory or the CouchDB URL without its password. */
export function storeLocation(config: Config): string {
  return config.couchdbUrl ? `${redactUrl(config.couchdbUrl)} (databases ${config.couchdbPrefix}*)` : config.dataDir;
}
