import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const boss = { name: 'Wang Boss', roles: ['[Manager]'] };

describe('notices in the workstation', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([
      { name: 'Wang Boss', roles: ['[Manager]'], access: { crm: 'editor' } },
      { name: 'Lucy', access: { crm: 'author' } },
      { name: 'Tom', access: { crm: 'author' } },
    ]);
    const crm = world.running.store.database('crm');
    await crm.saveMany([
      { _id: 'c-hd', form: 'Customer', name: '宁波宏达贸易有限公司', category: 'existing', readers: ['Lucy', 'Wang Boss'] },
      { _id: 'n-urge', form: 'Notice', kind: 'urge', recipients: ['Lucy'], subject: '请尽快跟进宏达的报价', linkDb: 'crm', linkId: 'c-hd' },
      { _id: 'n-tom', form: 'Notice', kind: 'urge', recipients: ['Tom'], subject: 'Only for Tom' },
      { _id: 'n-later', form: 'Notice', kind: 'reminder', recipients: ['Lucy'], subject: '明年的拜访', due: '2099-01-01T09:00:00.000Z' },
    ], { ...SEED_CTX, user: boss });
  });
  after(async () => {
    await world.close();
  });

  test('a person sees only their due notices; opening one shows its document and marks it read, on the server too', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, 'Lucy');
    await waitUntilReady(page);
    const count = page.locator('gx-notice-tray button.count');
    await assert.doesNotReject(count.and(page.locator('[data-unread="1"]')).waitFor());
    assert.equal(await count.textContent(), '通知 (1)');

    await count.click();
    const items = page.locator('gx-notice-tray li[data-notice-id]');
    assert.deepEqual(await items.evaluateAll((li) => li.map((e) => (e as HTMLElement).dataset.noticeId)), ['n-urge'],
      'not the notice for Tom (never replicated here) nor the reminder due in 2099');
    await screenshot(page, 'zh-notices');
    await items.locator('button.subject').click();

    await page.locator('gx-document-pane').getByText('宁波宏达贸易有限公司').first().waitFor();
    await count.and(page.locator('[data-unread="0"]')).waitFor();
    const crm = world.running.store.database('crm');
    const stored = await expectEventually(async () => {
      const doc = await crm.get('n-urge');
      assert.ok(doc.readAt, 'the read mark reached the server');
      return doc;
    }, { timeoutMs: 15_000 });
    assert.equal(stored.modifiedBy, 'Lucy');
    assertNoCspViolations();
  });

  test('mark all read', async () => {
    const crm = world.running.store.database('crm');
    await crm.saveMany([
      { _id: 'n-1', form: 'Notice', kind: 'payment', recipients: ['Tom'], subject: 'Payment due: order 1' },
      { _id: 'n-2', form: 'Notice', kind: 'reminder', recipients: ['Tom'], subject: 'Call Global Trading' },
    ], { ...SEED_CTX, user: boss });
    const { page } = await world.workstation({ lang: 'en' });
    await signIn(page, 'Tom');
    await waitUntilReady(page);
    const count = page.locator('gx-notice-tray button.count');
    await count.and(page.locator('[data-unread="3"]')).waitFor();
    await count.click();
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await count.and(page.locator('[data-unread="0"]')).waitFor();
    assert.equal(await count.textContent(), 'Notices');
    await expectEventually(async () => {
      for (const id of ['n-tom', 'n-1', 'n-2']) assert.ok((await crm.get(id)).readAt, `${id} read on the server`);
    }, { timeoutMs: 15_000 });
  });
});
