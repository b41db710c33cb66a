import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { openView, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';
import { GENERATED_ID, visibleGeneratedIds } from './visible-ids.js';

describe('no generated ids in front of people', () => {
  let world: WorkstationWorld;
  let customerId = '';
  before(async () => {
    world = await workstationWorld([{ name: '王芳', roles: ['[Sales]'], access: { crm: 'editor', discussion: 'editor' } }]);
    const user = { name: '王芳', roles: ['[Sales]'] };
    const crm = world.running.store.database('crm');
    // Saved without ids, as the workstation and imports save them: the store names them.
    customerId = (await crm.save({ form: 'Customer', name: '汉堡贸易有限公司', category: 'existing', owner: ['王芳'] }, { ...SEED_CTX, user }))._id!;
    await crm.save({ form: 'Appointment', subject: '拜访汉堡贸易', when: '2026-03-12T02:00:00.000Z', customerId, customerName: '汉堡贸易有限公司', remind: ['王芳'] }, { ...SEED_CTX, user });
    await world.running.store.database('discussion').save({ form: 'InterestProfile', owner: ['王芳'], delivery: 'each' }, { ...SEED_CTX, user });
  });
  after(() => world.close());

  async function openFirstRow(page: Page, viewId: string): Promise<void> {
    await openView(page, viewId);
    await page.locator('gx-view-pane .row[data-id]').first().click();
    await page.locator('gx-document-pane h2').waitFor();
  }

  test('the id shape is what the store generates', () => {
    assert.equal(customerId.match(GENERATED_ID)?.[0], customerId);
    assert.equal('汉堡贸易 order 2026'.match(GENERATED_ID), null);
  });

  test("regression: an appointment's customer reads as its name and an interest profile's title as its owner, in both languages", async () => {
    for (const lang of ['zh', 'en'] as const) {
      const { page } = await world.workstation({ lang });
      await signIn(page, '王芳');
      await waitUntilReady(page);
      await openFirstRow(page, 'appointments-by-time');
      await page.locator('gx-document-pane gx-field[name="customerId"]', { hasText: '汉堡贸易有限公司' }).waitFor();
      assert.deepEqual(await visibleGeneratedIds(page), [], 'appointment');
      await screenshot(page, `${lang}-appointment-customer-name`);
      await openFirstRow(page, 'interest-profiles');
      assert.equal(await page.locator('gx-document-pane h2').innerText(), '王芳');
      assert.deepEqual(await visibleGeneratedIds(page), [], 'interest profile');
      await page.context().close();
    }
  });

  test('regression: with no company account that sends, writing e-mail is refused at once with the reason', async () => {
    const { page, context } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openFirstRow(page, 'customers-by-name');
    await page.locator('gx-mail-actions button[data-mail="compose"]').click();
    await page.locator('gx-mail-actions [role="status"]', { hasText: '没有可以发送邮件的公司邮箱' }).waitFor();
    assert.equal(await page.locator('gx-document-pane gx-field[name="to"]').count(), 0, 'no message was opened to write');
    await screenshot(page, 'zh-compose-refused');
    await context.close();
  });
});
