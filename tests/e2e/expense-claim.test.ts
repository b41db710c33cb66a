import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { ApprovalStep } from '../../design/approval/approval-def.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { DIRECTOR, FILER, FINANCE, HEAD, OFFICE_PEOPLE, SALES, seedOffice } from '../office/office-seed.js';
import { visibleGeneratedIds } from './visible-ids.js';
import { approvalStep } from './approval-step.js';
import { addRow, openView, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

/** Today where the browser is: the expense's date, so that the statistics' default period (this month) shows it. */
const TODAY = new Date().toISOString().slice(0, 10);

describe('an expense claim in Chromium: filed with a receipt, approved by the head and (over ¥5,000) the director, returned, corrected, paid, and counted', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld(OFFICE_PEOPLE);
    await seedOffice(world.running.store, world.running.directory);
    const crm = world.running.store.database('crm');
    await crm.save({ _id: 'c-hb', form: 'Customer', name: '汉堡贸易有限公司', category: 'existing', owner: [FILER] }, SEED_CTX);
    await crm.save({ _id: 'deal-hb', form: 'Deal', name: '汉堡球阀订单', customerId: 'c-hb', customerName: '汉堡贸易有限公司', owner: [FILER], amount: 200000, currency: 'CNY', status: 'tracking', stage: 's50' }, SEED_CTX);
  });
  after(async () => {
    await world.close();
  });

  async function workstation(name: string, lang: 'zh' | 'en' = 'zh'): Promise<Page> {
    const { page } = await world.workstation({ lang });
    await signIn(page, name);
    await waitUntilReady(page);
    return page;
  }

  /** Opens the claim from the view of what waits for this person's approval. */
  async function openWaiting(page: Page, id: string): Promise<void> {
    await openView(page, 'awaiting-my-approval');
    await expectEventually(async () => assert.equal(await page.locator(`gx-view-pane .row[data-id="${id}"]`).count(), 1, 'the claim waits in the view'), { timeoutMs: 15_000 });
    await page.locator(`gx-view-pane .row[data-id="${id}"]`).click();
  }

  test('the whole route, by the people allowed to take each step, in both languages', async () => {
    const filer = await workstation(FILER);
    await openView(filer, 'my-requests');
    const pane = filer.locator('gx-document-pane');
    await filer.locator('gx-view-pane button[data-action="new:ExpenseClaim"]').click();
    await pane.locator('gx-field[name="subject"] input').fill('汉堡客户拜访差旅');
    const deal = pane.locator('gx-field[name="dealId"] gx-link-picker');
    await deal.getByRole('combobox').fill('汉堡');
    await deal.getByRole('option').first().click();
    await expectEventually(async () => assert.equal(await pane.locator('gx-field[name="customerName"] input').inputValue(), '汉堡贸易有限公司'), { timeoutMs: 5000 });
    await addRow(filer, 'lines', { date: TODAY, category: 'travel', amount: '6100', currency: 'CNY', note: '上海—汉堡机票' });
    await pane.locator('gx-document-files input[data-add-files]').setInputFiles([{ name: '机票行程单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 receipt') }]);
    // Only what the filer writes is offered: the route and its state are the server's.
    for (const field of ['approvalStatus', 'route', 'waitingFor', 'approvalHistory', 'amountBase']) assert.equal(await pane.locator(`gx-field[name="${field}"]`).count(), 0, field);
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();

    const office = world.running.store.database('office');
    const id = await expectEventually(async () => {
      const { rows } = await office.pouch.allDocs({ include_docs: true });
      const claim = rows.find((row) => row.doc && (row.doc as { form?: string }).form === 'ExpenseClaim');
      assert.ok(claim, 'the claim has reached the server');
      assert.ok((claim.doc as { _attachments?: object })._attachments, 'with its receipt');
      return claim.id;
    }, { timeoutMs: 15_000 });
    await approvalStep(filer, 'submit', '', /审批中/);
    assert.equal(await pane.locator('button[data-action="edit"]').count(), 0, 'a claim with its approvers is not the filer\'s to edit');
    assert.match(await pane.locator('gx-approval-steps [data-route]').innerText(), new RegExp(`部门负责人审批: ${HEAD}[\\s\\S]*总监审批: ${DIRECTOR}`));

    const head = await workstation(HEAD);
    await openWaiting(head, id);
    await head.locator('gx-document-files tr[data-file="机票行程单.pdf"]').waitFor();
    await approvalStep(head, 'approve', '情况属实', /审批中/);

    const director = await workstation(DIRECTOR);
    await openWaiting(director, id);
    await approvalStep(director, 'return', '机票金额与行程单不符，请按行程单 6,000 元改正', /已退回/);

    // Corrected by the filer and submitted again.
    await expectEventually(async () => assert.match(await pane.locator('gx-field[name="approvalStatus"] .value').innerText(), /已退回/), { timeoutMs: 15_000 });
    await pane.locator('button[data-action="edit"]').click();
    await pane.locator('gx-field[name="lines"] gx-objects-field tbody tr input[name="amount"]').fill('6000');
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();
    await expectEventually(async () => assert.equal(((await office.get(id)).lines as { amount: number }[])[0]?.amount, 6000), { timeoutMs: 15_000 });
    await approvalStep(filer, 'submit', '已按行程单改正', /审批中/);
    await openWaiting(head, id);
    await approvalStep(head, 'approve', '', /审批中/);
    await openWaiting(director, id);
    await approvalStep(director, 'approve', '同意', /已批准/);

    const finance = await workstation(FINANCE);
    await openView(finance, 'expenses-by-status');
    await expectEventually(async () => assert.equal(await finance.locator(`gx-view-pane .row[data-id="${id}"]`).count(), 1), { timeoutMs: 15_000 });
    await finance.locator(`gx-view-pane .row[data-id="${id}"]`).click();
    await approvalStep(finance, 'complete', '已转账', /已办结/);

    const history = finance.locator('gx-approval-steps ol[data-history]');
    await expectEventually(async () => assert.equal(await history.locator('li').count(), 7));
    const text = await history.innerText();
    for (const words of ['提交审批', '批准', '退回修改', '机票金额与行程单不符', '已付款', '已转账', FILER, HEAD, DIRECTOR, FINANCE]) assert.ok(text.includes(words), words);
    assert.deepEqual(await visibleGeneratedIds(finance), [], 'no id on the claim');
    await screenshot(finance, 'zh-expense-claim-paid');

    const stored = await office.get(id);
    assert.deepEqual((stored.approvalHistory as ApprovalStep[]).map((s) => [s.action, s.by]), [
      ['submit', FILER], ['approve', HEAD], ['return', DIRECTOR], ['submit', FILER], ['approve', HEAD], ['approve', DIRECTOR], ['complete', FINANCE],
    ]);

    // The statistics page counts it under the person, the department and the deal, next to the deal's value for
    // someone who may read the deal (the director, a manager; finance sees the expenses without it).
    await director.locator(`gx-navigator button[data-view="expense-statistics"]`).click();
    const stats = director.locator('gx-expense-statistics-pane');
    await stats.locator(`table[data-table="byPerson"] tr[data-key="${FILER}"]`).waitFor({ timeout: 15_000 });
    assert.match(await stats.locator(`table[data-table="byPerson"] tr[data-key="${FILER}"]`).innerText(), /6,000\.00/);
    assert.match(await stats.locator(`table[data-table="byDepartment"] tr[data-key="${SALES}"]`).innerText(), /6,000\.00/);
    assert.match(await stats.locator('table[data-table="byDeal"] tr[data-key="deal-hb"]').innerText(), /汉堡球阀订单[\s\S]*6,000\.00[\s\S]*200,000\.00[\s\S]*3\.0%/);
    assert.match(await stats.locator('table[data-table="byCategory"]').innerText(), /差旅交通/);
    await screenshot(director, 'zh-expense-statistics');

    await director.locator('gx-workstation select').first().selectOption('en');
    await stats.locator('h3', { hasText: 'By person' }).waitFor();
    assert.match(await stats.locator('table[data-table="byCategory"]').innerText(), /Travel/);
    await screenshot(director, 'en-expense-statistics');

    await finance.locator('gx-workstation select').first().selectOption('en');
    await finance.locator(`gx-navigator button[data-view="expenses-by-status"]`).click();
    await finance.locator(`gx-view-pane .row[data-id="${id}"]`).click();
    await finance.locator('gx-approval-steps h4', { hasText: 'Approval history' }).waitFor();
    assert.match(await finance.locator('gx-approval-steps ol[data-history]').innerText(), /Submit for approval[\s\S]*Return with comment[\s\S]*Mark paid/);
    await screenshot(finance, 'en-expense-claim-paid');
  });
});
