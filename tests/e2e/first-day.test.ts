import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { expectEventually } from '../helpers/expect-eventually.js';
import { visibleGeneratedIds } from './visible-ids.js';
import { fill, openView, save, screenshot, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

// The first day of an office, all in the browser: the setup link, the first administrator, people
// and a department, access control, and each person signing in to the databases they should see.

const ADMIN_PASSWORD = 'Tea-house 8';
const STAFF_PASSWORD = 'Lotus-notes 9';

let world: WorkstationWorld;
before(async () => (world = await workstationWorld([])));
after(() => world.close());

async function navigatorDatabases(page: Page): Promise<string[]> {
  await page.locator('gx-navigator section[data-db]').first().waitFor();
  return page.locator('gx-navigator section[data-db]').evaluateAll((sections) => sections.map((s) => (s as HTMLElement).dataset.db!));
}

async function addPerson(page: Page, fields: { name: string; department: string; title: string; email: string; roles: string }): Promise<void> {
  const people = page.locator('gx-admin-people');
  await people.locator('button[data-action="add-person"]').click();
  const form = people.locator('form[data-form="person"]');
  for (const [name, value] of Object.entries(fields)) await form.locator(`input[name="${name}"]`).fill(value);
  await form.locator('button[type="submit"]').click();
  await people.locator(`tr[data-person="${fields.name}"]`).waitFor();
  await people.locator('button[data-action="password"]').click();
  const password = people.locator('form[data-form="password"]');
  await password.locator('input[name="password"]').fill(STAFF_PASSWORD);
  await password.locator('input[name="repeat"]').fill(STAFF_PASSWORD);
  await password.locator('button[type="submit"]').click();
  await people.locator('[role="status"]', { hasText: fields.name }).waitFor();
}

async function addAclEntry(page: Page, db: string, name: string, level: string, roles = ''): Promise<void> {
  const acl = page.locator('gx-admin-acl');
  await acl.locator(`tr[data-db="${db}"]`).click();
  await acl.locator('button[data-action="add-entry"]').click();
  const row = acl.locator('tr[data-entry=""]');
  await row.locator('select').first().selectOption(name);
  const entry = acl.locator(`tr[data-entry="${name}"]`);
  await entry.locator('select').selectOption(level);
  if (roles) await entry.locator('input:not([type])').fill(roles);
  await entry.locator('input:not([type])').dispatchEvent('change');
  await acl.locator('button[data-action="save-acl"]').click();
  await acl.locator('[role="status"]').waitFor();
}

describe('the first day, without a command line', () => {
  test('the setup link makes the administrator, who adds people and a department and sets access; each person then sees the databases they should', async () => {
    const admin = await world.workstation({ lang: 'zh' });
    const { page } = admin;
    assert.ok(world.running.setupUrl, 'a fresh server offers the setup link');
    await page.goto(world.running.setupUrl);
    await page.reload();
    await page.locator('gx-setup form').waitFor();
    await page.getByLabel('用户名').fill('张经理');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('再次输入密码').fill('Tea-house 9');
    await page.getByRole('button', { name: '创建管理员并登录' }).click();
    await page.locator('gx-setup [role="alert"]', { hasText: '两次输入的密码不一致' }).waitFor();
    await page.getByLabel('再次输入密码').fill(ADMIN_PASSWORD);
    await screenshot(page, 'first-day-setup-zh');
    await page.getByRole('button', { name: '创建管理员并登录' }).click();
    await page.locator('gx-workstation').waitFor();
    assert.equal(new URL(page.url()).hash.includes('setup='), false, 'the token leaves the address bar');
    assert.deepEqual(await navigatorDatabases(page), ['names', 'crm', 'discussion', 'library', 'office']);

    await page.locator('gx-workstation button[data-action="admin"]').click();
    await page.locator('gx-admin-people').waitFor();
    // A department is a group; made first, then chosen for the people in it.
    await page.locator('gx-admin-pane button[data-tab="groups"]').click();
    const groups = page.locator('gx-admin-groups');
    await groups.locator('button[data-action="add-group"]').click();
    await groups.locator('input[name="name"]').fill('外贸一部');
    await groups.locator('input[name="description"]').fill('欧洲和北美客户');
    await groups.locator('button[type="submit"]').click();
    await groups.locator('tr[data-group="外贸一部"]').waitFor();

    await page.locator('gx-admin-pane button[data-tab="people"]').click();
    await addPerson(page, { name: '李雷', department: '外贸一部', title: '业务员', email: 'li.lei@example.cn', roles: '[Sales]' });
    await addPerson(page, { name: '王芳', department: '外贸一部', title: '业务经理', email: 'wang.fang@example.cn', roles: '[Sales], [Manager]' });
    await addPerson(page, { name: 'Sarah Miller', department: '质检部', title: 'QA', email: 'sarah@example.com', roles: '' });
    await screenshot(page, 'first-day-admin-people-zh');

    await page.locator('gx-admin-pane button[data-tab="groups"]').click();
    await expectEventually(async () => assert.equal(await groups.locator('tr[data-group="外贸一部"] td').nth(1).textContent(), '李雷, 王芳'));

    await page.locator('gx-admin-pane button[data-tab="acls"]').click();
    await addAclEntry(page, 'crm', '外贸一部', 'author', '[Sales]');
    await addAclEntry(page, 'crm', '王芳', 'editor', '[Manager]');
    await addAclEntry(page, 'library', '质检部', 'editor');
    // Quality handles complaints, which are customer records.
    await addAclEntry(page, 'crm', '质检部', 'author');
    await screenshot(page, 'first-day-admin-acl-zh');

    await page.locator('gx-admin-pane button[data-tab="log"]').click();
    const log = page.locator('gx-admin-pane table[data-log]');
    await log.waitFor();
    const text = await log.textContent();
    for (const expected of ['张经理', '添加人员', '李雷', '设置密码', '修改访问控制', '外贸一部 author [Sales]']) assert.ok(text?.includes(expected), `the log shows ${expected}`);
    assert.ok(!text?.includes(STAFF_PASSWORD));
    await screenshot(page, 'first-day-admin-log-zh');
    assert.deepEqual(await visibleGeneratedIds(page), []);
    admin.assertNoCspViolations();

    const expected: [string, 'zh' | 'en', string[]][] = [
      ['李雷', 'zh', ['crm', 'discussion', 'library', 'office']],
      ['王芳', 'en', ['crm', 'discussion', 'library', 'office']],
      ['Sarah Miller', 'en', ['crm', 'discussion', 'library', 'office']],
    ];
    for (const [name, lang, databases] of expected) {
      const staff = await world.workstation({ lang });
      await staff.page.getByLabel(lang === 'zh' ? '用户名' : 'Name').fill(name);
      await staff.page.getByLabel(lang === 'zh' ? '密码' : 'Password').fill(STAFF_PASSWORD);
      await staff.page.getByRole('button', { name: lang === 'zh' ? '登录' : 'Sign in' }).click();
      await staff.page.locator('gx-workstation').waitFor();
      assert.deepEqual(await navigatorDatabases(staff.page), databases, name);
      assert.deepEqual(await visibleGeneratedIds(staff.page), [], name);
      assert.equal(await staff.page.locator('gx-workstation button[data-action="admin"]').count(), 0, `${name} administers nothing`);
      await screenshot(staff.page, `first-day-signed-in-${lang}-${name.replace(/\s/g, '-')}`);
      staff.assertNoCspViolations();
      await staff.context.close();
    }

    // The administration in English too.
    await page.locator('gx-workstation select').first().selectOption('en');
    await page.locator('gx-admin-pane button[data-tab="acls"]').click();
    await page.locator('gx-admin-acl tr[data-db="crm"]').click();
    await page.locator('gx-admin-acl tr[data-entry="外贸一部"]').waitFor();
    await screenshot(page, 'first-day-admin-acl-en');

    const { li, sarah } = await complaintOfTheFirstDay();
    await pickingOnTheFirstDay(li, sarah);
  });
});

/** Signs a person made in the browser in on a workstation of their own. */
async function staffWorkstation(name: string, lang: 'zh' | 'en'): Promise<Page> {
  const { page } = await world.workstation({ lang });
  await page.getByLabel(lang === 'zh' ? '用户名' : 'Name').fill(name);
  await page.getByLabel(lang === 'zh' ? '密码' : 'Password').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: lang === 'zh' ? '登录' : 'Sign in' }).click();
  await waitUntilReady(page);
  return page;
}

