import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { CONTENT_SECURITY_POLICY } from '../../server/client-static.js';
import { SessionClient } from '../helpers/session-client.js';
import { createDocument, openView, PASSWORD, screenshot, signIn, visibleRows, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const alice = { name: 'Alice', roles: [] };

describe('workstation in Chromium: sign in, views, forms, search, languages', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: 'Alice', access: { crm: 'editor', discussion: 'editor' } }]);
    const crm = world.running.store.database('crm');
    await crm.saveMany([
      { _id: 'c-hd', form: 'Customer', name: '宁波宏达贸易有限公司', category: 'existing', city: '宁波', annualVolume: 1200 },
      { _id: 'c-gt', form: 'Customer', name: 'Global Trading GmbH', category: 'existing', city: 'Hamburg', annualVolume: 800 },
      { _id: 'c-zs', form: 'Contact', name: '张三', customerId: 'c-hd', customerName: '宁波宏达贸易有限公司', department: '采购部' },
      { _id: 'd-1', form: 'Deal', name: 'LED 灯具 2026 订单', customerId: 'c-hd', status: 'tracking', amount: 56000, currency: 'USD', opened: '2026-02-10' },
    ], { ...SEED_CTX, user: alice });
    const discussion = world.running.store.database('discussion');
    await discussion.save({ _id: 't-1', form: 'Topic', subject: '广交会准备', category: ['展会'] }, { ...SEED_CTX, user: alice });
    await discussion.save({ _id: 'r-1', form: 'Response', parent: 't-1', subject: 'Re: 广交会准备', body: '样品已寄出' }, { ...SEED_CTX, user: alice });
  });
  after(async () => {
    await world.close();
  });

  test('sign in; a new customer shows under its category; sort, collapse, keyboard; user text stays text', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await page.locator('gx-sign-in').waitFor();
    await screenshot(page, 'zh-sign-in');
    await signIn(page, 'Alice');
    await waitUntilReady(page);
    await openView(page, 'customers-by-category');

    await createDocument(page, { name: '上海新客户有限公司', category: 'partner', city: '上海' });
    await expectEventually(async () => {
      const rows = await visibleRows(page);
      const at = rows.findIndex((row) => row.text.includes('上海新客户有限公司'));
      assert.ok(at > 0, 'the new customer is in the view');
      assert.equal(rows.slice(0, at).reverse().find((row) => row.category)?.category, 'partner');
      assert.match(rows.find((row) => row.category === 'partner')!.text, /合作伙伴/);
    }, { timeoutMs: 10_000 });

    // Required fields and their messages, next to the field.
    await page.locator('gx-view-pane gx-action-bar button.primary').first().click();
    await page.locator('gx-document-pane button[data-action="save"]').click();
    await page.locator('gx-document-pane gx-field[name="name"] .error').waitFor();
    assert.match(await page.locator('gx-document-pane gx-field[name="name"] .error').innerText(), /请填写“客户名称”/);
    await screenshot(page, 'zh-edit-validation');
    await page.locator('gx-document-pane button[data-action="cancel"]').click();

    // Collapse all: categories only; one category opens again by click, closes by the Left key.
    await page.locator('gx-view-pane button[data-action="collapse-all"]').click();
    await expectEventually(async () => assert.ok((await visibleRows(page)).every((row) => row.category), JSON.stringify(await visibleRows(page))), { timeoutMs: 5000 });
    await page.locator('gx-view-pane .row[data-category="existing"]').click();
    await expectEventually(async () => assert.equal((await visibleRows(page)).filter((row) => row.id).length, 2), { timeoutMs: 5000 });
    await page.keyboard.press('ArrowLeft');
    await expectEventually(async () => assert.ok((await visibleRows(page)).every((row) => row.category), 'every row is under a category'), { timeoutMs: 5000 });
    await page.keyboard.press('ArrowRight');
    await expectEventually(async () => assert.equal((await visibleRows(page)).filter((row) => row.id).length, 2), { timeoutMs: 5000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('gx-document-pane h2', { hasText: /宁波宏达|Global Trading/ }).waitFor();

    // A click on a sorted column's title re-sorts a small view here: ascending, then descending.
    await openView(page, 'customers-by-name');
    const names = async () => (await visibleRows(page)).map((row) => row.text);
    await expectEventually(async () => assert.equal((await names()).length, 3));
    const ascending = await names();
    await page.locator('gx-view-pane [role="columnheader"][data-column="0"]').click();
    await page.locator('gx-view-pane [role="columnheader"][data-column="0"]').click();
    assert.deepEqual(await names(), [...ascending].reverse());

    // A name with markup is shown as its text, everywhere, and runs nothing.
    await openView(page, 'customers-by-category');
    const evil = '<img src=x onerror="window.__xss=1">坏客户';
    await createDocument(page, { name: evil, category: 'potential' });
    await page.locator('gx-view-pane .row', { hasText: '坏客户' }).waitFor();
    assert.equal(await page.locator('gx-view-pane .row', { hasText: '坏客户' }).locator('div').nth(1).innerText(), evil);
    assert.equal(await page.locator('gx-document-pane h2').innerText(), evil);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.evaluate(() => (window as { __xss?: number }).__xss), undefined);

    assertNoCspViolations();
  });

  test('search finds Chinese words inside text and names by pinyin initials, offline too', async () => {
    const { page, context, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, 'Alice');
    await waitUntilReady(page);
    await context.setOffline(true);
    const search = page.getByRole('searchbox');
    await search.fill('宏达');
    await page.locator('gx-search-results li[data-id="c-hd"]').waitFor();
    await search.fill('zs');
    await page.locator('gx-search-results li[data-id="c-zs"]').waitFor();
    await search.fill('样品');
    await page.locator('gx-search-results li[data-id="r-1"]').waitFor();
    await search.fill('global hamburg');
    await page.locator('gx-search-results li[data-id="c-gt"]').waitFor();
    assert.equal(await page.locator('gx-search-results li').count(), 1);
    await page.locator('gx-search-results li[data-id="c-gt"]').click();
    await page.locator('gx-document-pane h2', { hasText: 'Global Trading GmbH' }).waitFor();
    assertNoCspViolations();
  });

  test('the language switch is remembered; dates, numbers and money follow it; screenshots of the main screens', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, 'Alice');
    await waitUntilReady(page);
    await visitMainScreens(page, 'zh', '2026年2月10日', '宏达');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.reload();
    await page.locator('gx-workstation').waitFor();
    await page.getByRole('combobox', { name: 'Language' }).waitFor();
    await visitMainScreens(page, 'en', '10 Feb 2026', 'zs', 'Tracking');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('gx-sign-in').waitFor();
    await screenshot(page, 'en-sign-in');
    assertNoCspViolations();
  });

  test('the server serves the built workstation with its Content-Security-Policy, and the databases a user may read', async () => {
    const page = await fetch(`${world.url}/`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self';/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval/);
    const worker = await fetch(`${world.url}/sw.js`);
    assert.equal(worker.headers.get('service-worker-allowed'), '/');
    assert.equal(worker.headers.get('cache-control'), 'no-cache');
    assert.equal((await fetch(`${world.url}/meta.json`)).status, 404);

    const client = new SessionClient(world.url);
    assert.equal((await client.request('GET', '/api/me/databases')).status, 401);
    await client.signIn('Alice', PASSWORD);
    const { body } = await client.request('GET', '/api/me/databases');
    const databases = body?.databases as { name: string; level: string; names: string[] }[];
    // The library is everyone's to read by default (server/directory/default-acls.ts).
    assert.deepEqual(databases.map((db) => [db.name, db.level]), [['crm', 'editor'], ['discussion', 'editor'], ['library', 'reader'], ['office', 'author']]);
    assert.ok(databases[0]!.names.includes('Alice'));
  });
});

