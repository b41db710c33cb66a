import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SaveContext } from '../../design/form.js';
import { CouchStore } from '../../server/store/couch-store.js';
import { EmbeddedStore } from '../../server/store/embedded-store.js';
import type { Store } from '../../server/store/store.js';
import { couchServer } from './couch-server.js';

export const ENGINES = ['embedded', 'couchdb'] as const;
export type EngineName = (typeof ENGINES)[number];

/** Where a test store's data is, for another process to open (see `openStoreAt`). */
export type StoreLocation = { readonly engine: 'embedded'; readonly dir: string } | { readonly engine: 'couchdb'; readonly url: string; readonly prefix: string };

export interface TestStore {
  readonly store: Store;
  readonly location: StoreLocation;
  /** Opens the same data again, as a restarted server would. */
  reopen(): Promise<Store>;
  /** Lets another process have the data while `work` runs (a LevelDB directory has one owner at a time), then opens it again. */
  handOver<T>(work: () => Promise<T>): Promise<T>;
  cleanup(): Promise<void>;
}

/** Opens the data of a test store, e.g. in a server process of its own. */
export function openStoreAt(location: StoreLocation): Promise<Store> {
  return location.engine === 'embedded' ? EmbeddedStore.open(location.dir) : CouchStore.open(location.url, location.prefix);
}

let counter = 0;

/** A fresh, empty store on the named engine: its own data directory, or its own CouchDB databases. */
export async function openTestStore(engine: EngineName): Promise<TestStore> {
  if (engine === 'embedded') {
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-store-'));
    let store: Store = await EmbeddedStore.open(dir);
    return {
      get store() {
        return store;
      },
      location: { engine, dir },
      reopen: async () => {
        await store.close();
        return (store = await EmbeddedStore.open(dir));
      },
      handOver: async (work) => {
        await store.close();
        try {
          return await work();
        } finally {
          store = await EmbeddedStore.open(dir);
        }
      },
      cleanup: async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const { url } = await couchServer();
  const prefix = `t${process.pid}x${++counter}x${Date.now().toString(36)}-`;
  let store: Store = await CouchStore.open(url, prefix);
  return {
    get store() {
      return store;
    },
    location: { engine, url, prefix },
    reopen: async () => {
      await store.close();
      return (store = await CouchStore.open(url, prefix));
    },
    handOver: (work) => work(),
    cleanup: async () => {
      await store.close();
      const nano = (await import('nano')).default(url);
      for (const name of await nano.db.list()) if (name.startsWith(prefix)) await nano.db.destroy(name);
    },
  };
}

/** A fixed clock and a signed-in user, as the server passes them to every save. */
export function saveContext(now = '2026-03-01T09:00:00.000Z', name = 'Li Lei', roles: string[] = ['[Sales]']): SaveContext {
  return { now, user: { name, roles } };
}
