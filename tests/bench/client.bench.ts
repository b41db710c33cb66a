import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleApp, DIST_DIR } from '../../scripts/build-client.js';
import type { Page } from 'playwright-core';
import { signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from '../e2e/workstation-world.js';
import { firstScreenViews } from '../../views/first-screen.js';
import { accessIndexOf } from '../../server/gateway/access-index.js';
import { generateCustomers } from './generate-crm.js';
import { percentile, report } from './report.js';

/**
 * The workstation in Chromium: a fresh browser signing in against 20,000 and 100,000 customers
 * (BENCH_SIZES=10000 for a smaller one only) — how soon the first view shows rows, how fast the
 * replica fills, views indexed included, until the status says up to date, and the page's longest
 * task meanwhile (the views are indexed in a worker). Then, over the
 * smaller set: how soon a categorised view shows its first page after a click in the navigator,
 * and a document after a click on its row (performance measures the client records, read with
 * page.evaluate); and the production bundle's size.
 */
const SIZES = (process.env.BENCH_SIZES ?? '20000,100000').split(',').map(Number);
const N = Math.min(...SIZES);
const REPEATS = 20;
/** The PouchDB packages the client bundles; "without PouchDB" leaves them (and what only they import) out. */
const POUCHDB = ['pouchdb-core', 'pouchdb-adapter-idb', 'pouchdb-adapter-http', 'pouchdb-replication'];

/** Watches the page's long tasks from now on; the answer reads the longest so far, in ms. */
async function watchLongestTask(page: Page): Promise<() => Promise<number>> {
  const key = `longestTask${Math.random().toString(36).slice(2)}`;
  await page.evaluate((name) => {
    const longest = { ms: 0 };
    (window as unknown as Record<string, typeof longest>)[name] = longest;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest.ms = Math.max(longest.ms, entry.duration);
    }).observe({ type: 'longtask' });
  }, key);
  return () => page.evaluate((name) => (window as unknown as Record<string, { ms: number }>)[name]!.ms, key);
}

/** A server holding `count` customers, and a fresh browser signed in to it, measured as it fills its replica. */
async function freshWorkstation(count: number): Promise<{ world: WorkstationWorld; page: Page }> {
  const world = await workstationWorld([{ name: 'Loader', access: { crm: 'editor' } }]);
  try {
    return { world, page: await signInFresh(world, count) };
  } catch (error) {
    await world.close();
    throw error;
  }
}

async function signInFresh(world: WorkstationWorld, count: number): Promise<Page> {
  const crm = world.running.store.database('crm');
  const docs = generateCustomers(count);
  const ctx = { now: '2026-11-23T08:00:00.000Z', user: { name: 'Loader', roles: [] } };
  for (let i = 0; i < count; i += 1000) await crm.saveMany(docs.slice(i, i + 1000), ctx);
  // The server keeps the first screen's views indexed as documents arrive (it used to index every
  // document at the first query). A new workstation joins a server that has had its documents for a
  // while: the bench waits for that indexing to catch up with the import — a query of those views
  // waits for the run under way and indexes nothing more — and reports how long it took.
  const importDone = Date.now();
  for (const id of firstScreenViews('crm')) await crm.view(id, { limit: 1 });
  // And for the access index, which the server keeps current beside those views.
  await accessIndexOf(crm.pouch).catchUp();
  if (count === N) report(`server.first_screen_views_after_import.${count / 1000}k`, (Date.now() - importDone) / 1000, 's');

  const { page } = await world.workstation({ lang: 'zh' });
  const fillLongestTask = await watchLongestTask(page);
  const started = Date.now();
  await signIn(page, 'Loader');
  // The home page opens first; the person then opens the customers' view.
  await page.locator('gx-navigator button[data-view="customers-by-region"]').click();
  // A server whose first view is still cold after the import answers late: a figure, not a crash.
  await page.locator('gx-view-pane .row[data-id]').first().waitFor({ timeout: 10 * 60_000 });
  if (count === N) report('client.first_rows_after_sign_in', (Date.now() - started) / 1000, 's', '≤ 2 s');
  await waitUntilReady(page, 30 * 60_000);
  report(`client.initial_replica.${count / 1000}k`, count / ((Date.now() - started) / 1000), 'docs/s', '≥ 1000 docs/s');
  report(`client.initial_replica.${count / 1000}k.longest_task`, await fillLongestTask(), 'ms');
  return page;
}

