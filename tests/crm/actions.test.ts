import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { SALES_TARGETS_ID } from '../../design/forms/sales-targets.js';
import { upgradeSalesTargets } from '../../server/crm/sales-targets.js';
import { sendReminders } from '../../server/crm/send-reminders.js';
import { SessionClient } from '../helpers/session-client.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { idsOf, localReplica } from '../helpers/sync-client.js';
import { gatewayWorld, PASSWORD, type GatewayWorld } from '../gateway/gateway-fixture.js';

const at = (name: string, roles: string[] = []) => ({ user: { name, roles }, now: '2026-03-02T10:00:00.000Z' });

describe('CRM actions of managers: hand-over, urge, reminders, overdue lists, statistics', () => {
  let world: GatewayWorld;
  let boss: SessionClient;
  let wang: SessionClient;
  before(async () => {
    world = await gatewayWorld([
      { name: '王芳', access: { crm: 'author' } },
      { name: '李雷', access: { crm: 'author' } },
      { name: '赵敏', access: { crm: 'author' } },
      { name: 'Boss', access: { crm: 'editor' }, roles: ['[Manager]'] },
    ]);
    boss = new SessionClient(world.running.url);
    wang = new SessionClient(world.running.url);
    assert.equal((await boss.signIn('Boss', PASSWORD)).status, 200);
    assert.equal((await wang.signIn('王芳', PASSWORD)).status, 200);
  });
  after(async () => {
    await world.close();
  });
  const crm = () => world.running.store.database('crm');

  test('a customer is readable by its owner and managers only; handing it over moves it with its deals, and the history stays', async () => {
    const customer = await crm().save({ _id: 'hx', form: 'Customer', name: '宏兴贸易', owner: ['王芳'] }, at('王芳'));
    assert.deepEqual(customer.readers, ['王芳', '[Manager]']);
    await crm().save({ _id: 'hx-deal', form: 'Deal', name: '宏兴春季订单', customerId: 'hx', customerName: '宏兴贸易', owner: ['王芳'] }, at('王芳'));
    await crm().save({ _id: 'other-deal', form: 'Deal', name: '别的业务', customerId: 'elsewhere', owner: ['王芳'] }, at('王芳'));
    const li = localReplica('li');
    const liRemote = world.remote(await world.signIn('李雷'));
    await li.replicate.from(liRemote);
    assert.deepEqual((await idsOf(li)).filter((id) => id.startsWith('hx')), [], '李雷 sees nothing of 王芳’s customer');

    assert.equal((await wang.request('POST', '/api/crm/hand-over', { to: '李雷', customerId: 'hx' })).status, 403, 'not a manager');
    const answer = await boss.request('POST', '/api/crm/hand-over', { to: '李雷', customerId: 'hx' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual((answer.body!.moved as { id: string }[]).map((m) => m.id).sort(), ['hx', 'hx-deal']);

    const moved = await crm().get('hx');
    assert.deepEqual(moved.owner, ['李雷']);
    assert.deepEqual(moved.readers, ['[Manager]', '李雷']);
    assert.deepEqual((moved.ownerHistory as Doc[]).map((h) => [h.from, h.to, h.by]), [[['王芳'], ['李雷'], 'Boss']]);
    assert.deepEqual((await crm().get('hx-deal')).owner, ['李雷']);
    assert.deepEqual((await crm().get('other-deal')).owner, ['王芳'], 'a deal of another customer stays');

    await li.replicate.from(liRemote);
    assert.deepEqual((await idsOf(li)).filter((id) => id.startsWith('hx')), ['hx', 'hx-deal'], '李雷 now has them on his workstation');
    const wangLocal = localReplica('wang');
    await wangLocal.replicate.from(world.remote(await world.signIn('王芳')));
    assert.ok(!(await idsOf(wangLocal)).includes('hx'), '王芳 no longer reads it');
    assert.ok((await idsOf(wangLocal)).includes('other-deal'));

    const notices = (await crm().pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc as Doc).filter((d) => d.form === 'Notice' && d.kind === 'handover');
    assert.deepEqual(notices.map((n) => n.recipients), [['李雷']]);
  });

  test('a customer without an owner is in the public pool, open to everyone; handing it over makes it the new owner’s', async () => {
    const pooled = await crm().save({ _id: 'pool', form: 'Customer', name: '公海客户' }, at('王芳'));
    assert.deepEqual(pooled.readers, []);
    assert.equal((await boss.request('POST', '/api/crm/hand-over', { to: '李雷', customerId: 'pool' })).status, 200);
    assert.deepEqual((await crm().get('pool')).readers, ['李雷', '[Manager]']);
  });

  test('everything a person owns moves in one action; a bad hand-over is refused with a reason and changes nothing', async () => {
    await crm().save({ _id: 'zm-1', form: 'Customer', name: 'Acme GmbH', owner: ['赵敏'] }, at('赵敏'));
    await crm().save({ _id: 'zm-2', form: 'Deal', name: 'Acme pumps', customerId: 'zm-1', owner: ['赵敏'] }, at('赵敏'));
    await crm().save({ _id: 'zm-3', form: 'Activity', subject: '回访', status: 'planned', when: '2026-04-01T09:00:00.000Z', customerId: 'zm-1', owner: ['赵敏'] }, at('赵敏'));
    await crm().save({ _id: 'zm-4', form: 'Activity', subject: '已打电话', status: 'done', when: '2026-03-01T09:00:00.000Z', customerId: 'zm-1', owner: ['赵敏'] }, at('赵敏'));

    for (const [body, field] of [[{ to: '无名氏', from: '赵敏' }, 'to'], [{ to: '王芳' }, 'scope'], [{ to: '王芳', from: '赵敏', dealId: 'zm-2' }, 'scope'], [{ to: '王芳', dealId: 'nope' }, 'dealId']] as const) {
      const refused = await boss.request('POST', '/api/crm/hand-over', body);
      assert.ok(refused.status === 400 || refused.status === 404, JSON.stringify(refused.body));
      assert.equal((refused.body!.fields as { field: string }[])[0]!.field, field);
      assert.match((refused.body!.fields as { message: { zh: string } }[])[0]!.message.zh, /\p{Script=Han}/u);
    }
    assert.deepEqual((await crm().get('zm-1')).owner, ['赵敏']);

    const answer = await boss.request('POST', '/api/crm/hand-over', { to: '王芳', from: '赵敏' });
    assert.deepEqual((answer.body!.moved as { id: string }[]).map((m) => m.id).sort(), ['zm-1', 'zm-2', 'zm-3']);
    for (const id of ['zm-1', 'zm-2', 'zm-3']) assert.deepEqual((await crm().get(id)).owner, ['王芳']);
    assert.deepEqual((await crm().get('zm-4')).owner, ['赵敏'], 'who did a past activity stays on record');
    assert.ok((await crm().get('zm-2')).authors!.includes('王芳'));
    assert.ok(!(await crm().get('zm-2')).authors!.includes('赵敏'));
  });

  test('a manager urges a deal: recorded on the deal, and its owner gets a notice in My Notices', async () => {
    await crm().save({ _id: 'urged', form: 'Deal', name: '德国泵阀订单', customerId: 'hx', owner: ['王芳'] }, at('王芳'));
    assert.equal((await wang.request('POST', '/api/crm/deals/urged/urge', { message: '请尽快' })).status, 403);
    assert.equal((await boss.request('POST', '/api/crm/deals/missing/urge', {})).status, 404);
    assert.equal((await boss.request('POST', '/api/crm/deals/urged/urge', { message: 42 })).status, 400);
    const answer = await boss.request('POST', '/api/crm/deals/urged/urge', { message: '客户等报价，请今天回复' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const [urge, ...more] = (await crm().get('urged')).urges as Doc[];
    assert.deepEqual([urge!.by, urge!.message, more.length], ['Boss', '客户等报价，请今天回复', 0]);
    assert.ok(!Number.isNaN(Date.parse(String(urge!.at))));
    const page = await wang.request('GET', '/api/db/crm/views/my-notices');
    const subjects = (page.body!.rows as { kind: string; values: unknown[] }[]).filter((r) => r.kind === 'document').map((r) => r.values[2]);
    assert.ok(subjects.some((s) => String(s).includes('德国泵阀订单')), JSON.stringify(subjects));
  });

  test('an appointment reminds its people once, at its time', async () => {
    await crm().save({ _id: 'appt', form: 'Appointment', subject: '广交会见 Hans', when: '2026-04-15T02:00:00.000Z', remind: ['王芳', '李雷'], customerName: 'Acme GmbH' }, at('王芳'));
    assert.equal(await sendReminders(crm(), '2026-04-15T01:59:00.000Z'), 0, 'not yet');
    assert.equal(await sendReminders(crm(), '2026-04-15T02:00:00.000Z'), 1);
    assert.equal(await sendReminders(crm(), '2026-04-15T02:01:00.000Z'), 0, 'only once');
    const notice = await crm().get('reminder-appt');
    assert.deepEqual([notice.kind, notice.recipients, notice.subject], ['reminder', ['王芳', '李雷'], '广交会见 Hans']);
    assert.equal((await crm().get('appt')).remindedAt, '2026-04-15T02:00:00.000Z');
  });

  test('payments not received in full by their due date are overdue; paid and future ones are not', async () => {
    const payments = (received: number) => [{ due: '2026-05-01', amount: 10000, received }, { due: '2026-07-01', amount: 5000 }];
    await crm().save({ _id: 'pay-late', form: 'Deal', name: '逾期业务', customerId: 'hx', owner: ['王芳'], status: 'won', payments: payments(4000) }, at('王芳'));
    await crm().save({ _id: 'pay-paid', form: 'Deal', name: '按时付款', customerId: 'hx', owner: ['王芳'], status: 'won', payments: [{ due: '2026-05-01', amount: 10000, received: 10000 }] }, at('王芳'));
    assert.equal((await crm().get('pay-late')).nextPaymentDue, '2026-05-01');
    assert.equal((await crm().get('pay-paid')).nextPaymentDue, undefined);

    const ids = async (client: SessionClient, today: string) => {
      const answer = await client.request('GET', `/api/crm/overdue-payments?today=${today}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return (answer.body!.rows as { id: string }[]).map((r) => r.id);
    };
    assert.deepEqual(await ids(wang, '2026-05-01'), [], 'due today is not yet overdue');
    assert.deepEqual(await ids(wang, '2026-05-02'), ['pay-late']);
    const li = new SessionClient(world.running.url);
    await li.signIn('李雷', PASSWORD);
    assert.deepEqual(await ids(li, '2026-05-02'), [], 'only deals one may read');
    assert.equal((await wang.request('GET', '/api/crm/overdue-payments?today=May')).status, 400);

    const late = await crm().get('pay-late');
    await crm().save({ ...late, payments: payments(10000) }, at('王芳'));
    assert.equal((await crm().get('pay-late')).nextPaymentDue, '2026-07-01');
    assert.deepEqual(await ids(wang, '2026-05-02'), []);
  });

  test('a customer nobody contacted for longer than their importance asks is overdue for contact; a done activity resets it', async () => {
    await crm().save({ _id: 'vip', form: 'Customer', name: '重要客户', importance: 'A', contactEveryDays: 10, owner: ['王芳'] }, at('王芳'));
    assert.equal((await crm().get('vip')).nextContactDue, '2026-03-12');
    const overdue = async (today: string) => ((await wang.request('GET', `/api/crm/overdue-contact?today=${today}`)).body!.rows as { id: string }[]).map((r) => r.id);
    assert.ok(!(await overdue('2026-03-12')).includes('vip'));
    assert.ok((await overdue('2026-03-13')).includes('vip'));
    await crm().save({ form: 'Activity', subject: '电话沟通', status: 'done', when: '2026-03-10T03:00:00.000Z', customerId: 'vip', customerName: '重要客户' }, at('王芳'));
    await expectEventually(async () => (await crm().get('vip')).nextContactDue === '2026-03-20', { timeoutMs: 10_000 });
    assert.equal((await crm().get('vip')).lastContact, '2026-03-10');
    assert.ok(!(await overdue('2026-03-13')).includes('vip'));
    const ordinary = await crm().save({ form: 'Customer', name: '普通客户', importance: 'B' }, at('王芳'));
    assert.equal(ordinary.nextContactDue, '2026-04-01', 'B: every 30 days from the day it was entered');
  });

  test('statistics over HTTP: each person sums only the deals they may read; a manager sums everyone’s', async () => {
    await crm().save({ _id: 'st-1', form: 'Deal', name: '统计一', customerId: 'x', owner: ['赵敏'], status: 'won', amount: 1200, currency: 'EUR' }, at('赵敏'));
    await crm().save({ _id: 'st-2', form: 'Deal', name: '统计二', customerId: 'x', owner: ['王芳'], status: 'won', amount: 800, currency: 'EUR' }, at('王芳'));
    const euroWon = async (client: SessionClient) => {
      const answer = await client.request('GET', '/api/crm/statistics?period=2026-03');
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return (answer.body!.rows as { owner: string; currency: string; amountWon: number }[]).filter((r) => r.currency === 'EUR').map((r) => [r.owner, r.amountWon]);
    };
    assert.deepEqual(await euroWon(boss), [['王芳', 800], ['赵敏', 1200]]);
    assert.deepEqual(await euroWon(wang), [['王芳', 800]]);
    assert.equal((await boss.request('GET', '/api/crm/statistics?period=2026-13')).status, 400);
  });

  test('targets were readable by everyone in the CRM settings: they move to their own document on upgrade, which only managers and its editors read; statistics show a salesperson their own', async () => {
    const period = '2026-04';
    // An install from before the split, its targets in the settings everyone replicates (as stored then).
    await crm().pouch.put({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', title: '客户关系设置', modifiedBy: 'Admin', targets: [
      { owner: '王芳', period, amount: 50000, currency: 'USD' }, { owner: '赵敏', period, amount: 80000, currency: 'EUR' },
    ] });
    const targets = async (client: SessionClient) => {
      const answer = await client.request('GET', `/api/crm/statistics?period=${period}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return (answer.body!.rows as { owner: string; currency: string; target: number | null }[]).filter((r) => r.target !== null).map((r) => [r.owner, r.currency, r.target]);
    };
    assert.deepEqual(await targets(wang), [['王芳', 'USD', 50000]], 'before the upgrade too, from the old settings');

    const upgrade = () => upgradeSalesTargets(crm(), () => at('Guanxi Server', ['[Server]']));
    assert.equal(await upgrade(), 2);
    assert.equal(await upgrade(), 0, 'once');
    assert.equal((await crm().get(CRM_SETTINGS_ID)).targets, undefined, 'the settings hold no targets any more');
    const moved = await crm().get(SALES_TARGETS_ID);
    assert.equal((moved.targets as unknown[]).length, 2);
    assert.deepEqual([moved.readers, moved.authors], [['[Manager]', 'Admin'], ['Admin']], 'the administrator who kept them keeps reading them');

    const wangReplica = localReplica('wang-targets');
    await wangReplica.replicate.from(world.remote(await world.signIn('王芳')));
    const ids = await idsOf(wangReplica);
    assert.ok(ids.includes(CRM_SETTINGS_ID) && !ids.includes(SALES_TARGETS_ID), '王芳 replicates the settings but not the targets');
    assert.equal((await wang.request('GET', `/api/db/crm/docs/${SALES_TARGETS_ID}`)).status, 404);
    assert.deepEqual(await targets(boss), [['王芳', 'USD', 50000], ['赵敏', 'EUR', 80000]]);
    assert.deepEqual(await targets(wang), [['王芳', 'USD', 50000]]);

    // Whom the targets document says: the roles that see all, besides its editors.
    await crm().save({ ...moved, seeAllRoles: ['[Manager]', '[Finance]'], targets: [...(moved.targets as Doc[]), { owner: '外贸一部', period, amount: 900000, currency: 'USD' }] }, at('Admin'));
    const li = new SessionClient(world.running.url);
    await li.signIn('李雷', PASSWORD);
    assert.deepEqual(await targets(li), [], '李雷 has no target and sees no colleague’s');
    assert.deepEqual((await crm().get(SALES_TARGETS_ID)).readers, ['[Manager]', '[Finance]', 'Admin']);
  });
});
