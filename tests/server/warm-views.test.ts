import { test } from 'node:test';
import { MemoryLevel } from 'memory-level';
import PouchDB from 'pouchdb';
import PouchMemory from 'pouchdb-adapter-memory';
import { LevelViewIndex } from '../../engine/level-view-index.js';
import { pouchChangesFeed } from '../../engine/pouch-changes-feed.js';
import { accessIndexOf } from '../../server/gateway/access-index.js';
import { keepViewsWarm } from '../../server/store/warm-views.js';
import { viewById } from '../../views/catalog.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { openTestStore, saveContext } from '../helpers/test-store.js';

PouchDB.plugin(PouchMemory);

let databases = 0;

/** A database with a view index kept warm, and the index read without asking it to refresh (as a query would first). */
function warmWorld() {
  const pouch = new PouchDB(`warm-${process.pid}-${++databases}`, { adapter: 'memory' });
  const level = new MemoryLevel<string, unknown>();
  const index = new LevelViewIndex(viewById('customers-by-region')!, pouchChangesFeed(pouch), level);
  const warmer = keepViewsWarm(pouch, () => LevelViewIndex.refreshTogether([index]));
  return { pouch, index, warmer, close: async () => {
    await warmer.stop();
    await pouch.destroy();
    await level.close();
  } };
}

const customers = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ _id: `c${from + i}`, form: 'Customer', name: `客户 ${from + i}`, region: i % 2 ? '华东' : '华南' }));

// A new workstation's first screen waited for the server to index every change since the last query (28.7 s at 10,000).
test('a view index catches up with writes by itself, before any query of the view', async () => {
  const world = warmWorld();
  try {
    await world.pouch.bulkDocs(customers(0, 300));
    await expectEventually(async () => (await world.index.total()).count === 300);
    await world.pouch.bulkDocs(customers(300, 200));
    const first = await world.pouch.get('c0');
    await world.pouch.remove(first);
    await expectEventually(async () => (await world.index.total()).count === 499);
  } finally {
    await world.close();
  }
});

test('an index left behind while the server was down is brought up at start', async () => {
  const pouch = new PouchDB(`warm-${process.pid}-${++databases}`, { adapter: 'memory' });
  const level = new MemoryLevel<string, unknown>();
  try {
    await pouch.bulkDocs(customers(0, 120));
    const index = new LevelViewIndex(viewById('customers-by-region')!, pouchChangesFeed(pouch), level);
    const warmer = keepViewsWarm(pouch, () => LevelViewIndex.refreshTogether([index]));
    await expectEventually(async () => (await index.total()).count === 120);
    await warmer.stop();
  } finally {
    await pouch.destroy();
    await level.close();
  }
});

// Every view page a person reads asks the access index first: after an import, the first person to
// open a view waited while it read the readers of every imported document (3.7 s at 20,000).
test('the embedded store keeps the access index current after writes, before anyone reads a view', async () => {
  const { store, cleanup } = await openTestStore('embedded');
  try {
    const crm = store.database('crm');
    await crm.saveMany(customers(0, 400), saveContext());
    const { update_seq: head } = await crm.pouch.info();
    await expectEventually(() => accessIndexOf(crm.pouch).reached === head);
  } finally {
    await cleanup();
  }
});