for (const count of SIZES.filter((n) => n !== N)) await (await freshWorkstation(count)).world.close();
const { world, page } = await freshWorkstation(N);
try {
  /** Runs `action` and returns the duration of the measure it leads the client to record. */
  const measured = async (name: string, action: () => Promise<void>): Promise<number> => {
    await page.evaluate((measure) => performance.clearMeasures(measure), name);
    await action();
    await page.waitForFunction((measure) => performance.getEntriesByName(measure).length > 0, name, { timeout: 60_000 });
    return page.evaluate((measure) => performance.getEntriesByName(measure)[0]!.duration, name);
  };

  // The workstation opens on the first view (by region): begin with another, so every click opens a view.
  const views = ['customers-by-category', 'customers-by-owner', 'customers-by-region'];
  const viewTimes: number[] = [];
  for (let i = 0; i < REPEATS + views.length; i++) {
    const ms = await measured('gx:view-first-page', () => page.locator(`gx-navigator button[data-view="${views[i % views.length]}"]`).click());
    if (i >= views.length) viewTimes.push(ms); // the first visit of each view warms its code paths
  }
  report(`client.view_first_page.${N / 1000}k.p50`, percentile(viewTimes, 50), 'ms');
  report(`client.view_first_page.${N / 1000}k.p95`, percentile(viewTimes, 95), 'ms');

  // The End key in a view of 10,000 documents reads every page; the page must stay responsive and
  // keep only the visible rows in the DOM.
  const endLongestTask = await watchLongestTask(page);
  const scroller = page.locator('gx-view-pane .scroller');
  await scroller.focus();
  const endStarted = Date.now();
  await page.keyboard.press('End');
  await page.waitForFunction(() => {
    const pane = document.querySelector('gx-app')?.shadowRoot?.querySelector('gx-workstation')?.shadowRoot?.querySelector('gx-view-pane')?.shadowRoot;
    const selected = pane?.querySelector<HTMLElement>('.row.selected');
    return selected !== null && selected !== undefined && Number(selected.dataset.index) === Number(pane?.querySelector('.scroller')?.getAttribute('aria-rowcount')) - 1;
  }, undefined, { timeout: 120_000 });
  report(`client.view_end_key.${N / 1000}k`, Date.now() - endStarted, 'ms');
  report(`client.view_end_key.${N / 1000}k.longest_task`, await endLongestTask(), 'ms');
  report(`client.view_end_key.${N / 1000}k.rows_in_dom`, await page.locator('gx-view-pane .row').count(), 'rows');
  await page.keyboard.press('Home');

  const documentTimes: number[] = [];
  const rows = page.locator('gx-view-pane .row[data-id]');
  for (let i = 0; i < REPEATS + 2; i++) {
    const ms = await measured('gx:doc-shown', () => rows.nth(i % 12).click());
    if (i >= 2) documentTimes.push(ms);
  }
  report('client.open_document.p50', percentile(documentTimes, 50), 'ms');
  report('client.open_document.p95', percentile(documentTimes, 95), 'ms');
} finally {
  await world.close();
}

const total = gzipSync(new Uint8Array(await readFile(join(DIST_DIR, 'app.js')))).length;
const withoutPouch = await bundleApp(POUCHDB);
report('client.bundle_gzip_without_pouchdb', gzipSync(withoutPouch.code).length / 1024, 'KB');
report('client.bundle_gzip_total', total / 1024, 'KB');
// What the bundle without PouchDB is made of, by package (minified bytes before gzip).
const byPackage = new Map<string, number>();
for (const output of Object.values(withoutPouch.metafile.outputs)) {
  for (const [path, input] of Object.entries(output.inputs)) {
    const parts = path.split('node_modules/').at(-1)!.split('/');
    const name = path.includes('node_modules/') ? parts.slice(0, parts[0]!.startsWith('@') ? 2 : 1).join('/') : parts[0]!;
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
  }
}
console.log(`# bundle without PouchDB, minified KB by package: ${[...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)}`).join(', ')}`);
