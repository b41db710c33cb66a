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

export interface TestStore {
  readonly store: Store;
  /** Opens the same data again, as a restarted server would. */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
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
      reopen: async () => {
        await store.close();
        return (store = await EmbeddedStore.open(dir));
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
    reopen: async () => {
      await store.close();
      return (store = await CouchStore.open(url, prefix));
    },
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
