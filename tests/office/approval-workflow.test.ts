import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApprovalStep, RouteStage } from '../../design/approval/approval-def.js';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import type { ExpenseStatistics } from '../../engine/expense-figures.js';
import { remindWaitingApprovals } from '../../server/approvals/remind-waiting-approvals.js';
import { savePerson } from '../../server/directory/directory-edits.js';
import { mailNotices } from '../../server/scheduler/mail-notices.js';
import type { RunningServer } from '../../server/main.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { SessionClient } from '../helpers/session-client.js';
import { localReplica, remoteDb } from '../helpers/sync-client.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { docsOfView } from '../../server/store/view-docs.js';
import { withServer } from '../server/fixtures.js';
import { claimOf, DIRECTOR, FILER, FINANCE, HEAD, OTHER, SALES, seedOffice } from './office-seed.js';

const PASSWORD = 'correct horse battery';

/** Signs everyone in; `act` takes a step a minute after the last one, on the server's fake clock. */
async function office(running: RunningServer, clock: FakeClock) {
  await seedOffice(running.store, running.directory, PASSWORD);
  const sessions = new Map<string, SessionClient>();
  for (const name of [FILER, HEAD, DIRECTOR, FINANCE, OTHER]) {
    const session = new SessionClient(running.url);
    assert.equal((await session.signIn(name, PASSWORD)).status, 200, name);
    sessions.set(name, session);
  }
  const act = async (who: string, id: string, body: object) => {
    clock.advance(60_000);
    return sessions.get(who)!.request('POST', `/api/approvals/office/${id}/actions`, body);
  };
  const refused = async (who: string, id: string, body: object, reason: RegExp) => {
    const answer = await act(who, id, body);
    assert.equal(answer.status, 403, JSON.stringify(answer.body));
    assert.match(String(answer.body?.reason), reason);
  };
  const ok = async (who: string, id: string, body: object) => {
    const answer = await act(who, id, body);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body as Doc;
  };
  const gateway = (who: string) => remoteDb(running.url, 'office', { cookie: sessions.get(who)!.cookie!, csrf: sessions.get(who)!.csrf! });
  return { sessions, act, refused, ok, gateway };
}

