import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { openView, screenshot, signIn, visibleRows, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const wang = { name: '王芳', roles: [] };

function picker(page: Page, field: string) {
  return page.locator(`gx-document-pane gx-field[name="${field}"] gx-link-picker`);
}

async function newDocumentFrom(page: Page, viewId: string): Promise<void> {
  await openView(page, viewId);
  await page.locator('gx-view-pane gx-action-bar button.primary').first().click();
  await page.locator('gx-document-pane button[data-action="save"]').waitFor();
}

/** The documents of a form as the server holds them. */
async function onServer(world: WorkstationWorld, form: string): Promise<Record<string, unknown>[]> {
  const { rows } = await world.running.store.database('crm').pouch.allDocs({ include_docs: true });
  return rows.flatMap((row) => (row.doc && row.doc.form === form ? [row.doc as Record<string, unknown>] : []));
}

async function save(page: Page): Promise<void> {
  const pane = page.locator('gx-document-pane');
  await pane.locator('button[data-action="save"]').click();
  await pane.locator('button[data-action="edit"]').waitFor();
}

describe('choosing a linked document in Chromium: a deal\'s customer, a support request\'s standard answer', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: '王芳', access: { crm: 'editor', library: 'editor' } }]);
    await world.running.store.database('crm').saveMany([
      { _id: 'c-hd', form: 'Customer', name: '宁波宏达贸易有限公司', category: 'existing', city: '宁波' },
      { _id: 'c-ht', form: 'Customer', name: '宁波海天泵业有限公司', category: 'existing', city: '宁波' },
      { _id: 'c-gt', form: 'Customer', name: 'Global Trading GmbH', category: 'existing', city: 'Hamburg' },
      { _id: 'p-zs', form: 'Contact', name: '张三', customerId: 'c-hd', customerName: '宁波宏达贸易有限公司' },
    ], { ...SEED_CTX, user: wang });
    await world.running.store.database('library').saveMany([
      { _id: 'qa-warranty', form: 'QA', question: '水泵保修期多长？', answer: '整机保修十八个月，易损件除外。' },
      { _id: 'qa-delivery', form: 'QA', question: '交货期多久？', answer: '常规型号三十天内发货。' },
    ], { ...SEED_CTX, user: wang });
  });
  after(async () => {
    await world.close();
  });

  test('a deal made from the Deals view gets its customer by pinyin initials and the keyboard, and shows on the customer\'s timeline', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await newDocumentFrom(page, 'deals-by-status');
    await page.locator('gx-document-pane gx-field[name="name"] input').fill('变频水泵 2026 年订单');

    const customer = picker(page, 'customerId');
    const search = customer.getByRole('combobox');
    await search.fill('nbh');
    const options = customer.getByRole('option');
    await expectEventually(async () => assert.deepEqual((await options.allInnerTexts()).map((t) => t.split('\n')[0]).sort(), ['宁波宏达贸易有限公司', '宁波海天泵业有限公司'].sort()));
    const second = (await options.nth(1).innerText()).split('\n')[0];
    await search.press('ArrowDown');
    assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true', 'the arrow key moves the choice');
    await search.press('ArrowUp');
    await search.press('ArrowUp');
    assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true', 'up from the first wraps to the last');
    await search.press('Enter');
    const customerName = page.locator('gx-document-pane gx-field[name="customerName"] input');
    await expectEventually(async () => assert.equal(await customerName.inputValue(), second));

    // Escape closes the list and changes nothing; Clear empties the link and its name.
    await search.fill('nbh');
    await options.first().waitFor();
    await search.press('Escape');
    assert.equal(await options.count(), 0, 'Escape closes the list');
    assert.equal(await customerName.inputValue(), second);
    await customer.locator('button.clear').click();
    await expectEventually(async () => assert.equal(await customerName.inputValue(), ''));

    await search.fill('zzzz');
    assert.match(await customer.locator('.message').innerText(), /本机副本中没有与“zzzz”匹配的文档/);
    await search.fill('hdmy');
    await expectEventually(async () => assert.deepEqual((await options.allInnerTexts()).map((t) => t.split('\n')[0]), ['宁波宏达贸易有限公司']));
    await screenshot(page, 'link-picker-customer');
    await search.press('Enter');
    await expectEventually(async () => assert.equal(await customerName.inputValue(), '宁波宏达贸易有限公司'));
    await save(page);

    const deal = await expectEventually(async () => {
      const [found] = await onServer(world, 'Deal');
      assert.ok(found, 'the deal reached the server');
      return found;
    }, { timeoutMs: 15_000 });
    assert.equal(deal.customerId, 'c-hd');
    assert.equal(deal.customerName, '宁波宏达贸易有限公司');

    await openView(page, 'customer-timeline');
    await expectEventually(async () => {
      const rows = await visibleRows(page);
      const category = rows.findIndex((r) => r.category !== undefined && r.text.includes('宁波宏达贸易有限公司'));
      assert.ok(category >= 0 && rows[category + 1]?.text.includes('变频水泵 2026 年订单'), 'the deal under its customer');
    }, { timeoutMs: 10_000 });

    // Read mode: the customer's name opens the customer.
    await page.locator(`gx-view-pane .row[data-id="${String(deal._id)}"]`).click();
    await customer.locator('button.open', { hasText: '宁波宏达贸易有限公司' }).click();
    await page.locator('gx-document-pane h2', { hasText: '宁波宏达贸易有限公司' }).waitFor();
    assert.equal(await page.locator('gx-document-pane .form-name').innerText(), '客户资料');
    assertNoCspViolations();
  });

  test('the customer picker puts names that start with what was typed first, and tells two customers of one name apart', async () => {
    // 汇川 comes first by id and is saved first, so a picker listing matches as stored would show it first.
    await world.running.store.database('crm').saveMany([
      { _id: 'c-1-hc', form: 'Customer', name: '广州汇川水务工程有限公司', nameEn: '广州 Atlas Co., Ltd.', category: 'existing', city: '广州', code: 'C0031', owner: ['王芳'] },
      { _id: 'c-2-at', form: 'Customer', name: 'Atlas Pumps Ltd', category: 'existing', city: 'Houston', code: 'C0107', owner: ['王芳'] },
      { _id: 'c-rf1', form: 'Customer', name: '杭州瑞丰阀门有限公司', category: 'existing', city: '杭州', code: 'C0012', owner: ['王芳'] },
      { _id: 'c-rf2', form: 'Customer', name: '杭州瑞丰阀门有限公司', category: 'existing', city: '萧山', code: 'C0047', owner: ['王芳', '陈静'] },
    ], { ...SEED_CTX, user: wang });
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await newDocumentFrom(page, 'deals-by-status');
    const customer = picker(page, 'customerId');
    const search = customer.getByRole('combobox');
    const options = customer.getByRole('option');
    const titles = async () => (await options.allInnerTexts()).map((t) => t.split('\n')[0]);

    await search.fill('atlas');
    await expectEventually(async () => assert.deepEqual(await titles(), ['Atlas Pumps Ltd', '广州汇川水务工程有限公司']));
    await search.fill('hzrf');
    await expectEventually(async () => assert.equal(await options.count(), 2));
    const lines = await options.allInnerTexts();
    assert.ok(lines.some((line) => /杭州瑞丰阀门有限公司[\s\S]*杭州 · C0012 · 王芳/.test(line)), lines.join(' | '));
    assert.ok(lines.some((line) => /杭州瑞丰阀门有限公司[\s\S]*萧山 · C0047 · 王芳、陈静/.test(line)), lines.join(' | '));
    await screenshot(page, 'link-picker-namesakes');
    await options.filter({ hasText: 'C0047' }).click();
    await expectEventually(async () => assert.equal(await page.locator('gx-document-pane gx-field[name="customerName"] input').inputValue(), '杭州瑞丰阀门有限公司'));
    assertNoCspViolations();
  });

  test('a support request takes its answer from the standard Q&A library, chosen with the mouse', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await newDocumentFrom(page, 'support-by-status');
    const customer = picker(page, 'customerId').getByRole('combobox');
    await customer.fill('宏达');
    await picker(page, 'customerId').getByRole('option').first().waitFor();
    await customer.press('Enter');
    await page.locator('gx-document-pane gx-field[name="question"] input').fill('水泵的保修期是多久？');

    const qa = picker(page, 'qaId');
    await qa.getByRole('combobox').fill('保修');
    await qa.getByRole('option', { name: /水泵保修期多长/ }).click();
    const answer = page.locator('gx-document-pane gx-field[name="answer"] textarea');
    await expectEventually(async () => assert.equal(await answer.inputValue(), '整机保修十八个月，易损件除外。'));
    await screenshot(page, 'link-picker-qa');
    await save(page);

    await expectEventually(async () => {
      const [support] = await onServer(world, 'Support');
      assert.ok(support, 'the request reached the server');
      assert.equal(support.qaId, 'qa-warranty');
      assert.equal(support.answer, '整机保修十八个月，易损件除外。');
      assert.equal(support.customerName, '宁波宏达贸易有限公司');
    }, { timeoutMs: 15_000 });
    // Read mode names the chosen answer by its question, from the library's replica.
    assert.equal(await qa.locator('button.open').innerText(), '水泵保修期多长？');
    assertNoCspViolations();
  });
});
