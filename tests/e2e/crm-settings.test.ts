import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { SERVER_USER } from '../../design/user.js';
import { readMailSecret } from '../../server/mail/mail-secrets.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { addRow, fill, openRow, openView, save, screenshot, signIn, visibleRows, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

/** The workstation's calendar in this test: overdue means due before 10 May 2026. */
const NOW = new Date('2026-05-10T10:00:00');
const at = { user: SERVER_USER, now: '2026-05-01T08:00:00.000Z' };

describe('the CRM settings in Chromium: added categories, custom fields, stage probabilities, overdue lists and converted statistics', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: '王芳', access: { crm: 'editor' } }, { name: '李经理', access: { crm: 'manager', names: 'manager' } }]);
    const crm = world.running.store.database('crm');
    await crm.save({
      _id: CRM_SETTINGS_ID, form: 'CrmSettings', customerCategories: [{ zh: '展会意向', en: 'Trade-fair lead' }], customFields: ['付款方式', '唛头'],
      stageProbabilities: [{ stage: 's50', probability: 60 }], baseCurrency: 'CNY', exchangeRates: [{ currency: 'USD', rate: 7 }],
    }, at);
    const deal = (id: string, fields: Doc): Doc => ({ _id: id, form: 'Deal', customerId: 'c-hamburg', customerName: 'Hamburg Valves', owner: ['王芳'], number: id, ...fields });
    const results = await crm.saveMany([
      { _id: 'c-hamburg', form: 'Customer', name: 'Hamburg Valves', code: 'C1', owner: ['王芳'] },
      deal('late', { name: '逾期的订单', status: 'won', amount: 1000, currency: 'USD', wonDate: '2026-04-01', payments: [{ due: '2026-05-09', amount: 1000, received: 200 }] }),
      deal('due-today', { name: '今天到期', status: 'won', amount: 500, currency: 'USD', wonDate: '2026-04-02', payments: [{ due: '2026-05-10', amount: 500 }] }),
      deal('later', { name: '下月到期', status: 'won', amount: 800, currency: 'EUR', wonDate: '2026-04-03', payments: [{ due: '2026-06-01', amount: 800 }] }),
      deal('quoted', { name: '报价中的项目', status: 'tracking', stage: 's50', amount: 2000, currency: 'USD', expectedClose: '2026-07-15' }),
    ], at);
    assert.deepEqual(results.filter((r) => !r.ok), []);
    await world.running.store.database('names').save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', imapHost: 'imap.example.cn', smtpHost: 'smtp.example.cn' }, at);
  });
  after(async () => {
    await world.close();
  });

  test('a salesperson picks an added category and a defined custom field; stages, overdue payments and statistics follow the settings', async () => {
    const { page, context, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await context.clock.setFixedTime(NOW);
    await signIn(page, '王芳');
    await waitUntilReady(page);
    const pane = page.locator('gx-document-pane');

    // The category and the custom-field names are lists, the administrator's entries among them.
    await openView(page, 'customers-by-name');
    await page.locator('gx-view-pane gx-action-bar button.primary').first().click();
    const categories = await pane.locator('gx-field[name="category"] select option').allInnerTexts();
    assert.deepEqual(categories.filter(Boolean), ['现有客户', '潜在客户', '合作伙伴', '代理商', '展会意向']);
    await fill(page, { name: '广交会新客户', category: '展会意向', owner: '王芳' });
    await addRow(page, 'customFields', { name: '付款方式', value: 'T/T 30% 预付' });
    assert.deepEqual((await pane.locator('gx-field[name="customFields"] select[name="name"] option').allInnerTexts()).filter(Boolean), ['付款方式', '唛头']);
    await save(page);
    assert.equal(await pane.locator('gx-field[name="category"] .value').innerText(), '展会意向');
    assert.match(await pane.locator('gx-field[name="customFields"] tbody').innerText(), /付款方式\s+T\/T 30% 预付/);

    // Stages with the configured probability, in the form and in the views.
    await openRow(page, 'deals-by-stage', '报价中的项目');
    assert.equal(await pane.locator('gx-field[name="stage"] .value').innerText(), '报价 60%');
    await pane.locator('button[data-action="edit"]').click();
    assert.deepEqual((await pane.locator('gx-field[name="stage"] select option').allInnerTexts()).filter(Boolean),
      ['初步接触 10%', '需求确认 30%', '报价 60%', '谈判 70%', '待签约 90%', '成交 100%']);
    await pane.locator('button[data-action="cancel"]').click();
    assert.ok((await visibleRows(page)).some((r) => r.category === 's50' && r.text.includes('报价 60%')));

    // 逾期付款: only what was due before today, from the local replica, offline too.
    for (const offline of [false, true]) {
      await context.setOffline(offline);
      await openView(page, 'customers-by-name');
      await openView(page, 'overdue-payments');
      await expectEventually(async () => assert.deepEqual((await visibleRows(page)).map((r) => r.id), ['late']), { timeoutMs: 10_000 });
      assert.match(await page.locator('gx-view-pane [data-total-count]').innerText(), /1$/);
      assert.match(await page.locator('gx-view-pane .footer').innerText(), /逾期付款/);
    }
    await screenshot(page, 'zh-crm-overdue-payments-offline');
    await context.setOffline(false);
    await openView(page, 'deals-payments-due');
    assert.deepEqual((await visibleRows(page)).map((r) => r.id), ['late', 'due-today', 'later'], 'the whole list of payments due is still there');

    // In English: the category as the administrator named it; statistics converted into yuan.
    await page.getByLabel('语言').selectOption('en');
    await openView(page, 'customers-by-category');
    await expectEventually(async () => assert.ok((await visibleRows(page)).some((r) => r.category === '展会意向' && r.text.includes('Trade-fair lead')), 'the lead is under 展会意向'), { timeoutMs: 5000 });

    await page.locator('gx-navigator button[data-view="sales-statistics"]').click();
    const inYuan = page.locator('gx-statistics-pane table[data-table="base"] tr[data-owner="王芳"][data-currency="CNY"]');
    await inYuan.waitFor({ timeout: 10_000 });
    // Won in 2026: 1,000 + 500 USD at 7 = 10,500 yuan; the euro deal has no rate and is reported.
    assert.match(await inYuan.innerText(), /王芳\s+CNY\s+2\s+CN¥10,500\.00/);
    // Each row of the figures per currency says its currency, so one person's rows can be told apart.
    const perCurrency = await page.locator('gx-statistics-pane table[data-table="currency"] tr[data-owner="王芳"]').allInnerTexts();
    assert.deepEqual(perCurrency.map((row) => row.split(/\s+/).slice(0, 2).join(' ')).sort(), ['王芳 EUR', '王芳 USD']);
    assert.match(await page.locator('gx-statistics-pane [data-unconverted]').innerText(), /No exchange rate set for EUR 1 deal:/);
    await page.locator('gx-statistics-pane input[name="period"]').fill('2026-07');
    await page.locator('gx-statistics-pane input[name="period"]').press('Enter');
    const stage = page.locator('gx-statistics-pane table[data-table="stages"] tr[data-stage="s50"]');
    await stage.waitFor({ timeout: 10_000 });
    assert.match(await stage.innerText(), /Quoted 60%\s+CNY\s+1\s+CN¥14,000\.00\s+CN¥8,400\.00/);
    await screenshot(page, 'en-crm-statistics-base-currency');
    assertNoCspViolations();
  });

  test('a manager keeps the settings up in the workstation: the one settings document is opened, not made again, and an added category is offered at once', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '李经理');
    await waitUntilReady(page);
    const pane = page.locator('gx-document-pane');
    await openRow(page, 'settings-crm', '客户关系设置');
    assert.deepEqual(await page.locator('gx-view-pane gx-action-bar button.primary').allInnerTexts(), [], 'no second settings document is offered');
    await pane.locator('button[data-action="edit"]').click();
    await addRow(page, 'customerCategories', { zh: '样品客户', en: 'Sample customer' });
    await save(page);
    const crm = world.running.store.database('crm');
    await expectEventually(async () => assert.deepEqual((await crm.get(CRM_SETTINGS_ID)).customerCategories,
      [{ zh: '展会意向', en: 'Trade-fair lead' }, { zh: '样品客户', en: 'Sample customer' }]), { timeoutMs: 10_000 });

    await openView(page, 'customers-by-name');
    await page.locator('gx-view-pane gx-action-bar button.primary').first().click();
    const categories = await pane.locator('gx-field[name="category"] select option').allInnerTexts();
    assert.deepEqual(categories.filter(Boolean), ['现有客户', '潜在客户', '合作伙伴', '代理商', '展会意向', '样品客户']);
    assertNoCspViolations();
  });

  test('a manager sets a mail account\'s passwords in the workstation: kept on the server, shown only as set', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '李经理');
    await waitUntilReady(page);
    await openRow(page, 'settings-mail-accounts', 'sales@guanxi-trading.cn');
    const box = page.locator('gx-mail-account-passwords');
    await expectEventually(async () => assert.equal(await box.locator('[data-password-set="imapPassword"]').innerText(), '未设置'), { timeoutMs: 10_000 });
    await box.locator('button[data-password="save"]').click();
    assert.equal(await box.locator('[role="status"]').innerText(), '请先输入密码。');
    await box.locator('input[data-password="imapPassword"]').fill('邮箱密码-2026');
    await box.locator('button[data-password="save"]').click();
    await expectEventually(async () => assert.equal(await box.locator('[data-password-set="imapPassword"]').innerText(), '已设置'), { timeoutMs: 10_000 });
    assert.equal(await box.locator('[data-password-set="smtpPassword"]').innerText(), '未设置');
    assert.match(await box.locator('[role="status"]').innerText(), /已保存/);
    assert.equal(await box.locator('input[data-password="imapPassword"]').inputValue(), '', 'the password is not left in the form');
    assert.deepEqual(await readMailSecret(world.running.store, 'mailaccount-sales'), { imapPassword: '邮箱密码-2026' });
    const stored = await world.running.store.database('names').get('mailaccount-sales');
    assert.ok(!JSON.stringify(stored).includes('邮箱密码'), 'the replicated document holds no password');
    await screenshot(page, 'zh-mail-account-passwords');
    assertNoCspViolations();
  });

  test('a manager sets a salesperson\'s target by picking the person from the directory, not typing a name', async () => {
    const crm = world.running.store.database('crm');
    // Made by the manager, who therefore reads it (the [Manager] role aside).
    await crm.save({ _id: 'sales-targets', form: 'SalesTargets', targets: [] }, { ...at, user: { name: '李经理', roles: [] } });
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '李经理');
    await waitUntilReady(page);
    await openRow(page, 'settings-sales-targets', '销售目标');
    const pane = page.locator('gx-document-pane');
    await pane.locator('button[data-action="edit"]').click();
    await addRow(page, 'targets', { period: '2026', amount: '500000', currency: 'USD' });
    const salesperson = pane.locator('gx-field[name="targets"] tbody tr').last().locator('gx-names-picker[name="owner"]');
    await salesperson.locator('input').fill('wf');
    await salesperson.locator('li[role="option"][data-name="王芳"]').click();
    await salesperson.locator('.chip[data-name="王芳"]').waitFor();
    await save(page);
    await expectEventually(async () => assert.deepEqual((await crm.get('sales-targets')).targets, [{ owner: '王芳', period: '2026', amount: 500_000, currency: 'USD' }]), { timeoutMs: 10_000 });
    assertNoCspViolations();
  });
});
