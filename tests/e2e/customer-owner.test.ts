import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Doc } from '../../design/form.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { fill, openView, save, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

/** The customer of that name as the server holds it, once it has arrived there. */
async function storedCustomer(world: WorkstationWorld, name: string): Promise<Doc> {
  return expectEventually(async () => {
    const { rows } = await world.running.store.database('crm').pouch.allDocs({ include_docs: true });
    const found = rows.map((r) => r.doc as unknown as Doc).find((d) => d.form === 'Customer' && d.name === name);
    assert.ok(found, `${name} has not reached the server yet`);
    return found;
  }, { timeoutMs: 20_000 });
}

async function newCustomer(page: Page): Promise<void> {
  await openView(page, 'customers-by-name');
  await page.locator('gx-view-pane gx-action-bar button.primary').first().click();
  await page.locator('gx-document-pane gx-field[name="owner"] gx-names-picker').waitFor();
}

const ownerChips = (page: Page) => page.locator('gx-document-pane gx-field[name="owner"] .chip');

describe('the owner of a customer entered in the workstation', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([
      { name: '李雷', roles: ['[Sales]'], access: { crm: 'author' } },
      { name: '王芳', roles: ['[Sales]'], access: { crm: 'author' } },
      { name: '张经理', roles: ['[Admin]'], access: { crm: 'manager' } },
    ]);
  });
  after(() => world.close());

  test('regression: a customer a salesperson entered had no owner and landed in the public pool; now it is theirs, shown and changeable in the form', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '李雷');
    await waitUntilReady(page);
    await newCustomer(page);
    assert.deepEqual(await ownerChips(page).evaluateAll((chips) => chips.map((c) => c.getAttribute('data-name'))), ['李雷'], 'offered before the first save');
    await fill(page, { name: '杭州瑞丰阀门有限公司' });
    await screenshot(page, 'zh-new-customer-owner');
    await save(page);
    const mine = await storedCustomer(world, '杭州瑞丰阀门有限公司');
    assert.deepEqual(mine.owner, ['李雷']);
    assert.ok(Array.isArray(mine.readers) && mine.readers.includes('李雷') && mine.readers.includes('[Manager]'), `restricted to its owner and the managers: ${JSON.stringify(mine.readers)}`);

    // Entered for a colleague: the offered owner is taken out and 王芳 picked instead.
    await newCustomer(page);
    await page.locator('gx-document-pane gx-field[name="owner"] .chip[data-name="李雷"] button').click();
    const picker = page.locator('gx-document-pane gx-field[name="owner"] gx-names-picker');
    await picker.getByRole('combobox').fill('wf');
    await picker.locator('li[role="option"][data-name="王芳"]').click();
    await picker.locator('.chip[data-name="王芳"]').waitFor();
    await fill(page, { name: '宁波海天进出口有限公司' });
    await save(page);
    assert.deepEqual((await storedCustomer(world, '宁波海天进出口有限公司')).owner, ['王芳']);

    // Left empty on purpose: the public pool, as before.
    await newCustomer(page);
    await page.locator('gx-document-pane gx-field[name="owner"] .chip[data-name="李雷"] button').click();
    await fill(page, { name: '温州公海阀门厂' });
    await save(page);
    const pooled = await storedCustomer(world, '温州公海阀门厂');
    assert.equal(pooled.owner, undefined);
    assert.deepEqual(pooled.readers, [], 'open to everyone in the database');
    assertNoCspViolations();
  });

  test('an administrator entering a customer is not made its owner', async () => {
    const { page } = await world.workstation({ lang: 'en' });
    await signIn(page, '张经理');
    await waitUntilReady(page);
    await newCustomer(page);
    assert.equal(await ownerChips(page).count(), 0, 'nothing offered');
    await fill(page, { name: 'Nordwerk Holding AG' });
    await save(page);
    const entered = await storedCustomer(world, 'Nordwerk Holding AG');
    assert.equal(entered.owner, undefined);
    assert.deepEqual(entered.readers, []);
  });

  test('an import by a salesperson keeps its rule: customers without an owner column go to the public pool', async () => {
    const { page } = await world.workstation({ lang: 'zh' });
    await signIn(page, '李雷');
    await waitUntilReady(page);
    await openView(page, 'customers-by-name');
    await page.locator('gx-view-pane button[data-action="import"]').click();
    const dialog = page.locator('gx-import-dialog');
    await dialog.locator('input[type="file"]').setInputFiles({ name: '客户名单.csv', mimeType: 'text/csv', buffer: Buffer.from('客户名称,城市\r\n苏州导入测试机械有限公司,苏州\r\n') });
    await dialog.locator('table[data-preview-rows]').waitFor();
    await dialog.locator('button[data-action="import"]').click();
    await dialog.locator('[data-report-counts]').waitFor();
    const imported = await storedCustomer(world, '苏州导入测试机械有限公司');
    assert.equal(imported.owner, undefined, 'not the importing salesperson\'s');
    assert.deepEqual(imported.readers, []);
    assert.equal(imported.createdBy, '李雷');
  });
});
