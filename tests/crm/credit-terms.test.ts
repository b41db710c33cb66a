import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApprovalStep } from '../../design/approval/approval-def.js';
import type { Doc } from '../../design/form.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { SERVER_USER } from '../../design/user.js';
import { remindWaitingApprovals } from '../../server/approvals/remind-waiting-approvals.js';
import type { RunningServer } from '../../server/main.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { SessionClient } from '../helpers/session-client.js';
import { remoteDb } from '../helpers/sync-client.js';
import { withServer } from '../server/fixtures.js';

const PASSWORD = 'correct horse battery';
const WANG = '王芳';
const ZHOU = '周经理';
const wangUser = { name: WANG, roles: [] };

/** 王芳's deal with 汉堡北方阀门, and 周经理 the sales director who approves credit beyond the allowed (30 days, ¥100,000). */
async function seed(running: RunningServer) {
  await seedDirectory(running.store, running.directory, [
    { name: WANG, password: PASSWORD, access: { crm: 'author' } },
    { name: ZHOU, password: PASSWORD, roles: ['[Manager]'], access: { crm: 'author' } },
  ]);
  const crm = running.store.database('crm');
  const ctx = { user: SERVER_USER, now: '2026-03-01T00:00:00.000Z' };
  await crm.save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', baseCurrency: 'CNY', exchangeRates: [{ currency: 'USD', rate: 7 }], allowedCreditDays: 30, allowedCreditLimit: 100_000 }, ctx);
  await crm.save({ _id: 'c-nord', form: 'Customer', name: '汉堡北方阀门有限公司', owner: [WANG] }, { ...ctx, user: wangUser });
  await crm.save({ _id: 'd-valves', form: 'Deal', name: '球阀 DN50 订单', customerId: 'c-nord', customerName: '汉堡北方阀门有限公司', owner: [WANG], currency: 'USD' }, { ...ctx, user: wangUser });
  const sessions = new Map<string, SessionClient>();
  for (const name of [WANG, ZHOU]) {
    const session = new SessionClient(running.url);
    assert.equal((await session.signIn(name, PASSWORD)).status, 200, name);
    sessions.set(name, session);
  }
  const post = (who: string, path: string, body: object = {}) => sessions.get(who)!.request('POST', path, body);
  const step = (who: string, id: string, body: object) => post(who, `/api/approvals/crm/${id}/actions`, body);
  const gateway = (who: string) => remoteDb(running.url, 'crm', { cookie: sessions.get(who)!.cookie!, csrf: sessions.get(who)!.csrf! });
  return { crm, post, step, gateway };
}

const terms = (id: string, values: Doc): Doc => ({
  _id: id, form: 'CreditTerms', dealId: 'd-valves', dealName: '球阀 DN50 订单', customerId: 'c-nord', customerName: '汉堡北方阀门有限公司',
  owner: [WANG], currency: 'USD', paymentTerms: 'O/A', ...values,
});