/**
 * The main screens in one language, each kept as a screenshot: a deal (its money and date formatted
 * for the language, and optionally its status category titled), customers, a thread, a search.
 */
async function visitMainScreens(page: Page, lang: 'zh' | 'en', openedText: string, searchText: string, trackingTitle?: string): Promise<void> {
  await openView(page, 'deals-by-status');
  await page.locator('gx-view-pane .row[data-id="d-1"]').click();
  await page.locator('gx-document-pane gx-field[name="amount"]', { hasText: 'US$56,000.00' }).waitFor();
  await page.locator('gx-document-pane gx-field[name="opened"]', { hasText: openedText }).waitFor();
  if (trackingTitle) await page.locator('gx-view-pane .row[data-category="tracking"]', { hasText: trackingTitle }).waitFor();
  await screenshot(page, `${lang}-deal`);
  await openView(page, 'customers-by-category');
  await page.locator('gx-view-pane .row[data-id="c-hd"]').click();
  await screenshot(page, `${lang}-workstation`);
  await openView(page, 'all-documents');
  await page.locator('gx-view-pane .row.response[data-id="r-1"]').waitFor();
  await screenshot(page, `${lang}-discussion-thread`);
  await page.getByRole('searchbox').fill(searchText);
  await page.locator('gx-search-results li').first().waitFor();
  await screenshot(page, `${lang}-search`);
  await page.getByRole('searchbox').fill('');
}
