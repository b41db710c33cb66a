import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SessionClient } from '../helpers/session-client.js';
import { approvalStep } from './approval-step.js';
import { PASSWORD, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const FILER = '王芳';
/** In the office only: no entry in the CRM's ACL, whose default is No Access. */
const APPROVER = '赵敏';

describe('approval notices for someone without the CRM', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: FILER, access: { crm: 'author' } }, { name: APPROVER }]);
  });
  after(() => world.close());

  test('regression: an approver in the office only was told by mail alone; now the notice is in their workstation\'s tray and opens what waits for them', async () => {
    assert.equal(world.running.directory.accessFor(APPROVER, 'crm').level, 'noAccess');
    await world.running.store.database('office').save({ _id: 'req-samples', form: 'Request', subject: '样品寄送预算', category: 'other', body: '寄往汉堡的样品运费约 ¥3,000', approvers: [APPROVER], order: 'sequence' },
      { now: new Date().toISOString(), user: { name: FILER, roles: [] } });
    const filer = new SessionClient(world.url);
    assert.equal((await filer.signIn(FILER, PASSWORD)).status, 200);
    assert.equal((await filer.request('POST', '/api/approvals/office/req-samples/actions', { action: 'submit' })).status, 200);

    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, APPROVER);
    await waitUntilReady(page);
    const count = page.locator('gx-notice-tray button.count');
    await count.and(page.locator('[data-unread="1"]')).waitFor({ timeout: 20_000 });
    await count.click();
    const notice = page.locator('gx-notice-tray li[data-notice-id] button.subject');
    assert.equal((await notice.innerText()).trim(), '待您审批：样品寄送预算 / Waiting for your approval: 样品寄送预算');
    await screenshot(page, 'zh-approval-notice-office-only');
    await notice.click();
    await page.locator('gx-document-pane h2', { hasText: '样品寄送预算' }).waitFor();
    await page.locator('gx-notice-tray button.count[data-unread="0"]').waitFor({ timeout: 10_000 });
    await approvalStep(page, 'approve', '同意', /已批准/);
    assertNoCspViolations();
  });
});
