import { CouchStore } from './couch-store.js';
import { EmbeddedStore } from './embedded-store.js';
import type { Store } from './store.js';

export interface StoreConfig {
  /** Apache CouchDB with administrator credentials; the embedded store when absent. */
  readonly couchdbUrl?: string;
  readonly couchdbPrefix?: string;
  readonly dataDir: string;
}

export function openStore(config: StoreConfig): Promise<Store> {
  return config.couchdbUrl ? CouchStore.open(config.couchdbUrl, config.couchdbPrefix) : EmbeddedStore.open(config.dataDir);
}
