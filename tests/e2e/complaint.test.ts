import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { ComplaintStep } from '../../design/complaint-actions.js';
import { seedDirectory, SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { visibleGeneratedIds } from './visible-ids.js';
import { openView, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const FILER = '王芳';
const MANAGER = '张经理';
const HANDLER = '李工';

describe('complaints in Chromium: filed on a customer, reviewed, handled by the department, solved and closed', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([
      { name: FILER, access: { crm: 'author' } },
      { name: MANAGER, roles: ['[Manager]'], access: { crm: 'editor' } },
      { name: HANDLER, access: { crm: 'author' } },
    ]);
    await seedDirectory(world.running.store, world.running.directory, [], { 售后部: [HANDLER], 质检部: [] });
    await expectEventually(() => world.running.directory.userContext(HANDLER)?.roles.includes('售后部') === true);
    await world.running.store.database('crm').save({ _id: 'c-hb', form: 'Customer', name: '汉堡贸易有限公司', category: 'existing' }, SEED_CTX);
  });
  after(async () => {
    await world.close();
  });

  /** Signs in on a fresh workstation and opens the complaint from the view by status. */
  async function openComplaint(name: string, id: string): Promise<Page> {
    const { page } = await world.workstation({ lang: 'zh' });
    await signIn(page, name);
    await waitUntilReady(page);
    await openView(page, 'complaints-by-status');
    await page.locator(`gx-view-pane .row[data-id="${id}"]`).click();
    return page;
  }

  /**
   * Takes a step from the document pane in its dialog — a department picked from the directory, or
   * the text it asks for — and waits until the server's change has replicated back.
   */
  async function step(page: Page, action: string, answer: string, status: string): Promise<void> {
    await page.locator(`gx-complaint-steps button[data-step="${action}"]`).click();
    const dialog = page.locator(`gx-complaint-steps form[data-dialog="${action}"]`);
    if (action === 'approve' || action === 'assign') await dialog.locator('select[name="department"]').selectOption(answer);
    else await dialog.locator('textarea').fill(answer);
    await dialog.locator('button[type="submit"]').click();
    await expectEventually(async () => {
      const refused = page.locator('gx-complaint-steps .error');
      assert.equal(await refused.count(), 0, await refused.count() > 0 ? await refused.innerText() : '');
      assert.match(await page.locator('gx-document-pane gx-field[name="status"] .value').innerText(), new RegExp(status));
    }, { timeoutMs: 15_000 });
  }

  test('every step by the person allowed to take it, stamped by the server', async () => {
    const filer = (await world.workstation({ lang: 'zh' })).page;
    await signIn(filer, FILER);
    await waitUntilReady(filer);
    await openView(filer, 'customers-by-category');
    await filer.locator('gx-view-pane .row[data-id="c-hb"]').click();
    const pane = filer.locator('gx-document-pane');
    await pane.locator('button[data-action="new:Complaint"]').click();
    assert.match(await pane.locator('gx-field[name="customerName"] input').inputValue(), /汉堡贸易/);
    await pane.locator('gx-field[name="subject"] input').fill('球阀漏水');
    await pane.locator('gx-field[name="category"] select').selectOption('quality');
    await pane.locator('gx-field[name="aboutKind"] select').selectOption('product');
    await pane.locator('gx-field[name="about"] input').fill('DN50 球阀');
    await pane.locator('gx-field[name="description"] textarea').fill('第二批球阀有 12 只漏水');
    await pane.locator('gx-field[name="manager"] input').fill(MANAGER);
    await pane.locator('gx-field[name="needsReview"] input').check();
    // The new-complaint form offers only what its filer may write: routing is a step, not a field.
    for (const field of ['status', 'department', 'handler', 'steps', 'solution']) assert.equal(await pane.locator(`gx-field[name="${field}"]`).count(), 0, field);
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();

    const id = await expectEventually(async () => {
      const { rows } = await world.running.store.database('crm').pouch.allDocs({ include_docs: true });
      const complaint = rows.find((row) => row.doc?.form === 'Complaint');
      assert.ok(complaint, 'the complaint has reached the server');
      return complaint.id;
    }, { timeoutMs: 15_000 });
    assert.deepEqual(await pane.locator('gx-complaint-steps button').evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.step)), ['submitForReview'],
      'a complaint that needs review cannot be passed on by its filer');
    await step(filer, 'submitForReview', '金额较大', '待经理审核');

    const manager = await openComplaint(MANAGER, id);
    // A department nobody is in is marked in the picker and refused with the reason, in the dialog.
    await manager.locator('gx-complaint-steps button[data-step="approve"]').click();
    const approve = manager.locator('gx-complaint-steps form[data-dialog="approve"]');
    assert.match(await approve.locator('option[value="质检部"]').innerText(), /无成员/);
    await approve.locator('select[name="department"]').selectOption('质检部');
    await approve.locator('button[type="submit"]').click();
    await approve.locator('[role="alert"]', { hasText: '质检部 没有成员' }).waitFor();
    await approve.locator('button[type="button"]').click();
    await step(manager, 'approve', '售后部', '处理中');
    await screenshot(manager, 'zh-complaint-approved');

    const handler = await openComplaint(HANDLER, id);
    await step(handler, 'handle', '已电话联系客户', '处理中');
    await step(handler, 'solve', '补发 12 只新阀门', '已解决');
    assert.equal(await handler.locator('gx-complaint-steps button').count(), 0, 'the handler may not close it');

    await filer.locator('gx-document-pane').waitFor();
    await step(filer, 'close', '客户满意，已结案', '已关闭');
    // The history reads as a timeline, never as raw records.
    const history = filer.locator('gx-complaint-steps ol[data-history]');
    await expectEventually(async () => assert.equal(await history.locator('li').count(), 5));
    const text = await history.innerText();
    for (const words of ['提交经理审核', '审核通过并转交', '转交 售后部', '已电话联系客户', '补发 12 只新阀门', '客户满意，已结案', FILER, MANAGER, HANDLER]) assert.ok(text.includes(words), words);
    assert.doesNotMatch(await filer.locator('gx-document-pane').innerText(), /"action"|\{"/);
    assert.deepEqual(await visibleGeneratedIds(filer), [], 'no id on the complaint');
    await screenshot(filer, 'zh-complaint-closed');
    await filer.locator('gx-workstation select').first().selectOption('en');
    await filer.locator('gx-complaint-steps h4', { hasText: 'History' }).waitFor();
    await screenshot(filer, 'en-complaint-closed');

    const stored = await world.running.store.database('crm').get(id);
    assert.deepEqual((stored.steps as ComplaintStep[]).map((s) => [s.action, s.by]), [
      ['submitForReview', FILER], ['approve', MANAGER], ['handle', HANDLER], ['solve', HANDLER], ['close', FILER],
    ]);
    assert.ok((stored.steps as ComplaintStep[]).every((s) => Date.parse(s.at) > Date.parse(String(stored.created))));
  });
});
