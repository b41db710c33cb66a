import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { Doc } from '../../design/form.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { visibleGeneratedIds } from './visible-ids.js';
import { fill, openRow, save, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const wang = { name: '王芳', roles: [] };

/** The picker in the last row of an `objects` field being edited. */
function rowPicker(page: Page, field: string): Locator {
  return page.locator(`gx-document-pane gx-field[name="${field}"] tbody tr`).last().locator('gx-link-picker');
}

async function pick(page: Page, field: string, typed: string, title: string): Promise<void> {
  const rows = page.locator(`gx-document-pane gx-field[name="${field}"] tbody tr`);
  const before = await rows.count();
  await page.locator(`gx-document-pane gx-field[name="${field}"] button.add`).click();
  // Once in a loaded CI run the new row's picker never came (30 s); not reproduced since. Should it
  // happen again, this says which it was: no row added, or a row without its picker.
  await expectEventually(async () => assert.equal(await rows.count(), before + 1, `the click on 添加一行 added a row to ${field}`), { timeoutMs: 10_000 });
  await rowPicker(page, field).getByRole('combobox').fill(typed, { timeout: 10_000 });
  const option = rowPicker(page, field).getByRole('option').filter({ hasText: title });
  await option.first().click();
}

describe('picking instead of typing in Chromium: a deal\'s competitor from the library, a customer\'s related company', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: '王芳', access: { crm: 'editor', library: 'reader' } }]);
    await world.running.store.database('crm').saveMany([
      { _id: 'c-hb', form: 'Customer', name: '汉堡北方阀门有限公司', category: 'existing', owner: ['王芳'] },
      { _id: 'c-hold', form: 'Customer', name: 'Nordwerk Holding AG', category: 'partner', owner: ['王芳'], city: 'Bremen' },
    ], { ...SEED_CTX, user: wang });
    await world.running.store.database('library').saveMany([
      { _id: 'comp-ksb', form: 'Competitor', name: 'KSB 凯士比', country: 'DE' },
      { _id: 'comp-cd', form: 'Competitor', name: '浙江超达阀门' },
    ], SEED_CTX);
  });
  after(async () => {
    await world.close();
  });

  test('the related company is picked, shown by name and opened from the customer; the deal\'s competitor is picked from the library', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openRow(page, 'customers-by-name', '汉堡北方阀门有限公司');
    const pane = page.locator('gx-document-pane');
    // A customer showed 13 action buttons on two lines: the everyday ones stay, the rest are in 更多.
    const bar = pane.locator('gx-action-bar');
    const shown = await bar.locator(':scope > button').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.action));
    assert.deepEqual(shown, ['edit', 'delete', 'new:Contact', 'new:Deal', 'new:Activity', 'new:Appointment', 'new:Complaint', 'new:Support', 'gtd:action', 'msg:about']);
    const barBox = await bar.boundingBox();
    assert.ok(barBox && barBox.height < 45, `the bar is one line (${barBox?.height} px)`);
    assert.equal(await bar.locator('.menu button[data-action="new:Nurture"]').isVisible(), false);
    await bar.locator('summary[data-action="more"]').click();
    assert.ok(await bar.locator('.menu button[data-action="new:Nurture"]').isVisible(), '新建培育邮件 in the menu');
    await screenshot(page, 'zh-customer-action-menu');
    await bar.locator('summary[data-action="more"]').click();
    await pane.locator('button[data-action="edit"]').click();
    await pick(page, 'related', 'nordwerk', 'Nordwerk Holding AG');
    await expectEventually(async () => assert.equal(await pane.locator('gx-field[name="related"] tbody tr').last().locator('[name="name"]').inputValue(), 'Nordwerk Holding AG'));
    await pane.locator('gx-field[name="related"] tbody tr').last().locator('select[name="relation"]').selectOption('parent');
    await save(page);
    const customer = await expectEventually(async () => {
      const doc = await world.running.store.database('crm').get('c-hb');
      assert.ok(Array.isArray(doc.related), 'the related companies are saved');
      return doc;
    }, { timeoutMs: 15_000 });
    assert.deepEqual(customer.related, [{ customerId: 'c-hold', name: 'Nordwerk Holding AG', relation: 'parent' }]);
    assert.deepEqual(await visibleGeneratedIds(page), []);

    // Read mode: the related company is a link; it opens that customer.
    await pane.locator('gx-field[name="related"] gx-link-picker button.open').click();
    await pane.locator('h2', { hasText: 'Nordwerk Holding AG' }).waitFor();

    await openRow(page, 'customers-by-name', '汉堡北方阀门有限公司');
    await pane.locator('button[data-action="new:Deal"]').click();
    await fill(page, { name: '北方阀门 2026 框架订单', owner: '王芳' });
    await pick(page, 'competitors', 'ksb', 'KSB 凯士比');
    await expectEventually(async () => assert.equal(await pane.locator('gx-field[name="competitors"] tbody tr').last().locator('[name="name"]').inputValue(), 'KSB 凯士比'));
    await pane.locator('gx-field[name="competitors"] tbody tr').last().locator('[name="strategy"]').fill('报价低 8%');
    await save(page);
    await screenshot(page, 'zh-deal-competitor-picked');
    const deal = await expectEventually(async () => {
      const { rows } = await world.running.store.database('crm').pouch.allDocs({ include_docs: true });
      const found = rows.map((row) => row.doc as Doc).find((doc) => doc.form === 'Deal');
      assert.ok(found, 'the document reached the server');
      return found;
    }, { timeoutMs: 15_000 });
    assert.deepEqual(deal.competitors, [{ competitorId: 'comp-ksb', name: 'KSB 凯士比', strategy: '报价低 8%' }]);
    assert.match(await pane.locator('gx-field[name="competitors"] tbody').innerText(), /KSB 凯士比[\s\S]*报价低 8%/);
    assert.deepEqual(await visibleGeneratedIds(page), []);
    assertNoCspViolations();
  });
});
