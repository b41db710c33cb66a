import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { fill, openRow, save, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

describe('support escalated in Chromium: the engineer is offered from the directory, told, and reads the request', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([
      { name: '王芳', access: { crm: 'editor' } },
      { name: '张工', access: { crm: 'author' } },
    ]);
    // Only 王芳 reads this customer, so a request opened from it is hers alone until escalated.
    await world.running.store.database('crm').save({ _id: 'c-rf', form: 'Customer', name: '杭州瑞丰阀门有限公司', category: 'existing', owner: ['王芳'], readers: ['王芳'] }, { ...SEED_CTX, user: { name: '王芳', roles: [] } });
  });
  after(async () => {
    await world.close();
  });

  test('技术支持 offers 张工; once escalated 张工 gets a notice that opens the request', async () => {
    const wang = await world.workstation({ lang: 'zh' });
    await signIn(wang.page, '王芳');
    await waitUntilReady(wang.page);
    await openRow(wang.page, 'customers-by-name', '杭州瑞丰阀门有限公司');
    const pane = wang.page.locator('gx-document-pane');
    await pane.locator('button[data-action="new:Support"]').click();
    await fill(wang.page, { question: '水泵异响怎么处理？', status: 'escalated' });
    const picker = pane.locator('gx-field[name="escalatedTo"] gx-names-picker');
    await picker.getByRole('combobox').fill('zg');
    await picker.locator('li[role="option"][data-name="张工"]').click();
    await picker.locator('.chip[data-name="张工"]').waitFor();
    await save(wang.page);
    await screenshot(wang.page, 'zh-support-escalated');

    const notice = await expectEventually(async () => {
      const { rows } = await world.running.store.database('crm').pouch.allDocs({ startkey: 'escalated-', endkey: 'escalated-\uffff', include_docs: true });
      assert.equal(rows.length, 1);
      return rows[0]!.doc as Doc;
    }, { timeoutMs: 20_000 });
    assert.deepEqual(notice.recipients, ['张工']);

    const zhang = await world.workstation({ lang: 'en' });
    await signIn(zhang.page, '张工');
    await waitUntilReady(zhang.page);
    const count = zhang.page.locator('gx-notice-tray button.count');
    await count.and(zhang.page.locator('[data-unread="1"]')).waitFor({ timeout: 20_000 });
    await count.click();
    await zhang.page.locator('gx-notice-tray li[data-notice-id] button.subject').click();
    await zhang.page.locator('gx-document-pane h2', { hasText: '水泵异响怎么处理？' }).waitFor({ timeout: 20_000 });
    assert.ok(await zhang.page.locator('gx-document-pane button[data-action="edit"]').isVisible(), 'the engineer may answer it');
    await screenshot(zhang.page, 'en-support-escalation-notice');
    wang.assertNoCspViolations();
    zhang.assertNoCspViolations();
  });
});
