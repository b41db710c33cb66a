import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { createDocument, editDocument, openView, screenshot, signIn, waitForStatus, waitUntilReady, workstationWorld, type Workstation, type WorkstationWorld } from './workstation-world.js';

const alice = { name: 'Alice', roles: [] };

describe('workstation offline and in sync with a second browser', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: 'Alice', access: { crm: 'editor' } }, { name: 'Bob', access: { crm: 'editor' } }]);
    await world.running.store.database('crm').saveMany(['offline', 'edited', 'withdrawn', 'conflict', 'merged'].map((id) => (
      { _id: id, form: 'Customer', name: `客户 ${id}`, category: 'existing', city: '宁波' }
    )), { ...SEED_CTX, user: alice });
  });
  after(async () => {
    await world.close();
  });

  async function signedIn(name: string): Promise<Workstation> {
    const ws = await world.workstation({ lang: 'zh' });
    await signIn(ws.page, name);
    await waitUntilReady(ws.page);
    await openView(ws.page, 'customers-by-category');
    return ws;
  }

  /** Alice and Bob edit the same document while both are offline, then both come back online. */
  async function conflictingEdits(id: string, alicesEdit: Record<string, string>, bobsEdit: Record<string, string>): Promise<[Workstation, Workstation]> {
    const [a, b] = [await signedIn('Alice'), await signedIn('Bob')];
    await Promise.all([a.context.setOffline(true), b.context.setOffline(true)]);
    await waitForStatus(a.page, 'online', 'false');
    await waitForStatus(b.page, 'online', 'false');
    await editDocument(a.page, id, alicesEdit);
    await editDocument(b.page, id, bobsEdit);
    await Promise.all([a.context.setOffline(false), b.context.setOffline(false)]);
    return [a, b];
  }

  test('the page reloaded with the network off opens and shows the data, after a browser restart too', async () => {
    const ws = await signedIn('Alice');
    await ws.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await ws.context.setOffline(true);
    await ws.page.reload();
    await waitForStatus(ws.page, 'online', 'false');
    await ws.page.locator('gx-view-pane .row[data-id="offline"]').waitFor();
    await screenshot(ws.page, 'zh-offline');
    ws.assertNoCspViolations();
    await ws.context.close();

    const restarted = await world.workstation({ lang: 'zh', profile: ws.profile, offline: true });
    // It opens on the home page, as after any start; the view is one click away.
    await restarted.page.locator('gx-home-pane h2').waitFor();
    await openView(restarted.page, 'customers-by-category');
    await restarted.page.locator('gx-view-pane .row[data-id="offline"]').waitFor();
    await restarted.page.locator('gx-view-pane .row[data-id="offline"]').click();
    await restarted.page.locator('gx-document-pane h2', { hasText: '客户 offline' }).waitFor();
    restarted.assertNoCspViolations();
  });

  test('a workstation started offline syncs by itself when the network is back (it stayed offline until a reload)', async () => {
    const ws = await signedIn('Alice');
    await ws.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await ws.context.setOffline(true);
    await waitForStatus(ws.page, 'online', 'false');
    await createDocument(ws.page, { name: '离线新建的客户', category: 'partner', city: '义乌' });
    await ws.page.reload();
    await waitForStatus(ws.page, 'online', 'false');
    await waitForStatus(ws.page, 'pending', '1');
    const crm = world.running.store.database('crm');
    const created = async () => (await crm.pouch.allDocs({ include_docs: true })).rows.find((row) => row.doc?.name === '离线新建的客户');
    assert.equal(await created(), undefined);

    await ws.context.setOffline(false);
    const back = Date.now();
    // The figure is 5 s; the margin is for a machine shared with other test processes.
    await waitForStatus(ws.page, 'pending', '0', 10_000);
    await waitForStatus(ws.page, 'online', 'true', 1_000);
    console.log(`# synced ${Date.now() - back} ms after the network came back`);
    assert.ok(await created(), 'the customer made offline is on the server');
    // Live again: a change made on the server arrives with no reload.
    await crm.save({ ...(await crm.get('offline')), city: '重新连上后' }, { ...SEED_CTX, user: alice });
    await ws.page.locator('gx-view-pane .row[data-id="offline"]', { hasText: '重新连上后' }).waitFor({ timeout: 10_000 });
    ws.assertNoCspViolations();
  });

  test('an edit made offline is kept, shown as pending, and reaches a second browser when back online', async () => {
    const [a, b] = [await signedIn('Alice'), await signedIn('Bob')];
    await a.context.setOffline(true);
    await waitForStatus(a.page, 'online', 'false');
    await editDocument(a.page, 'edited', { city: '离线时改的城市' });
    await waitForStatus(a.page, 'pending', '1');
    assert.equal((await world.running.store.database('crm').get('edited')).city, '宁波');

    await a.context.setOffline(false);
    await b.page.locator('gx-view-pane .row[data-id="edited"]', { hasText: '离线时改的城市' }).waitFor({ timeout: 20_000 });
    await waitForStatus(a.page, 'pending', '0');
    a.assertNoCspViolations();
    b.assertNoCspViolations();
  });

  test('a document whose read access is withdrawn disappears from the second browser', async () => {
    const b = await signedIn('Bob');
    await b.page.locator('gx-view-pane .row[data-id="withdrawn"]').waitFor();
    const crm = world.running.store.database('crm');
    await crm.save({ ...(await crm.get('withdrawn')), readers: ['Alice'] }, { ...SEED_CTX, user: alice });
    await b.page.locator('gx-view-pane .row[data-id="withdrawn"]').waitFor({ state: 'detached', timeout: 20_000 });
    await b.page.getByRole('searchbox').fill('withdrawn');
    await b.page.locator('gx-search-results .summary', { hasText: '找到 0 个' }).waitFor();
    b.assertNoCspViolations();
  });

  test('a conflict made by two offline browsers is marked in the view and on the form, compared and resolved', async () => {
    const [a, b] = await conflictingEdits('conflict', { city: '甲城' }, { city: '乙城' });

    for (const ws of [a, b]) await ws.page.locator('gx-view-pane .row.conflict[data-id="conflict"]').waitFor({ timeout: 20_000 });
    await b.page.locator('gx-view-pane .row[data-id="conflict"]').click();
    await b.page.locator('gx-document-pane [data-conflict]').waitFor();
    await screenshot(b.page, 'zh-conflict-marked');
    await b.page.locator('gx-document-pane [data-conflict] button').click();
    const other = b.page.locator('gx-conflict-pane thead th[data-rev]').nth(1);
    await other.waitFor();
    await screenshot(b.page, 'zh-conflict-compare');
    const cities = await b.page.locator('gx-conflict-pane tbody tr', { hasText: '城市' }).locator('td').allInnerTexts();
    const kept = cities[1]!.trim();
    assert.deepEqual(new Set(cities.map((c) => c.trim())), new Set(['甲城', '乙城']));
    await other.locator('button[data-keep]').click();

    for (const ws of [a, b]) {
      await ws.page.locator('gx-view-pane .row[data-id="conflict"]:not(.conflict)', { hasText: kept }).waitFor({ timeout: 20_000 });
    }
    const stored = await world.running.store.database('crm').pouch.get('conflict', { conflicts: true });
    assert.equal(stored.city, kept);
    assert.equal(stored._conflicts, undefined);
    a.assertNoCspViolations();
    b.assertNoCspViolations();
  });

  test('a conflict is merged with fields picked from either version', async () => {
    const [a, b] = await conflictingEdits('merged', { city: '甲城' }, { postcode: '200000' });

    await a.page.locator('gx-view-pane .row.conflict[data-id="merged"]').waitFor({ timeout: 20_000 });
    await a.page.locator('gx-view-pane .row[data-id="merged"]').click();
    await a.page.locator('gx-document-pane [data-conflict] button').click();
    const pane = a.page.locator('gx-conflict-pane');
    await pane.locator('label', { hasText: '甲城' }).locator('input').check();
    await pane.locator('label', { hasText: '200000' }).locator('input').check();
    await pane.locator('button[data-merge]').click();

    for (const ws of [a, b]) {
      await ws.page.locator('gx-view-pane .row[data-id="merged"]:not(.conflict)', { hasText: '甲城' }).waitFor({ timeout: 20_000 });
    }
    await expectEventually(async () => {
      const stored = await world.running.store.database('crm').pouch.get('merged', { conflicts: true });
      assert.deepEqual([stored.city, stored.postcode, stored._conflicts], ['甲城', '200000', undefined]);
    }, { timeoutMs: 10_000 });
    a.assertNoCspViolations();
    b.assertNoCspViolations();
  });
});
