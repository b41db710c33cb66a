import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import type { Access } from '../../design/access/acl.js';
import { EmbeddedStore } from '../../server/store/embedded-store.js';
import { viewById } from '../../views/catalog.js';
import { generateCustomers } from './generate-crm.js';
import { prepareElsewhere } from './prepare-elsewhere.js';
import { percentile, report, timed } from './report.js';

/**
 * The embedded store against stock PouchDB on the same documents in the same run: bulk writes,
 * the first build of a categorised view, opening its first page with category totals, and an
 * incremental update. Ratios are what count on a shared machine.
 */
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const CHUNK = 1000;
const VIEW = 'customers-by-region';
const ctx = { now: '2026-11-23T08:00:00.000Z', user: { name: 'Bench', roles: [] } };

await warmUp();

for (const n of SIZES) {
  const label = n >= 1000 ? `${n / 1000}k` : String(n);
  // Creating records: each store names the documents itself (PouchDB a UUID, Guanxi a time-ordered id).
  const docs = generateCustomers(n).map(({ _id, ...doc }) => doc);
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-bench-'));

  const stock = new PouchDB(join(dir, 'stock'));
  const store = await EmbeddedStore.open(join(dir, 'guanxi'));
  const crm = store.database('crm');
  // The documents as Guanxi stores them carry timestamps, authors and pinyin keys; stock PouchDB
  // writing those same documents shows what is the cost of their size and what the cost of the save.
  const stored = await prepareElsewhere(docs, ctx);
  const stockSame = new PouchDB(join(dir, 'stock-same'));
  const writers: Record<'stock' | 'stockSame' | 'guanxi', (from: number) => Promise<unknown>> = {
    stock: (from) => stock.bulkDocs(docs.slice(from, from + CHUNK)),
    stockSame: (from) => stockSame.bulkDocs(stored.slice(from, from + CHUNK)),
    guanxi: async (from) => {
      const results = await crm.saveMany(docs.slice(from, from + CHUNK), ctx);
      if (results.some((r) => !r.ok)) throw new Error(JSON.stringify(results.find((r) => !r.ok)));
    },
  };
  // Chunk by chunk in turns, the first writer changing each time, so that the machine's other load
  // and each writer's garbage fall on all three alike.
  const names = Object.keys(writers) as (keyof typeof writers)[];
  const spent = { stock: 0, stockSame: 0, guanxi: 0 };
  for (let i = 0; i < n; i += CHUNK) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(i / CHUNK + k) % names.length]!;
      spent[name] += await timed(() => writers[name](i));
    }
  }
  const [stockWrite, stockSameWrite, ourWrite] = [spent.stock, spent.stockSame, spent.guanxi];
  await stockSame.destroy();
  report(`store.bulk_write.${label}.stock`, n / (stockWrite / 1000), 'docs/s');
  report(`store.bulk_write.${label}.stock_same_docs`, n / (stockSameWrite / 1000), 'docs/s');
  report(`store.bulk_write.${label}.guanxi`, n / (ourWrite / 1000), 'docs/s');
  report(`store.bulk_write.${label}.ratio`, stockWrite / ourWrite, 'x');
  report(`store.bulk_write.${label}.ratio_same_docs`, stockSameWrite / ourWrite, 'x');

  const ourBuild = await timed(() => crm.view(VIEW, { limit: 50 }));
  await stock.put(viewById(VIEW)!.designDoc as never);
  const stockBuild = await timed(() => stock.query(`${VIEW}/totals`, { limit: 1, reduce: false }));
  report(`view.first_build.${label}.stock`, n / (stockBuild / 1000), 'docs/s');
  report(`view.first_build.${label}.guanxi`, n / (ourBuild / 1000), 'docs/s');
  report(`view.first_build.${label}.ratio`, stockBuild / ourBuild, 'x');

  const ourOpen: number[] = [];
  for (let i = 0; i < 40; i++) ourOpen.push(await timed(() => crm.view(VIEW, { limit: 50 })));
  const stockOpen: number[] = [];
  for (let i = 0; i < 3; i++) {
    stockOpen.push(await timed(() => Promise.all([
      stock.query(`${VIEW}/totals`, { group_level: 2 }),
      stock.query(`${VIEW}/totals`, { limit: 50, reduce: false }),
    ])));
  }
  report(`view.open_page.${label}.guanxi.p50`, percentile(ourOpen, 50), 'ms');
  report(`view.open_page.${label}.guanxi.p95`, percentile(ourOpen, 95), 'ms');
  report(`view.open_page.${label}.stock.p50`, percentile(stockOpen, 50), 'ms');
  report(`view.open_page.${label}.ratio`, percentile(stockOpen, 50) / percentile(ourOpen, 50), 'x');
  // The same page as a person who may read every document asks for it through the API (a filling
  // workstation's first screens): their totals are the index's, not a recount of the view's rows.
  const reader: Access = { user: 'Bench Reader', level: 'reader', names: new Set(['Bench Reader']), canCreate: false, canDelete: false, roles: [] };
  const readerOpen: number[] = [];
  for (let i = 0; i < 20; i++) readerOpen.push(await timed(() => crm.view(VIEW, { limit: 50 }, reader)));
  report(`view.open_page.${label}.as_full_reader.p50`, percentile(readerOpen, 50), 'ms');

  const changed = (await crm.pouch.allDocs({ include_docs: true, limit: 100, skip: Math.floor(n / 2) })).rows
    .map((row) => ({ ...row.doc!, region: '华北', annualVolume: 1 }));
  await crm.saveMany(changed, ctx);
  report(`view.incremental_100.${label}.guanxi`, await timed(() => crm.view(VIEW, { limit: 50 })), 'ms');

  await store.close();
  await stock.close();
  await rm(dir, { recursive: true, force: true });
}

/** Both sides write and index a small set first, so neither pays for loading and compiling in the figures. */
async function warmUp(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-bench-warm-'));
  const docs = generateCustomers(3000, 1);
  const stock = new PouchDB(join(dir, 'stock'));
  await stock.bulkDocs(docs);
  await stock.close();
  const store = await EmbeddedStore.open(join(dir, 'guanxi'));
  await store.database('crm').saveMany(docs, ctx);
  await store.database('crm').view(VIEW);
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
