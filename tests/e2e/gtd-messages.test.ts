import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { receiptId } from '../../design/forms/message.js';
import { SEED_CTX, seedDirectory } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { GENERATED_ID, visibleGeneratedIds } from './visible-ids.js';
import { createDocument, fill, openRow, openView, save, screenshot, signIn, visibleRows, waitForStatus, waitUntilReady, workstationWorld, type Workstation, type WorkstationWorld } from './workstation-world.js';

const DAY = 86_400_000;

describe('the salesperson\'s day: GTD actions, internal messages, bulletins, home page', () => {
  let world: WorkstationWorld;
  const open = new Map<string, Workstation>();

  before(async () => {
    world = await workstationWorld([
      { name: '王芳', roles: ['[Sales]'], access: { crm: 'author' } },
      { name: '李雷', roles: ['[Sales]'], access: { crm: 'author' } },
      { name: '赵敏', roles: ['[Sales]'], access: { crm: 'author' } },
      { name: '周经理', roles: ['[Manager]'], access: { crm: 'editor' } },
    ]);
    await seedDirectory(world.running.store, world.running.directory, [], { 销售部: ['王芳', '李雷', '赵敏'] });
    const crm = world.running.store.database('crm');
    await crm.saveMany([
      { _id: 'c-nord', form: 'Customer', name: '汉堡北方阀门有限公司', category: 'existing' },
      { _id: 'mail-complaint', form: 'MailMessage', direction: 'in', status: 'received', from: 'hans@nordwerk.de', fromName: 'Hans Müller', to: ['sales@guanxi-trading.cn'],
        subject: '投诉：蝶阀 DN150 漏水', body: '上批蝶阀有三只漏水。', date: '2026-03-02T09:00:00.000Z', messageId: 'complaint-1@nordwerk.de',
        customerId: 'c-nord', customerName: '汉堡北方阀门有限公司' },
    ], SEED_CTX);
  });
  after(async () => {
    await world.close();
  });

  /** One browser per person, signed in and replicated, kept for the following tests. */
  async function as(name: string): Promise<Page> {
    let ws = open.get(name);
    if (!ws) {
      ws = await world.workstation({ lang: 'zh' });
      await signIn(ws.page, name);
      // What each person sees first, without choosing anything.
      await ws.page.locator('gx-home-pane h2').waitFor();
      assert.equal(await ws.page.locator('gx-view-pane').count(), 0, 'the home page, not a view, opens after sign-in');
      await waitUntilReady(ws.page);
      open.set(name, ws);
    }
    return ws.page;
  }

  async function openPage(page: Page, id: string): Promise<void> {
    await page.locator(`gx-navigator button[data-view="${id}"]`).click();
  }

  test('an action made from a mail lands under its context; delegated, it is in the other person\'s inbox, and in the review once stale', async () => {
    const wang = await as('王芳');
    await openRow(wang, 'mail-by-customer', '投诉：蝶阀 DN150 漏水');
    await wang.locator('gx-document-pane button[data-action="gtd:action"]').click();
    await fill(wang, { subject: '追溯与该客户的沟通记录', context: 'office' });
    await save(wang);
    await wang.locator('gx-document-pane gx-field[name="mailId"]', { hasText: '投诉：蝶阀 DN150 漏水' }).waitFor();
    assert.deepEqual(await visibleGeneratedIds(wang), [], 'the action names its mail and customer, not their ids');

    await openView(wang, 'actions-by-context');
    const rows = await expectEventually(async () => {
      const shown = await visibleRows(wang);
      assert.ok(shown.some((r) => r.text.includes('追溯与该客户的沟通记录')), 'the action is listed');
      return shown;
    }, { timeoutMs: 10_000 });
    const category = rows.findIndex((r) => r.category !== undefined && r.text.includes('办公室'));
    const action = rows.findIndex((r) => r.text.includes('追溯与该客户的沟通记录'));
    assert.ok(category >= 0 && category < action, `under 办公室: ${JSON.stringify(rows.map((r) => r.text))}`);
    const id = rows[action]!.id!;
    const crm = world.running.store.database('crm');
    const stored = await expectEventually(() => crm.get(id), { timeoutMs: 15_000 });
    assert.deepEqual([stored.mailId, stored.customerId, stored.status, stored.context], ['mail-complaint', 'c-nord', 'next', 'office']);

    // Delegated ten days ago (the workstation's clock says so while it is edited): stale in the review.
    await wang.clock.setFixedTime(Date.now() - 10 * DAY);
    await wang.locator(`gx-view-pane .row[data-id="${id}"]`).click();
    await wang.locator('gx-document-pane button[data-action="edit"]').click();
    await fill(wang, { status: 'waiting' });
    // Chosen with the names picker by pinyin initials: 李雷 among the people, with her department.
    const delegate = wang.locator('gx-document-pane gx-field[name="delegatedTo"] gx-names-picker');
    await delegate.getByRole('combobox').fill('ll');
    await delegate.locator('li[role="option"][data-name="李雷"]').click();
    await delegate.locator('.chip[data-name="李雷"]').waitFor();
    await save(wang);
    await wang.clock.setFixedTime(Date.now());
    await openPage(wang, 'weekly-review');
    await wang.locator(`gx-review-pane [data-section="waiting"] li[data-id="${id}"]`).waitFor({ timeout: 10_000 });
    await screenshot(wang, 'zh-weekly-review');

    const li = await as('李雷');
    await openView(li, 'actions-inbox');
    await expectEventually(async () => assert.ok((await visibleRows(li)).some((r) => r.id === id), 'the action is in the view'), { timeoutMs: 15_000 });
  });

  test('a message to a department, written offline, reaches each member once; opening it tells the sender', async () => {
    const wangWs = (await as('王芳'), open.get('王芳')!);
    const wang = wangWs.page;
    await wangWs.context.setOffline(true);
    await waitForStatus(wang, 'online', 'false');
    // About the action delegated to 李雷: the message links to it.
    await openRow(wang, 'actions-waiting', '追溯与该客户的沟通记录');
    const actionId = await wang.locator('gx-view-pane .row.selected').getAttribute('data-id');
    assert.match(actionId ?? '', GENERATED_ID);
    await wang.locator('gx-document-pane button[data-action="msg:about"]').click();
    // Offline, the picker offers the directory this workstation read when it was online: the department by its initials.
    const to = wang.locator('gx-document-pane gx-field[name="to"] gx-names-picker');
    await to.getByRole('combobox').fill('xsb');
    await to.locator('li[role="option"][data-kind="group"][data-name="销售部"]').click();
    await to.getByRole('combobox').fill('李雷');
    await fill(wang, { subject: '周五下午三点开销售例会', body: '请带上本月的客户跟进表。' });
    await screenshot(wang, 'zh-message-names-picker-offline');
    await save(wang);
    await wangWs.context.setOffline(false);

    const crm = world.running.store.database('crm');
    const message = await expectEventually(async () => {
      const found = (await crm.pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc as Record<string, unknown>).find((d) => d.form === 'Message');
      assert.ok(found, 'the message reached the server');
      return found;
    }, { timeoutMs: 20_000 });

    for (const name of ['李雷', '赵敏']) {
      const page = await as(name);
      const count = page.locator('gx-notice-tray button.count');
      await count.and(page.locator('[data-unread="1"]')).waitFor({ timeout: 15_000 });
      await openView(page, 'messages-all');
      await expectEventually(async () => {
        const rows = (await visibleRows(page)).filter((r) => r.text.includes('周五下午三点开销售例会'));
        assert.equal(rows.length, 1, `${name} has it once`);
      }, { timeoutMs: 10_000 });
      // Received: to her department and to her by name, listed once, unread.
      await openPage(page, 'messages-received');
      await expectEventually(async () => assert.deepEqual(await receivedRows(page), [[String(message._id), 'true']]), { timeoutMs: 10_000 });
    }
    await openPage(wang, 'messages-received');
    await wang.locator('gx-received-messages-pane h2', { hasText: '收件箱' }).waitFor();
    assert.deepEqual(await receivedRows(wang), [], 'what she sent is not among what she received');
    await openView(wang, 'messages-sent');
    await expectEventually(async () => assert.deepEqual((await visibleRows(wang)).map((r) => r.id), [String(message._id)], 'and among what she sent'), { timeoutMs: 10_000 });
    assert.equal(await wang.locator('gx-notice-tray button.count').getAttribute('data-unread'), '0', 'the sender is not told of her own message');

    const li = await as('李雷');
    await li.locator('gx-notice-tray button.count').click();
    await screenshot(li, 'zh-message-in-tray');
    await li.locator('gx-notice-tray li[data-notice-id] button.subject').click();
    await li.locator('gx-document-pane h2', { hasText: '周五下午三点开销售例会' }).waitFor();
    await li.locator('gx-notice-tray button.count[data-unread="0"]').waitFor();
    await openPage(li, 'messages-received');
    await expectEventually(async () => assert.deepEqual(await receivedRows(li), [[String(message._id), 'false']], 'read once opened'), { timeoutMs: 10_000 });
    await li.locator(`gx-received-messages-pane tr[data-id="${String(message._id)}"]`).click();
    await li.locator('gx-document-pane h2', { hasText: '周五下午三点开销售例会' }).waitFor();
    assert.deepEqual(await visibleGeneratedIds(li), [], 'the linked document is named, not shown by its id');
    await li.locator('gx-document-pane button[data-action="msg:link"]').click();
    await li.locator('gx-document-pane h2', { hasText: '追溯与该客户的沟通记录' }).waitFor();
    const receipt = await expectEventually(() => crm.get(receiptId(String(message._id), '李雷')), { timeoutMs: 15_000 });
    assert.deepEqual(receipt.readers, ['李雷', '王芳']);

    await openView(wang, 'messages-all');
    await expectEventually(async () => {
      const rows = await visibleRows(wang);
      assert.ok(rows.some((r) => r.text.includes('李雷') && r.id === receipt._id), 'the read receipt is under the message for the sender');
    }, { timeoutMs: 15_000 });
  });

  test('a bulletin appears on everyone\'s home page, and its poster sees who read it', async () => {
    const boss = await as('周经理');
    await openView(boss, 'bulletins');
    const expires = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    await createDocument(boss, { subject: '五一劳动节放假安排', category: 'hr', expires, body: '5月1日至5日放假。' });

    for (const name of ['王芳', '赵敏']) {
      const page = await as(name);
      await openPage(page, 'home');
      const item = page.locator('gx-home-pane [data-section="bulletins"] li', { hasText: '五一劳动节放假安排' });
      await item.waitFor({ timeout: 15_000 });
      assert.equal(await item.locator('.new').count(), 1, `new for ${name}`);
    }
    const zhao = await as('赵敏');
    await screenshot(zhao, 'zh-home-page');
    await zhao.locator('gx-home-pane [data-section="bulletins"] li button', { hasText: '五一劳动节放假安排' }).click();
    await zhao.locator('gx-document-pane h2', { hasText: '五一劳动节放假安排' }).waitFor();
    await zhao.locator('gx-home-pane [data-section="bulletins"] li .new').waitFor({ state: 'detached', timeout: 10_000 });

    await openView(boss, 'bulletins');
    await expectEventually(async () => assert.ok((await visibleRows(boss)).some((r) => r.text.includes('赵敏')), '赵敏 is in the view'), { timeoutMs: 15_000 });
    await openView(boss, 'messages-all');
    assert.deepEqual(await visibleRows(boss), [], 'the department\'s message never reached a manager outside it');
    await openPage(boss, 'messages-received');
    await boss.locator('gx-received-messages-pane h2').waitFor();
    assert.deepEqual(await receivedRows(boss), []);
  });

  test('the home page: today\'s agenda and my pipeline against target; a manager also sees the team\'s, in English too', async () => {
    const year = String(new Date().getFullYear());
    const crm = world.running.store.database('crm');
    const wangUser = { name: '王芳', roles: ['[Sales]'] };
    await crm.saveMany([
      { _id: 'sales-targets', form: 'SalesTargets', targets: [{ owner: '王芳', period: year, amount: 100_000, currency: 'USD' }] },
      { _id: 'd-won', form: 'Deal', name: '蝶阀 DN150 年度订单', customerId: 'c-nord', customerName: '汉堡北方阀门有限公司', status: 'won', wonDate: `${year}-01-15`,
        amount: 40_000, currency: 'USD', owner: ['王芳'] },
    ], SEED_CTX);
    await crm.save({ _id: 'visit-today', form: 'Appointment', subject: '拜访汉堡北方阀门', when: new Date().toISOString(), remind: ['王芳'], customerId: 'c-nord', customerName: '汉堡北方阀门有限公司' },
      { ...SEED_CTX, user: wangUser });

    const wang = await as('王芳');
    await openPage(wang, 'home');
    await wang.locator('gx-home-pane [data-section="agenda"] li[data-id="visit-today"]').waitFor({ timeout: 15_000 });
    await wang.locator('gx-home-pane [data-section="pipeline"] svg rect.target').waitFor({ timeout: 15_000 });
    // The figures beside the bar: no table on the home page says them otherwise.
    assert.match(await wang.locator('gx-home-pane [data-section="pipeline"] svg text.figures').textContent() ?? '', /已成交 .*40,000.*目标 .*100,000.*（40%）/);
    assert.equal(await wang.locator('gx-home-pane [data-section="team-pipeline"]').count(), 0, 'a salesperson sees no team figures');
    const li = await as('李雷');
    await openPage(li, 'home');
    await li.locator('gx-home-pane [data-section="agenda"] h3').waitFor();
    await li.locator('gx-home-pane [data-section="bulletins"] li', { hasText: '五一劳动节放假安排' }).waitFor({ timeout: 15_000 });
    assert.equal(await li.locator('gx-home-pane [data-section="agenda"] li[data-id="visit-today"]').count(), 0, 'not on a colleague\'s agenda');

    const boss = await world.workstation({ lang: 'en' });
    await signIn(boss.page, '周经理');
    await waitUntilReady(boss.page);
    // The first screen after sign-in: nothing is chosen.
    const home = boss.page.locator('gx-home-pane');
    await home.locator('h2', { hasText: 'Home' }).waitFor();
    await home.locator('[data-section="bulletins"] h3', { hasText: 'Bulletins' }).waitFor();
    await home.locator('[data-section="team-pipeline"] svg text', { hasText: '王芳' }).waitFor({ timeout: 15_000 });
    assert.match(await home.locator('[data-section="team-pipeline"] h3').innerText(), new RegExp(`team.*${year}`));
    assert.match(await home.locator('[data-section="team-pipeline"] svg text.figures').textContent() ?? '', /won .*40,000.* of .*100,000.* \(40%\)/);
    await screenshot(boss.page, 'en-home-page-manager');
    await openPage(boss.page, 'messages-received');
    await boss.page.locator('gx-received-messages-pane h2', { hasText: 'Received' }).waitFor();
    await boss.page.locator('gx-navigator button.open[data-view="messages-received"]', { hasText: 'Received' }).waitFor();
  });

  test('regression: the home page asked the server for the pipeline on every burst of replica changes; now at most once per pause, and once after the burst', async () => {
    const wang = await as('王芳');
    await openPage(wang, 'home');
    await wang.locator('gx-home-pane [data-section="pipeline"]').waitFor({ timeout: 15_000 });
    const asked: number[] = [];
    const onRequest = (request: { url(): string }) => {
      if (request.url().includes('/api/crm/statistics')) asked.push(Date.now());
    };
    wang.on('request', onRequest);
    const crm = world.running.store.database('crm');
    const li = { name: '李雷', roles: ['[Sales]'] };
    const BURSTS = 6;
    const started = Date.now();
    for (let i = 1; i <= BURSTS; i++) {
      // Each reaches the workstation on its own: one replica change burst each.
      const sent = await crm.save({ form: 'Message', to: ['王芳'], sender: ['李雷'], subject: `样品到了吗？第${i}次`, sent: new Date().toISOString() }, { ...SEED_CTX, user: li });
      await wang.locator(`gx-home-pane [data-section="messages"] li[data-id="${sent._id}"]`).waitFor({ timeout: 15_000 });
    }
    const lastArrived = Date.now();
    const elapsed = lastArrived - started;
    const during = asked.length;
    assert.ok(during < BURSTS && during <= 1 + Math.ceil(elapsed / 10_000), `${during} requests for ${BURSTS} bursts in ${elapsed} ms`);
    // The last change is followed once the pause is over: the pipeline is not left stale.
    await expectEventually(() => assert.ok(asked.some((at) => at >= lastArrived), 'asked again after the burst'), { timeoutMs: 20_000 });
    wang.off('request', onRequest);
  });
});

/** The received messages page's rows: id and whether it is marked unread. */
async function receivedRows(page: Page): Promise<string[][]> {
  return page.locator('gx-received-messages-pane tr[data-id]').evaluateAll((rows) => rows.map((r) => [(r as HTMLElement).dataset.id ?? '', (r as HTMLElement).dataset.unread ?? '']));
}
