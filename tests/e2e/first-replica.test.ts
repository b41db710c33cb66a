import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Request } from 'playwright-core';
import { generateCustomers } from '../bench/generate-crm.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { openView, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

/**
 * The figure is 20,000 documents; on the shared test machine a replica of that size takes
 * minutes twice over, so this fills a replica of a few thousand, large enough for eight batches.
 */
const DOCS = 4000;

describe('a new workstation fills its replica', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: 'Alice', access: { crm: 'editor' } }]);
    const crm = world.running.store.database('crm');
    const docs = generateCustomers(DOCS);
    for (let i = 0; i < DOCS; i += 1000) await crm.saveMany(docs.slice(i, i + 1000), { now: '2026-11-23T08:00:00.000Z', user: { name: 'Alice', roles: [] } });
    // A server in use has its views indexed: the first view is read once before any browser signs in.
    await crm.view('customers-by-region', { limit: 1 });
  });
  after(async () => {
    await world.close();
  });

  test('the first view shows rows from the server while the replica fills (it said "no documents"), with a progress bar, then from the replica', async () => {
    const ws = await world.workstation({ lang: 'zh' });
    const sync: string[] = [];
    ws.page.on('request', (request: Request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/sync/crm/')) sync.push(`${request.method()} ${path}`);
    });
    await signIn(ws.page, 'Alice');
    // The home page opens first; the first view is chosen at once.
    await openView(ws.page, 'customers-by-region');
    const pane = ws.page.locator('gx-view-pane');
    await pane.locator('.row[data-id]').first().waitFor({ timeout: 20_000 });
    await pane.locator('[data-from-server]').waitFor();
    assert.match(await pane.locator('[data-total-count]').innerText(), /4,?000/);
    const bar = ws.page.locator('gx-status-indicator [data-filling-docs]');
    await bar.waitFor();
    assert.match(await bar.innerText(), /正在建立本地副本/);
    // Regression: sealed sequence tokens left the bar with documents but no share and no time left;
    // both now come from the gateway's doc_count.
    await ws.page.locator('gx-status-indicator [data-filling-docs]', { hasText: /（\d+%），约剩/ }).waitFor({ timeout: 60_000 });
    await screenshot(ws.page, 'zh-first-replica-filling');

    await waitUntilReady(ws.page, 120_000);
    await pane.locator('[data-from-server]').waitFor({ state: 'detached' });
    await bar.waitFor({ state: 'detached' });
    assert.match(await pane.locator('[data-total-count]').innerText(), /4,?000/);
    assert.ok(await pane.locator('.row[data-id]').count() > 0);
    // Regression: once the pull had caught up, the push sent every document received back through
    // _revs_diff (four requests of 1,000 here). It now starts where the replica is: its first
    // request is its checkpoint, and nothing goes out.
    await expectEventually(() => assert.ok(sync.some((request) => request.startsWith('PUT /sync/crm/_local/')), 'the push has started'));
    assert.deepEqual(sync.filter((request) => request.includes('_revs_diff') || request.includes('_bulk_docs')), []);
    ws.assertNoCspViolations();
  });

  test('the home page lists documents the server has and the replica does not hold yet (it said "nothing here" until they arrived)', async () => {
    const ws = await world.workstation({ lang: 'zh' });
    // The replica gets no documents: whatever the home page lists comes from the server.
    await ws.context.route('**/sync/crm/_bulk_get*', (route) => route.abort());
    await signIn(ws.page, 'Alice');
    // Customers of importance A entered on 2026-11-23 are due a contact weekly: a thousand are overdue, the list shows twenty.
    const overdue = ws.page.locator('gx-home-pane [data-section="overdue-contacts"] li[data-id]');
    await overdue.first().waitFor({ timeout: 20_000 });
    assert.equal(await overdue.count(), 20);
    assert.match(await overdue.first().innerText(), /\S/);
    await ws.context.close();
  });

  test('a first replica interrupted halfway (the browser closed) resumes where it was', async () => {
    const ws = await world.workstation({ lang: 'zh' });
    await signIn(ws.page, 'Alice');
    const bar = ws.page.locator('gx-status-indicator [data-filling-docs]');
    // Closed after the second batch of 1,000 is reported: PouchDB reports a batch before it writes
    // its checkpoint, so only then is the first's written (closed at the first, it began again).
    await ws.page.waitForFunction((min) => {
      const status = document.querySelector('gx-app')?.shadowRoot?.querySelector('gx-workstation')?.shadowRoot?.querySelector('gx-status-indicator')?.shadowRoot;
      return Number(status?.querySelector<HTMLElement>('[data-filling-docs]')?.dataset.fillingDocs ?? 0) >= min;
    }, DOCS / 2, { timeout: 60_000 });
    assert.ok(await bar.count() > 0, 'still filling when the browser closes');
    await ws.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await ws.context.close();

    // Started offline, so that every request of the resumed replication is seen.
    const again = await world.workstation({ lang: 'zh', profile: ws.profile, offline: true });
    const feeds: string[] = [];
    again.page.on('request', (request: Request) => {
      if (/\/sync\/crm\/_changes\?/.test(request.url())) feeds.push(new URL(request.url()).searchParams.get('since') ?? '');
    });
    await again.page.locator('gx-workstation').waitFor();
    await again.context.setOffline(false);
    // Whether the session outlived the browser is the browser's choice: sign in again if asked.
    await again.page.locator('gx-sign-in, gx-status-indicator [data-online="true"]').first().waitFor({ timeout: 20_000 });
    if (await again.page.locator('gx-sign-in').count() > 0) await signIn(again.page, 'Alice');
    await waitUntilReady(again.page, 120_000);
    assert.ok(feeds.length > 0);
    assert.notEqual(feeds[0], '0', `the pull began again from the start: ${feeds.join(', ')}`);
    await openView(again.page, 'customers-by-region');
    const pane = again.page.locator('gx-view-pane');
    await pane.locator('[data-from-server]').waitFor({ state: 'detached' });
    assert.match(await pane.locator('[data-total-count]').innerText(), /4,?000/);
    again.assertNoCspViolations();
  });
});