describe('approval routes, on expense claims and requests', () => {
  test('a claim over the threshold goes to the department head, then the director, who returns it; corrected, approved and paid; every step stamped by the server', () => {
    const clock = fakeClock('2026-03-10T08:00:00.000Z');
    return withServer(async (running) => {
      const { ok, act, refused, gateway, sessions } = await office(running, clock);
      const filerDb = gateway(FILER);
      const user = { name: FILER, roles: [SALES] };
      const created = await filerDb.put(prepareForSave({ ...claimOf(), _id: 'claim-1' }, null, { now: '2026-03-10T07:00:00.000Z', user }));
      assert.ok(created.ok, 'filing works offline and syncs');

      await refused(DIRECTOR, 'claim-1', { action: 'submit' }, /Only the person who filed it/);
      const submitted = await ok(FILER, 'claim-1', { action: 'submit' });
      assert.equal(submitted.approvalStatus, 'pending');
      assert.deepEqual([submitted.amountBase, submitted.baseCurrency, submitted.filerDepartment], [6440, 'CNY', SALES], '¥5,000 and US$200 at 7.2');
      assert.deepEqual((submitted.route as RouteStage[]).map((s) => [s.label.en, s.approvers]), [['Department head', [HEAD]], ['Director', [DIRECTOR]]]);
      assert.deepEqual(submitted.waitingFor, [HEAD]);
      assert.ok((submitted.readers as string[]).includes(DIRECTOR), 'everyone on the route reads it');
      assert.equal(submitted.modifiedBy, 'Guanxi Server');

      await refused(DIRECTOR, 'claim-1', { action: 'approve' }, /not an approver at the current stage/);
      assert.equal((await act(OTHER, 'claim-1', { action: 'approve' })).status, 404, 'someone off the route does not even see it');
      const headApproved = await ok(HEAD, 'claim-1', { action: 'approve', note: '属实' });
      assert.deepEqual([headApproved.stage, headApproved.waitingFor], [1, [DIRECTOR]]);
      await refused(DIRECTOR, 'claim-1', { action: 'return' }, /Write why it is returned/);
      const returned = await ok(DIRECTOR, 'claim-1', { action: 'return', note: '美元酒店发票缺失，请补上' });
      assert.equal(returned.approvalStatus, 'returned');

      // The filer corrects it on the workstation, and submits it again: the route starts anew.
      const current = await filerDb.get('claim-1') as Doc;
      const corrected = prepareForSave({ ...current, lines: [{ date: '2026-03-05', category: 'travel', amount: 6000, currency: 'CNY' }] }, current, { now: '2026-03-10T09:00:00.000Z', user });
      assert.ok((await filerDb.put(corrected)).ok, 'a returned claim is the filer\'s to correct');
      await refused(FILER, 'claim-1', { action: 'approve' }, /not awaiting approval/);
      const again = await ok(FILER, 'claim-1', { action: 'submit', note: '已改为人民币报销' });
      assert.deepEqual([again.approvalStatus, again.amountBase, again.waitingFor], ['pending', 6000, [HEAD]]);
      await ok(HEAD, 'claim-1', { action: 'approve' });
      const stale = await sessions.get(DIRECTOR)!.request('POST', '/api/approvals/office/claim-1/actions', { action: 'approve', rev: again._rev });
      assert.equal(stale.status, 409, 'a step on a document read before it changed is refused');
      const approved = await ok(DIRECTOR, 'claim-1', { action: 'approve' });
      assert.deepEqual([approved.approvalStatus, approved.waitingFor], ['approved', []]);
      await refused(FILER, 'claim-1', { action: 'complete' }, /Only \[Finance\] may complete/);
      const paid = await ok(FINANCE, 'claim-1', { action: 'complete' });
      assert.equal(paid.approvalStatus, 'completed');

      assert.deepEqual((paid.approvalHistory as ApprovalStep[]).map((s) => [s.action, s.by, s.at, s.note ?? '']), [
        ['submit', FILER, '2026-03-10T08:02:00.000Z', ''],
        ['approve', HEAD, '2026-03-10T08:05:00.000Z', '属实'],
        ['return', DIRECTOR, '2026-03-10T08:07:00.000Z', '美元酒店发票缺失，请补上'],
        ['submit', FILER, '2026-03-10T08:09:00.000Z', '已改为人民币报销'],
        ['approve', HEAD, '2026-03-10T08:10:00.000Z', ''],
        ['approve', DIRECTOR, '2026-03-10T08:11:00.000Z', ''],
        ['complete', FINANCE, '2026-03-10T08:13:00.000Z', ''],
      ]);
      assert.equal(paid.completedAt, '2026-03-10T08:13:00.000Z');

      // The approvers were told, and the filer was told when it came back and when it was paid (beside the claim, in office).
      const { rows } = await running.store.database('office').pouch.allDocs({ include_docs: true });
      const notices = rows.map((r) => r.doc as Doc).filter((d) => d.form === 'Notice' && d.kind === 'approval').map((d) => [d.recipients, String(d.subject).split('：')[0]]);
      assert.deepEqual(notices.sort(), [
        [[DIRECTOR], '待您审批'], [[DIRECTOR], '待您审批'], [[FILER], '已付款'], [[FILER], '已批准'], [[FILER], '已退回，请修改'], [[HEAD], '待您审批'], [[HEAD], '待您审批'],
      ].sort());

      const stats = await sessions.get(DIRECTOR)!.request('GET', '/api/office/expense-statistics?period=2026-03');
      const figures = stats.body as unknown as ExpenseStatistics;
      assert.deepEqual([figures.byPerson[0]?.key, figures.byPerson[0]?.amount, figures.byPerson[0]?.paid], [FILER, 6000, 6000]);
      assert.deepEqual([figures.byDepartment[0]?.key, figures.byDeal[0]?.name, figures.byCategory[0]?.key], [SALES, '汉堡球阀订单', 'travel']);
      const outsider = await sessions.get(OTHER)!.request('GET', '/api/office/expense-statistics?period=2026-03');
      assert.deepEqual((outsider.body as unknown as ExpenseStatistics).byPerson, [], 'someone neither on the route nor in finance sees nothing of it');
      const csv = await fetch(`${running.url}/api/office/expense-statistics?period=2026-03&format=csv&lang=zh`, { headers: { cookie: sessions.get(FINANCE)!.cookie! } });
      const text = await csv.text();
      assert.match(text, /人员,王芳,1,6000\.00,6000\.00/);
      assert.match(text, /类别,差旅交通,1,6000\.00/);
      await filerDb.close();
    }, { now: clock.now });
  });

  test('a workstation cannot take a step itself, backdate one, nor change a claim once submitted: the gateway refuses it with a reason', () => {
    const clock = fakeClock('2026-03-10T08:00:00.000Z');
    return withServer(async (running) => {
      const { ok, gateway } = await office(running, clock);
      const headDb = gateway(HEAD);
      const filerDb = gateway(FILER);
      const filer = { name: FILER, roles: [SALES] };
      await filerDb.put(prepareForSave({ ...claimOf(), _id: 'claim-2' }, null, { now: '2026-03-10T07:00:00.000Z', user: filer }));
      const selfApproved = prepareForSave({ ...claimOf(), _id: 'claim-3', approvalStatus: 'approved' }, null, { now: '2026-03-10T07:00:00.000Z', user: filer });
      await assert.rejects(filerDb.put(selfApproved), (error: { status?: number; message?: string }) => {
        assert.equal(error.status, 403);
        assert.match(String(error.message), /Approval steps are taken through the server/);
        return true;
      });
      await ok(FILER, 'claim-2', { action: 'submit' });

      const pending = await headDb.get('claim-2') as Doc;
      const forged = prepareForSave({
        ...pending, approvalStatus: 'approved', waitingFor: [],
        approvalHistory: [...(pending.approvalHistory as ApprovalStep[]), { action: 'approve', by: HEAD, at: '2026-01-01T00:00:00.000Z' }],
      }, pending, { now: '2026-03-10T09:00:00.000Z', user: { name: HEAD, roles: [SALES] } });
      await assert.rejects(headDb.put(forged), (error: { status?: number; message?: string }) => {
        assert.equal(error.status, 403, 'an approver cannot approve offline or backdate through the gateway');
        return true;
      });
      const mine = await filerDb.get('claim-2') as Doc;
      const raised = prepareForSave({ ...mine, lines: [{ date: '2026-03-05', category: 'gifts', amount: 60000, currency: 'CNY' }] }, mine, { now: '2026-03-10T09:00:00.000Z', user: filer });
      await assert.rejects(filerDb.put(raised), (error: { status?: number; message?: string }) => {
        assert.equal(error.status, 403);
        assert.match(String(error.message), /submitted for approval cannot be changed/);
        return true;
      });
      await assert.rejects(filerDb.remove(mine._id!, mine._rev!), (error: { status?: number }) => error.status === 403, 'nor deleted while it waits');
      const stored = await running.store.database('office').get('claim-2');
      assert.deepEqual([stored.approvalStatus, (stored.lines as Doc[]).length], ['pending', 2], 'nothing of the forgeries was saved');
      await Promise.all([headDb.close(), filerDb.close()]);
    }, { now: clock.now });
  });

  test('while the head is away the person they named approves for them; a small claim needs no director; a head\'s own claim skips their stage', () => {
    const clock = fakeClock('2026-03-10T08:00:00.000Z');
    return withServer(async (running) => {
      const { ok, refused, gateway } = await office(running, clock);
      const office_ = running.store.database('office');
      const headDb = gateway(HEAD);
      await headDb.put(prepareForSave({ _id: 'away-1', form: 'Delegation', delegate: [OTHER], from: '2026-03-09', until: '2026-03-12' }, null, { now: '2026-03-09T00:00:00.000Z', user: { name: HEAD, roles: [] } }));
      await office_.save({ ...claimOf({ lines: [{ date: '2026-03-05', category: 'meals', amount: 800, currency: 'CNY' }] }), _id: 'small' }, { now: '2026-03-10T07:00:00.000Z', user: { name: FILER, roles: [] } });
      const submitted = await ok(FILER, 'small', { action: 'submit' });
      assert.deepEqual((submitted.route as RouteStage[]).map((s) => s.label.en), ['Department head'], 'no director under ¥5,000');
      assert.deepEqual(submitted.waitingFor, [HEAD, OTHER], 'the stand-in is asked too');
      const approved = await ok(OTHER, 'small', { action: 'approve' });
      assert.equal(approved.approvalStatus, 'approved');
      assert.deepEqual((approved.approvalHistory as ApprovalStep[]).at(-1)?.for, HEAD, 'the history says for whom');

      await office_.save({ ...claimOf(), _id: 'heads-own' }, { now: '2026-03-10T07:00:00.000Z', user: { name: HEAD, roles: [] } });
      const own = await ok(HEAD, 'heads-own', { action: 'submit' });
      assert.deepEqual((own.route as RouteStage[]).map((s) => s.approvers), [[DIRECTOR]], 'nobody approves their own claim');
      assert.deepEqual((own.approvalHistory as ApprovalStep[]).map((s) => s.action), ['submit', 'skip']);
      await refused(HEAD, 'heads-own', { action: 'approve' }, /not an approver/);
      await headDb.close();
    }, { now: clock.now });
  });

  test('regression: delegation days were compared in UTC — a stand-in named from Tuesday could not decide at 01:00 on Tuesday in Beijing, and still could at 01:00 on the day after it ended', () => {
    const clock = fakeClock('2026-03-09T16:30:00.000Z');
    return withServer(async (running) => {
      const { ok, act, gateway } = await office(running, clock);
      const office_ = running.store.database('office');
      const headDb = gateway(HEAD);
      await headDb.put(prepareForSave({ _id: 'away-2', form: 'Delegation', delegate: [OTHER], from: '2026-03-10', until: '2026-03-11' }, null, { now: '2026-03-09T10:00:00.000Z', user: { name: HEAD, roles: [] } }));
      const small = (id: string) => office_.save({ ...claimOf({ lines: [{ date: '2026-03-05', category: 'meals', amount: 800, currency: 'CNY' }] }), _id: id }, { now: '2026-03-09T10:00:00.000Z', user: { name: FILER, roles: [] } });
      await small('tuesday');
      // 16:31 UTC on Monday is 00:31 on Tuesday in Beijing: the delegation is in force.
      assert.deepEqual((await ok(FILER, 'tuesday', { action: 'submit' })).waitingFor, [HEAD, OTHER]);
      assert.equal((await ok(OTHER, 'tuesday', { action: 'approve' })).approvalStatus, 'approved');
      // 17:00 UTC on Wednesday is 01:00 on Thursday in Beijing: it has ended.
      clock.advance(Date.parse('2026-03-11T17:00:00.000Z') - clock.now());
      await small('thursday');
      assert.deepEqual((await ok(FILER, 'thursday', { action: 'submit' })).waitingFor, [HEAD]);
      assert.equal((await act(OTHER, 'thursday', { action: 'approve' })).status, 404, 'no longer standing in, they do not even read it');
      await headDb.close();
    }, { now: clock.now });
  });

  test('a claim follows its approved request (which leaves the view of requests not yet claimed) and each line names its own deal; statistics count each line under its deal', () => {
    const clock = fakeClock('2026-03-10T08:00:00.000Z');
    return withServer(async (running) => {
      const { ok, sessions } = await office(running, clock);
      const office_ = running.store.database('office');
      const asFiler = { now: '2026-03-10T07:00:00.000Z', user: { name: FILER, roles: [] } };
      const notClaimed = async () => (await docsOfView(office_, 'expense-requests-not-claimed')).map((d) => d._id);
      await office_.save({ _id: 'req-samples', form: 'ExpenseClaim', kind: 'request', subject: '寄样品给汉堡和不来梅客户', lines: [{ date: '2026-03-10', category: 'samples', amount: 900, currency: 'CNY' }] }, asFiler);
      await ok(FILER, 'req-samples', { action: 'submit' });
      await ok(HEAD, 'req-samples', { action: 'approve' });
      assert.deepEqual(await notClaimed(), ['req-samples'], 'approved, not yet claimed');

      await office_.save({
        ...claimOf({ subject: '样品快递费', requestId: 'req-samples', requestSubject: '寄样品给汉堡和不来梅客户' }), _id: 'claim-samples',
        lines: [
          { date: '2026-03-11', category: 'courier', amount: 300, currency: 'CNY' },
          { date: '2026-03-11', category: 'courier', amount: 500, currency: 'CNY', dealId: 'deal-hb2', dealName: '不来梅闸阀订单', customerId: 'c-hb2', customerName: '不来梅阀门公司' },
        ],
      }, asFiler);
      const claim = await office_.get('claim-samples');
      assert.deepEqual([claim.lineDeals, claim.lineCustomers], [['汉堡球阀订单', '不来梅闸阀订单'], ['汉堡贸易有限公司', '不来梅阀门公司']]);
      await ok(FILER, 'claim-samples', { action: 'submit' });
      assert.deepEqual([(await office_.get('req-samples')).claimIds, await notClaimed()], [['claim-samples'], []], 'the request knows its claim');
      await ok(FILER, 'claim-samples', { action: 'withdraw' });
      assert.deepEqual(await notClaimed(), ['req-samples'], 'withdrawn, the request waits for a claim again');
      await ok(FILER, 'claim-samples', { action: 'submit' });
      await ok(HEAD, 'claim-samples', { action: 'approve' });
      assert.deepEqual(await notClaimed(), []);

      const figures = (await sessions.get(DIRECTOR)!.request('GET', '/api/office/expense-statistics?period=2026-03')).body as unknown as ExpenseStatistics;
      assert.deepEqual(figures.byDeal.map((r) => [r.name, r.amount]), [['不来梅闸阀订单', 500], ['汉堡球阀订单', 300]], 'each line under its own deal');
      assert.deepEqual(figures.byCustomer.map((r) => [r.name, r.amount]), [['不来梅阀门公司', 500], ['汉堡贸易有限公司', 300]]);
    }, { now: clock.now });
  });

  test('a request goes to the people its filer names, one after another or all at once; a stage that names nobody is refused', () => {
    const clock = fakeClock('2026-03-10T08:00:00.000Z');
    return withServer(async (running) => {
      const { ok, act } = await office(running, clock);
      const office_ = running.store.database('office');
      const ctx = { now: '2026-03-10T07:00:00.000Z', user: { name: FILER, roles: [] } };
      const request = { form: 'Request', subject: '申请给汉堡贸易 60 天账期', category: 'credit', body: '客户第三次下单，申请 60 天账期。', approvers: [HEAD, DIRECTOR] };
      await office_.save({ ...request, _id: 'in-turn', order: 'sequence' }, ctx);
      const inTurn = await ok(FILER, 'in-turn', { action: 'submit' });
      assert.deepEqual((inTurn.route as RouteStage[]).map((s) => s.approvers), [[HEAD], [DIRECTOR]]);
      assert.deepEqual((await ok(HEAD, 'in-turn', { action: 'approve' })).waitingFor, [DIRECTOR]);

      await office_.save({ ...request, _id: 'together', order: 'parallel' }, ctx);
      assert.deepEqual((await ok(FILER, 'together', { action: 'submit' })).waitingFor, [HEAD, DIRECTOR]);
      const one = await ok(DIRECTOR, 'together', { action: 'approve' });
      assert.deepEqual([one.approvalStatus, one.waitingFor], ['pending', [HEAD]], 'all at once: each must approve');
      const rejected = await ok(HEAD, 'together', { action: 'reject', note: '客户信用不足' });
      assert.equal(rejected.approvalStatus, 'rejected');

      await office_.save({ ...request, _id: 'nobody', approvers: ['王五'] }, ctx);
      const answer = await act(FILER, 'nobody', { action: 'submit' });
      assert.deepEqual([answer.status, answer.body?.reason], [403, '王五 is not a person of the directory still with the company']);
      assert.equal((await office_.get('nobody')).approvalStatus, 'draft', 'nothing was saved');
    }, { now: clock.now });
  });

  test('regression: approval notices were kept only in crm, so an approver without crm access was told by mail only; now the notice is in their office replica too', () => {
    const clock = fakeClock('2026-03-10T08:00:00.000Z');
    return withServer(async (running) => {
      const { ok, gateway } = await office(running, clock);
      await savePerson(running.store.database('names'), OTHER, { email: 'zhao.min@example.cn' }, SEED_CTX);
      assert.equal(running.directory.accessFor(OTHER, 'crm').level, 'noAccess', '赵敏 is in the office only');
      await running.store.database('office').save({ _id: 'ask-zhao', form: 'Request', subject: '采购部：样品寄送预算', category: 'other', body: '寄往汉堡的样品运费', approvers: [OTHER], order: 'sequence' },
        { now: '2026-03-10T07:00:00.000Z', user: { name: FILER, roles: [] } });
      await ok(FILER, 'ask-zhao', { action: 'submit' });

      const replica = localReplica('zhao-office');
      await replica.replicate.from(gateway(OTHER));
      const held = (await replica.allDocs({ include_docs: true })).rows.map((r) => r.doc as unknown as Doc).filter((d) => d.form === 'Notice');
      assert.deepEqual(held.map((n) => [n.recipients, n.subject, n.linkDb, n.linkId]), [[[OTHER], '待您审批：采购部：样品寄送预算 / Waiting for your approval: 采购部：样品寄送预算', 'office', 'ask-zhao']]);
      await replica.destroy();

      // Mailed as before, once, and marked so where it is kept.
      await mailNotices(running.store, new Date(clock.now()));
      const mail = await running.store.database('crm').get(`noticemail-${String(held[0]!._id)}`);
      assert.deepEqual(mail.to, ['zhao.min@example.cn']);
      assert.equal(typeof (await running.store.database('office').get(String(held[0]!._id))).mailedAt, 'string');
    }, { now: clock.now });
  });

  test('approvers are reminded after a day without a decision, once a day, and the filer may urge them', () => {
    const clock = fakeClock('2026-03-10T08:00:00.000Z');
    return withServer(async (running) => {
      const { ok, refused } = await office(running, clock);
      await running.store.database('office').save({ ...claimOf(), _id: 'waiting' }, { now: '2026-03-10T07:00:00.000Z', user: { name: FILER, roles: [] } });
      const submitted = await ok(FILER, 'waiting', { action: 'submit' });
      const at = (hours: number) => new Date(Date.parse(String(submitted.submittedAt)) + hours * 3_600_000).toISOString();
      const notices = async (kind: RegExp) => (await running.store.database('office').pouch.allDocs({ include_docs: true })).rows
        .map((r) => r.doc as Doc).filter((d) => d.form === 'Notice' && kind.test(String(d.subject))).map((d) => d.recipients);
      assert.deepEqual(await remindWaitingApprovals(running.store, at(23)), [], 'not before a day has passed');
      assert.deepEqual(await remindWaitingApprovals(running.store, at(25)), ['waiting']);
      assert.deepEqual(await remindWaitingApprovals(running.store, at(26)), [], 'once a day');
      assert.deepEqual(await notices(/提醒/), [[HEAD]]);
      assert.deepEqual(await remindWaitingApprovals(running.store, at(49.5)), ['waiting']);
      assert.equal((await notices(/提醒/)).length, 2);

      await refused(HEAD, 'waiting', { action: 'urge' }, /Only the person who filed it or a manager may urge/);
      const urged = await ok(FILER, 'waiting', { action: 'urge', note: '下周要出差，请尽快审批' });
      assert.equal(urged.approvalStatus, 'pending', 'urging changes nothing but the history');
      assert.deepEqual((urged.approvalHistory as ApprovalStep[]).at(-1), { action: 'urge', by: FILER, at: new Date(clock.now()).toISOString(), note: '下周要出差，请尽快审批', stage: { zh: '部门负责人审批', en: 'Department head' } });
      assert.deepEqual(await notices(/催办审批/), [[HEAD]]);
    }, { now: clock.now });
  });

  test('regression: malformed steps get a clear 400 and unknown documents the same 404 as hidden ones', () => withServer(async (running) => {
    const clock = fakeClock();
    const { act } = await office(running, clock);
    await running.store.database('office').save({ ...claimOf(), _id: 'private' }, { now: '2026-03-10T07:00:00.000Z', user: { name: FILER, roles: [] } });
    for (const [body, status] of [[{ action: 'approve!' }, 400], [{ action: 'submit', note: 42 }, 400], [[1, 2], 400]] as const) {
      assert.equal((await act(FILER, 'private', body)).status, status, JSON.stringify(body));
    }
    const hidden = await act(OTHER, 'private', { action: 'approve' });
    const missing = await act(OTHER, 'no-such-claim', { action: 'approve' });
    assert.deepEqual([hidden.status, hidden.body], [missing.status, missing.body]);
  }));
});