describe('credit terms on a deal: beyond the allowed they go through approval, and only the server writes them into the deal', () => {
  test('60 days\' credit waits for the sales director, is returned, approved and then applied; 20 days apply at once', () => {
    const clock = fakeClock('2026-03-10T08:00:00.000Z');
    return withServer(async (running) => {
      const { crm, post, step } = await seed(running);
      const at = { user: wangUser, now: '2026-03-10T08:00:00.000Z' };

      await crm.save(terms('ct-20', { creditDays: 20, creditLimit: 10_000, paymentTerms: 'T/T 20 days after B/L' }), at);
      assert.equal((await step(WANG, 'ct-20', { action: 'submit' })).status, 403, 'within the allowed there is nothing to approve');
      const applied = await post(WANG, '/api/crm/credit-terms/ct-20/apply');
      assert.equal(applied.status, 200, JSON.stringify(applied.body));
      let deal = await crm.get('d-valves');
      assert.deepEqual([deal.paymentTerms, deal.creditDays, deal.creditLimit, deal.creditTermsId], ['T/T 20 days after B/L', 20, 10_000, 'ct-20']);

      await crm.save(terms('ct-60', { creditDays: 60, creditLimit: 10_000, paymentTerms: 'O/A 60 days' }), at);
      const early = await post(WANG, '/api/crm/credit-terms/ct-60/apply');
      assert.equal(early.status, 403);
      assert.match(String(early.body?.reason), /60 credit days are more than the 30 allowed/);
      assert.equal((await step(WANG, 'ct-60', { action: 'submit' })).status, 200);
      assert.equal((await post(WANG, '/api/crm/credit-terms/ct-60/apply')).status, 403, 'not while it waits');
      clock.advance(60_000);
      assert.equal((await step(ZHOU, 'ct-60', { action: 'return', note: '先收30%定金' })).status, 200);
      const returned = await crm.get('ct-60');
      await crm.save({ ...returned, paymentTerms: '30% T/T in advance, balance O/A 60 days' }, at);
      clock.advance(60_000);
      assert.equal((await step(WANG, 'ct-60', { action: 'submit' })).status, 200);
      clock.advance(60_000);
      assert.equal((await step(WANG, 'ct-60', { action: 'approve' })).status, 403, 'nobody approves their own terms');
      assert.equal((await step(ZHOU, 'ct-60', { action: 'approve' })).status, 200);
      assert.equal((await post(WANG, '/api/crm/credit-terms/ct-60/apply')).status, 200);
      deal = await crm.get('d-valves');
      assert.deepEqual([deal.paymentTerms, deal.creditDays, deal.creditTermsId], ['30% T/T in advance, balance O/A 60 days', 60, 'ct-60']);
      const done = await crm.get('ct-60');
      assert.equal(done.appliedBy, WANG);
      assert.deepEqual((done.approvalHistory as ApprovalStep[]).map((s) => [s.action, s.by, s.at]), [
        ['submit', WANG, '2026-03-10T08:00:00.000Z'], ['return', ZHOU, '2026-03-10T08:01:00.000Z'],
        ['submit', WANG, '2026-03-10T08:02:00.000Z'], ['approve', ZHOU, '2026-03-10T08:03:00.000Z'],
      ], 'each step stamped with the server\'s clock');
      assert.equal((await post(WANG, '/api/crm/credit-terms/ct-60/apply')).status, 403, 'applied once');

      // A limit of USD 20,000 is ¥140,000, above the ¥100,000 allowed.
      await crm.save(terms('ct-limit', { creditDays: 30, creditLimit: 20_000 }), at);
      const limit = await post(WANG, '/api/crm/credit-terms/ct-limit/apply');
      assert.equal(limit.status, 403);
      assert.match(String(limit.body?.reason), /credit limit is above the 100000 CNY/);
    }, { now: clock.now });
  });

  test('regression: credit terms (and quotations) waiting in crm were never reminded; their notices now name them by title', () => {
    const clock = fakeClock('2026-03-10T08:00:00.000Z');
    return withServer(async (running) => {
      const { crm, step } = await seed(running);
      await crm.save(terms('ct-45', { creditDays: 45 }), { user: wangUser, now: '2026-03-10T08:00:00.000Z' });
      assert.equal((await step(WANG, 'ct-45', { action: 'submit' })).status, 200);
      const notices = async () => (await crm.pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc as unknown as Doc)
        .filter((d) => d.form === 'Notice' && d.linkId === 'ct-45').map((d) => [d.recipients, d.linkDb, d.subject]);
      assert.deepEqual(await notices(), [[[ZHOU], 'crm', '待您审批：信用条件 Credit terms · 球阀 DN50 订单 · 45d / Waiting for your approval: 信用条件 Credit terms · 球阀 DN50 订单 · 45d']]);
      assert.deepEqual(await remindWaitingApprovals(running.store, '2026-03-11T07:00:00.000Z'), [], 'not before a day has passed');
      assert.deepEqual(await remindWaitingApprovals(running.store, '2026-03-11T09:00:00.000Z'), ['ct-45']);
      assert.equal((await notices()).length, 2);
      assert.match(String((await notices())[1]?.[2]), /^待您审批（提醒）：信用条件 Credit terms · 球阀 DN50 订单/);
    }, { now: clock.now });
  });

  test('a workstation cannot raise a deal\'s credit terms itself, approve them, or backdate a step: the gateway refuses with a reason', () => {
    const clock = fakeClock('2026-03-10T08:00:00.000Z');
    return withServer(async (running) => {
      const { crm, step, gateway } = await seed(running);
      const wangDb = gateway(WANG);
      const zhouDb = gateway(ZHOU);
      const refusedWith = (reason: RegExp) => (error: { status?: number; message?: string }) => {
        assert.equal(error.status, 403);
        assert.match(String(error.message), reason);
        return true;
      };
      const deal = await wangDb.get('d-valves') as Doc;
      await assert.rejects(wangDb.put(prepareForSave({ ...deal, creditDays: 120, paymentTerms: 'O/A 120 days' }, deal, { now: '2026-03-10T07:00:00.000Z', user: wangUser })),
        refusedWith(/Credit terms change through a credit terms request/));
      const selfApproved = prepareForSave(terms('ct-self', { creditDays: 90, approvalStatus: 'approved' }), null, { now: '2026-03-10T07:00:00.000Z', user: wangUser });
      await assert.rejects(wangDb.put(selfApproved), refusedWith(/Approval steps are taken through the server/));

      await wangDb.put(prepareForSave(terms('ct-90', { creditDays: 90 }), null, { now: '2026-03-10T07:00:00.000Z', user: wangUser }));
      assert.equal((await step(WANG, 'ct-90', { action: 'submit' })).status, 200);
      const pending = await zhouDb.get('ct-90') as Doc;
      const forged = prepareForSave({
        ...pending, approvalStatus: 'approved', waitingFor: [],
        approvalHistory: [...(pending.approvalHistory as ApprovalStep[]), { action: 'approve', by: ZHOU, at: '2026-01-01T00:00:00.000Z' }],
      }, pending, { now: '2026-03-10T09:00:00.000Z', user: { name: ZHOU, roles: ['[Manager]'] } });
      await assert.rejects(zhouDb.put(forged), refusedWith(/Approval steps are taken through the server/), 'the director cannot approve offline or backdate');
      const mine = await wangDb.get('ct-90') as Doc;
      await assert.rejects(wangDb.put(prepareForSave({ ...mine, creditDays: 180 }, mine, { now: '2026-03-10T09:00:00.000Z', user: wangUser })),
        refusedWith(/submitted for approval cannot be changed/));
      const stored = await crm.get('ct-90');
      assert.deepEqual([stored.approvalStatus, stored.creditDays, (await crm.get('d-valves')).creditDays], ['pending', 90, undefined], 'nothing of the forgeries was saved');
      await Promise.all([wangDb.close(), zhouDb.close()]);
    }, { now: clock.now });
  });
});