/** Takes a complaint's step in its dialog and waits for the server's stamp to come back. */
async function step(page: Page, action: string, answer: string, status: RegExp): Promise<void> {
  await page.locator(`gx-complaint-steps button[data-step="${action}"]`).click();
  const dialog = page.locator(`gx-complaint-steps form[data-dialog="${action}"]`);
  if (action === 'approve') await dialog.locator('select[name="department"]').selectOption(answer);
  else await dialog.locator('textarea').fill(answer);
  await dialog.locator('button[type="submit"]').click();
  await expectEventually(async () => {
    const refused = page.locator('gx-complaint-steps .error');
    assert.equal(await refused.count(), 0, await refused.count() > 0 ? await refused.innerText() : '');
    assert.match(await page.locator('gx-document-pane gx-field[name="status"] .value').innerText(), status);
  }, { timeoutMs: 20_000 });
  assert.deepEqual(await visibleGeneratedIds(page), [], `no id after ${action}`);
}

/**
 * The people the administrator made go to work: 李雷 enters a customer and files a complaint for
 * his manager's review, 王芳 routes it to 质检部, its member Sarah Miller handles and solves it,
 * 李雷 closes it — each by the buttons the complaint offers them, in Chinese and English.
 */
async function complaintOfTheFirstDay(): Promise<{ li: Page; sarah: Page }> {
  const li = await staffWorkstation('李雷', 'zh');
  await openView(li, 'customers-by-name');
  await li.locator('gx-view-pane gx-action-bar button.primary').first().click();
  await fill(li, { name: '汉堡北方阀门有限公司', country: '德国' });
  await save(li);
  const pane = li.locator('gx-document-pane');
  await pane.locator('button[data-action="new:Complaint"]').click();
  await fill(li, { subject: '球阀漏水', category: 'quality', aboutKind: 'product', about: 'DN50 球阀', description: '第二批 DN50 球阀有 12 只漏水', manager: '王芳' });
  await pane.locator('gx-field[name="needsReview"] input').check();
  await save(li);
  const id = await expectEventually(async () => {
    const { rows } = await world.running.store.database('crm').pouch.allDocs({ include_docs: true });
    const complaint = rows.find((row) => row.doc?.form === 'Complaint');
    assert.ok(complaint, 'the complaint has reached the server');
    return complaint.id;
  }, { timeoutMs: 20_000 });
  await step(li, 'submitForReview', '客户要求补发', /待经理审核/);
  await screenshot(li, 'first-day-complaint-filed-zh');

  const openComplaint = async (name: string, lang: 'zh' | 'en') => {
    const page = await staffWorkstation(name, lang);
    await openView(page, 'complaints-by-status');
    await expectEventually(async () => assert.equal(await page.locator(`gx-view-pane .row[data-id="${id}"]`).count(), 1), { timeoutMs: 20_000 });
    await page.locator(`gx-view-pane .row[data-id="${id}"]`).click();
    return page;
  };
  const wang = await openComplaint('王芳', 'en');
  await step(wang, 'approve', '质检部', /Being handled/);
  await screenshot(wang, 'first-day-complaint-routed-en');
  const sarah = await openComplaint('Sarah Miller', 'en');
  await step(sarah, 'handle', 'Called the customer; replacement valves on the way', /Being handled/);
  await step(sarah, 'solve', '补发 12 只新阀门', /Solved/);
  await screenshot(sarah, 'first-day-complaint-solved-en');
  await step(li, 'close', '客户满意，已结案', /已关闭/);
  await expectEventually(async () => assert.equal(await li.locator('gx-complaint-steps ol[data-history] li').count(), 5));
  await screenshot(li, 'first-day-complaint-closed-zh');
  const stored = await world.running.store.database('crm').get(id);
  assert.deepEqual((stored.steps as { action: string; by: string }[]).map((s) => [s.action, s.by]), [
    ['submitForReview', '李雷'], ['approve', '王芳'], ['handle', 'Sarah Miller'], ['solve', 'Sarah Miller'], ['close', '李雷'],
  ]);
  return { li, sarah };
}

