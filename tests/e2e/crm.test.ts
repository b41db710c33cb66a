import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import type { Doc } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { addRow, fill, openRow, openView, save, screenshot, signIn, visibleRows, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

describe('the CRM in Chromium: a customer with contacts, a deal opened from it, won, and a payment recorded', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([
      { name: '王芳', access: { crm: 'editor' } },
      { name: '李雷', access: { crm: 'author' } },
      { name: '周经理', access: { crm: 'editor' }, roles: ['[Manager]'] },
    ]);
    await world.running.store.database('crm').save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', dealNumberPrefix: 'YW', dealNumberDatePart: 'none', dealNumberDigits: 4 },
      { user: SERVER_USER, now: '2026-03-01T08:00:00.000Z' });
  });
  after(async () => {
    await world.close();
  });

  test('from a new customer to a won deal with order lines and a payment, numbered by the server', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openView(page, 'customers-by-name');
    await page.locator('gx-view-pane gx-action-bar button.primary').first().click();
    await fill(page, { name: '汉堡北方阀门有限公司', nameEn: 'Nordwerk Valves GmbH', category: 'existing', country: 'Germany', owner: '王芳', emailDomains: 'nordwerk.de' });
    await addRow(page, 'related', { name: 'Nordwerk Holding AG', relation: 'parent' });
    await save(page);
    const pane = page.locator('gx-document-pane');
    assert.match(await pane.locator('gx-field[name="related"] tbody').innerText(), /Nordwerk Holding AG[\s\S]*母公司/);

    for (const [name, email] of [['Hans Müller', 'hans@nordwerk.de, hans.mueller@gmail.com'], ['张伟', 'zhang.wei@nordwerk.de']] as const) {
      await pane.locator('button[data-action="new:Contact"]').click();
      assert.equal(await pane.locator('gx-field[name="customerName"] input').inputValue(), '汉堡北方阀门有限公司', 'the customer filled in');
      await fill(page, { name, emails: email });
      await save(page);
      await openRow(page, 'customers-by-name', '汉堡北方阀门有限公司');
    }
    await openView(page, 'contacts-by-customer');
    await expectEventually(async () => {
      const rows = await visibleRows(page);
      assert.ok(rows.some((r) => r.text.includes('Hans Müller')) && rows.some((r) => r.text.includes('张伟')), 'both contacts are in the view');
    }, { timeoutMs: 10_000 });

    await openRow(page, 'customers-by-name', '汉堡北方阀门有限公司');
    await pane.locator('button[data-action="new:Deal"]').click();
    await fill(page, { name: '北方阀门 2026 框架订单', amount: '30000', currency: 'EUR', stage: 's70', owner: '王芳' });
    await save(page);
    assert.match(await pane.locator('gx-field[name="number"] .value').innerText(), /待分配|YW\d{4}/);

    // Won: the order lines and the first payment, entered in the deal's tables.
    await pane.locator('button[data-action="edit"]').click();
    await fill(page, { status: 'won', contractNo: 'HT-2026-017' });
    await addRow(page, 'orderLines', { product: '不锈钢球阀 DN50', quantity: '400', price: '38.5' });
    await addRow(page, 'orderLines', { product: 'Butterfly valve DN150', quantity: '100', price: '76' });
    await addRow(page, 'payments', { due: '2026-04-30', amount: '-5' });
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('gx-field[name="payments"] .error').waitFor();
    assert.match(await pane.locator('gx-field[name="payments"] .error').innerText(), /应收金额/);
    await pane.locator('gx-field[name="payments"] [name="amount"]').fill('23000');
    await pane.locator('gx-field[name="payments"] [name="received"]').fill('23000');
    await save(page);
    await expectEventually(async () => assert.match(await pane.locator('gx-field[name="orderTotal"] .value').innerText(), /23,?000/), { timeoutMs: 5000 });
    await screenshot(page, 'zh-crm-deal-won');

    // On the server: the deal, won with its lines and payment, and numbered; the number comes back.
    const crm = world.running.store.database('crm');
    const deal = await expectEventually(async () => {
      const found = (await crm.pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc as Doc).find((d) => d.form === 'Deal');
      assert.ok(found && found.status === 'won' && typeof found.number === 'string', JSON.stringify(found));
      return found;
    }, { timeoutMs: 20_000 });
    assert.equal(deal.customerName, '汉堡北方阀门有限公司');
    assert.deepEqual(deal.orderLines, [{ product: '不锈钢球阀 DN50', quantity: 400, price: 38.5 }, { product: 'Butterfly valve DN150', quantity: 100, price: 76 }]);
    assert.deepEqual(deal.payments, [{ due: '2026-04-30', amount: 23000, received: 23000 }]);
    assert.equal(deal.orderTotal, 23000);
    assert.equal(deal.number, 'YW0001', 'the edit made while the server numbered the deal kept its number: no gap');
    await expectEventually(async () => assert.match(await pane.locator('gx-field[name="number"] .value').innerText(), /YW0001/), { timeoutMs: 20_000 });

    // The sales statistics: the deal won this year, in euros, for 王芳, in a table and a chart.
    await page.locator(`gx-navigator button[data-view="sales-statistics"]`).click();
    const row = page.locator('gx-statistics-pane tr[data-owner="王芳"][data-currency="EUR"]');
    await row.waitFor({ timeout: 10_000 });
    assert.match(await row.innerText(), /王芳\s+EUR\s+1\s+€?23,000/);
    assert.equal(await page.locator('gx-statistics-pane svg rect.won').count(), 1);
    await screenshot(page, 'zh-crm-statistics');
    assertNoCspViolations();
  });

  test('a manager urges the deal and hands it over from the workstation; the owner is notified', async () => {
    const crm = world.running.store.database('crm');
    const deal = (await crm.pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc as Doc).find((d) => d.form === 'Deal')!;
    const { page } = await world.workstation({ lang: 'zh' });
    await signIn(page, '周经理');
    await waitUntilReady(page);
    await openRow(page, 'deals-by-owner', '北方阀门 2026 框架订单');
    const pane = page.locator('gx-document-pane');

    page.once('dialog', (dialog) => void dialog.accept('客户在等报价，请今天回复'));
    await pane.locator('button[data-action="crm:urge"]').click();
    await page.locator('.toast', { hasText: '已催办' }).waitFor({ timeout: 10_000 });
    const urged = await crm.get(deal._id!);
    assert.deepEqual((urged.urges as Doc[]).map((u) => [u.by, u.message]), [['周经理', '客户在等报价，请今天回复']]);
    const notices = (await crm.pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc as Doc).filter((d) => d.form === 'Notice');
    assert.deepEqual(notices.map((n) => [n.kind, n.recipients]), [['urge', ['王芳']]]);

    page.once('dialog', (dialog) => void dialog.accept('无名氏'));
    await pane.locator('button[data-action="crm:hand-over"]').click();
    await page.locator('.toast', { hasText: '无名氏' }).waitFor({ timeout: 10_000 });
    page.once('dialog', (dialog) => void dialog.accept('李雷'));
    await pane.locator('button[data-action="crm:hand-over"]').click();
    await page.locator('.toast', { hasText: '已移交' }).waitFor({ timeout: 10_000 });
    const moved = await crm.get(deal._id!);
    assert.deepEqual([moved.owner, (moved.ownerHistory as Doc[]).length], [['李雷'], 1]);
    assert.ok(moved.readers!.includes('李雷') && !moved.readers!.includes('王芳'));
  });
});
