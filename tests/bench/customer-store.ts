import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Doc, SaveContext } from '../../design/form.js';
import { EmbeddedStore } from '../../server/store/embedded-store.js';
import { generateCustomers } from './generate-crm.js';

/** A fresh embedded store in a temporary directory holding `count` generated customers; `remove` closes and deletes it. */
export async function storeWithCustomers(count: number, ctx: SaveContext): Promise<{ store: EmbeddedStore; customers: Doc[]; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-bench-'));
  const store = await EmbeddedStore.open(dir);
  const customers = generateCustomers(count);
  for (let i = 0; i < count; i += 1000) await store.database('crm').saveMany(customers.slice(i, i + 1000), ctx);
  return {
    store, customers,
    remove: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