/** Picks a document in a new row of an `objects` field by what is typed, among the options offered. */
async function pickInRow(page: Page, field: string, typed: string, title: string): Promise<void> {
  const table = page.locator(`gx-document-pane gx-field[name="${field}"]`);
  await table.locator('button.add').click();
  const picker = table.locator('tbody tr').last().locator('gx-link-picker');
  await picker.getByRole('combobox').fill(typed);
  await picker.getByRole('option').filter({ hasText: title }).first().click();
  await expectEventually(async () => assert.notEqual(await table.locator('tbody tr').last().locator('[name="name"], [name="product"]').first().inputValue(), ''));
}

/**
 * Sarah Miller keeps the library (made its editor in the browser): a product and a competitor. 李雷
 * relates his customer to its holding and opens it from there, makes a deal whose order line picks
 * the product and which picks the competitor, and is asked before an edit is left behind.
 */
async function pickingOnTheFirstDay(li: Page, sarah: Page): Promise<void> {
  await openView(sarah, 'products-by-category');
  await sarah.locator('gx-view-pane gx-action-bar button.primary').first().click();
  await fill(sarah, { name: '不锈钢球阀 DN50', model: 'BV-50-316', price: '12.5', currency: 'USD' });
  await save(sarah);
  await openView(sarah, 'competitors');
  await sarah.locator('gx-view-pane gx-action-bar button.primary').first().click();
  await fill(sarah, { name: 'KSB 凯士比', country: 'Germany' });
  await save(sarah);
  await sarah.locator('gx-document-pane gx-field[name="country"] .value', { hasText: 'Germany' }).waitFor();
  assert.deepEqual(await visibleGeneratedIds(sarah), []);

  await openView(li, 'customers-by-name');
  await li.locator('gx-view-pane gx-action-bar button.primary').first().click();
  await fill(li, { name: 'Nordwerk Holding AG', city: 'Bremen', country: '德国' });
  await save(li);
  await openView(li, 'customers-by-name');
  await li.locator('gx-view-pane .row', { hasText: '汉堡北方阀门有限公司' }).click();
  const pane = li.locator('gx-document-pane');
  await pane.locator('h2', { hasText: '汉堡北方阀门有限公司' }).waitFor();
  await pane.locator('button[data-action="edit"]').click();
  await pickInRow(li, 'related', 'nordwerk', 'Nordwerk Holding AG');
  await pane.locator('gx-field[name="related"] tbody tr').last().locator('select[name="relation"]').selectOption('parent');
  await save(li);
  await pane.locator('gx-field[name="related"] gx-link-picker button.open').click();
  await pane.locator('h2', { hasText: 'Nordwerk Holding AG' }).waitFor();
  await screenshot(li, 'first-day-related-company-zh');

  await openView(li, 'customers-by-name');
  await li.locator('gx-view-pane .row', { hasText: '汉堡北方阀门有限公司' }).click();
  await pane.locator('h2', { hasText: '汉堡北方阀门有限公司' }).waitFor();
  await pane.locator('button[data-action="new:Deal"]').click();
  await fill(li, { name: '北方阀门 2026 年订单' });
  await pickInRow(li, 'competitors', 'ksb', 'KSB 凯士比');
  await pickInRow(li, 'orderLines', 'bxgqf', '不锈钢球阀 DN50');
  const line = pane.locator('gx-field[name="orderLines"] tbody tr').last();
  assert.equal(await line.locator('[name="price"]').inputValue(), '12.5', 'the price comes with the product');
  await line.locator('[name="quantity"]').fill('200');
  await save(li);
  assert.match(await pane.locator('gx-field[name="competitors"] tbody').innerText(), /KSB 凯士比/);
  assert.match(await pane.locator('gx-field[name="orderLines"] tbody').innerText(), /不锈钢球阀 DN50/);
  await screenshot(li, 'first-day-deal-picked-zh');
  assert.deepEqual(await visibleGeneratedIds(li), []);

  // An edit is not left behind without a word.
  await pane.locator('button[data-action="edit"]').click();
  await pane.locator('gx-field[name="name"] input').fill('北方阀门 2026 年框架订单');
  await li.locator('gx-navigator button[data-view="customers-by-name"]').click();
  const question = li.locator('gx-workstation section[data-dialog="unsaved"]');
  await question.waitFor();
  await screenshot(li, 'first-day-unsaved-zh');
  await question.locator('button[data-choice="save"]').click();
  await li.locator('gx-navigator button.open[data-view="customers-by-name"]').waitFor();
  await expectEventually(async () => {
    const { rows } = await world.running.store.database('crm').pouch.allDocs({ include_docs: true });
    const deal = rows.map((row) => row.doc as Record<string, unknown>).find((doc) => doc.form === 'Deal');
    assert.equal(deal?.name, '北方阀门 2026 年框架订单');
    assert.deepEqual((deal?.orderLines as Record<string, unknown>[])[0]?.product, '不锈钢球阀 DN50');
    assert.equal((deal?.competitors as Record<string, unknown>[])[0]?.name, 'KSB 凯士比');
  }, { timeoutMs: 20_000 });
}
