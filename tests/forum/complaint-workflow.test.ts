import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ComplaintStep } from '../../design/complaint-actions.js';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { SessionClient } from '../helpers/session-client.js';
import { remoteDb } from '../helpers/sync-client.js';
import { withServer } from '../server/fixtures.js';

const PASSWORD = 'correct horse battery';
const FILER = '王芳';
const MANAGER = '张经理';
const AFTER_SALES = '售后部';
const HANDLER = '李工';
const OUTSIDER = '赵敏';

const complaint = {
  form: 'Complaint',
  subject: '阀门漏水',
  customerId: 'customer-1',
  customerName: '汉堡贸易有限公司',
  category: 'quality',
  aboutKind: 'product',
  about: 'DN50 球阀',
  description: '客户收到的第二批球阀有 12 只漏水。',
  needsReview: true,
  manager: [MANAGER],
};

describe('complaint workflow', () => {
  test('filed, reviewed by a manager, handled by the assigned department, solved and closed; every step stamped by the server', () => {
    const clock = fakeClock('2026-03-10T08:00:00.000Z');
    return withServer(async ({ url, store, directory }) => {
      await seedDirectory(store, directory, [
        { name: FILER, password: PASSWORD, access: { crm: 'author' } },
        { name: MANAGER, password: PASSWORD, roles: ['[Manager]'], access: { crm: 'editor' } },
        { name: HANDLER, password: PASSWORD, access: { crm: 'author' } },
        { name: OUTSIDER, password: PASSWORD, access: { crm: 'editor' } },
      ], { [AFTER_SALES]: [HANDLER] });
      const client = async (name: string) => {
        const session = new SessionClient(url);
        assert.equal((await session.signIn(name, PASSWORD)).status, 200);
        return session;
      };
      const filer = await client(FILER);
      const manager = await client(MANAGER);
      const handler = await client(HANDLER);
      const outsider = await client(OUTSIDER);
      const filed = await store.database('crm').save(complaint, { now: '2026-03-10T07:59:00.000Z', user: { name: FILER, roles: [] } });
      assert.equal(filed.status, 'new');
      assert.equal(filed.timelineDate, '2026-03-10T07:59:00.000Z');

      const act = async (who: SessionClient, body: object) => {
        clock.advance(60_000);
        return who.request('POST', `/api/complaints/${filed._id}/actions`, body);
      };
      const refused = async (who: SessionClient, body: object, reason: RegExp) => {
        const answer = await act(who, body);
        assert.equal(answer.status, 403, JSON.stringify(answer.body));
        assert.match(String(answer.body?.reason), reason);
      };

      await refused(filer, { action: 'assign', department: AFTER_SALES }, /must be reviewed by a manager/);
      assert.equal((await act(filer, { action: 'submitForReview', note: '金额较大，请经理审核' })).status, 200);
      await refused(outsider, { action: 'approve', department: AFTER_SALES }, /Only a manager may approve/);
      await refused(manager, { action: 'approve' }, /Name the department or person/);
      const approved = await act(manager, { action: 'approve', department: AFTER_SALES, note: '请售后部三天内处理' });
      assert.equal(approved.status, 200);
      assert.equal(approved.body?.status, 'assigned');
      assert.ok((approved.body?.authors as string[]).includes(AFTER_SALES), 'the department may now edit it');

      await refused(outsider, { action: 'handle', note: '我来看看' }, /Only the assigned department/);
      await refused(manager, { action: 'solve', solution: '换货' }, /Only the assigned department/);
      assert.equal((await act(handler, { action: 'handle', note: '已电话联系客户，安排检测' })).status, 200);
      await refused(handler, { action: 'solve' }, /Write the solution/);
      assert.equal((await act(handler, { action: 'solve', solution: '补发 12 只新阀门，承担运费' })).status, 200);
      await refused(handler, { action: 'close', summary: '完成' }, /Only the person who filed it or a manager/);
      const stale = await act(filer, { action: 'close', summary: '客户满意', rev: filed._rev });
      assert.equal(stale.status, 409, 'a step on a complaint read before it changed is refused');
      const closed = await act(filer, { action: 'close', summary: '客户满意，已结案' });
      assert.equal(closed.status, 200);

      const done = closed.body as Doc;
      assert.equal(done.status, 'closed');
      assert.equal(done.solution, '补发 12 只新阀门，承担运费');
      assert.equal(done.modifiedBy, 'Guanxi Server');
      assert.deepEqual((done.steps as ComplaintStep[]).map((s) => [s.action, s.by, s.at]), [
        ['submitForReview', FILER, '2026-03-10T08:02:00.000Z'],
        ['approve', MANAGER, '2026-03-10T08:05:00.000Z'],
        ['handle', HANDLER, '2026-03-10T08:08:00.000Z'],
        ['solve', HANDLER, '2026-03-10T08:10:00.000Z'],
        ['close', FILER, '2026-03-10T08:13:00.000Z'],
      ]);
      assert.deepEqual(done.handling, [{ by: HANDLER, at: '2026-03-10T08:08:00.000Z', note: '已电话联系客户，安排检测' }]);
      assert.equal(done.closedAt, '2026-03-10T08:13:00.000Z');

      const byStatus = await store.database('crm').view('complaints-by-status');
      assert.deepEqual(byStatus.rows.map((row) => (row.kind === 'category' ? row.title : row.id)), ['closed', filed._id]);
    }, { now: clock.now });
  });

  test('a workstation cannot take a step itself, nor stamp one: the gateway refuses it with a reason', () => withServer(async ({ url, store, directory }) => {
    await seedDirectory(store, directory, [{ name: MANAGER, password: PASSWORD, roles: ['[Manager]'], access: { crm: 'editor' } }]);
    const session = new SessionClient(url);
    assert.equal((await session.signIn(MANAGER, PASSWORD)).status, 200);
    const remote = remoteDb(url, 'crm', { cookie: session.cookie!, csrf: session.csrf! });
    const user = { name: MANAGER, roles: ['[Manager]'] };
    const filed = prepareForSave({ ...complaint, _id: 'complaint-1' }, null, { now: '2026-03-10T08:00:00.000Z', user });
    const created = await remote.put(filed);
    assert.ok(created.ok, 'filing works offline and syncs');

    const current = await remote.get('complaint-1');
    const forged = prepareForSave({
      ...current, status: 'closed', summary: '已处理',
      steps: [{ action: 'close', by: MANAGER, at: '2026-01-01T00:00:00.000Z' }],
    }, current as Doc, { now: '2026-03-10T09:00:00.000Z', user });
    await assert.rejects(remote.put(forged), (error: { status?: number; message?: string }) => {
      assert.equal(error.status, 403);
      assert.match(String(error.message), /Complaint steps are taken through the server/);
      return true;
    });
    const editedDescription = prepareForSave({ ...current, description: '补充：共 13 只漏水' }, current as Doc, { now: '2026-03-10T09:00:00.000Z', user });
    assert.ok((await remote.put(editedDescription)).ok, 'its other fields stay editable');
    await remote.close();
  }));

  test('regression: a complaint is routed only to a department of the directory that has someone in it, or to people in the directory', () => withServer(async ({ url, store, directory }) => {
    await seedDirectory(store, directory, [
      { name: MANAGER, password: PASSWORD, roles: ['[Manager]'], access: { crm: 'editor' } },
      { name: HANDLER, password: PASSWORD, access: { crm: 'author' } },
    ], { [AFTER_SALES]: [HANDLER], 质检部: [] });
    const manager = new SessionClient(url);
    assert.equal((await manager.signIn(MANAGER, PASSWORD)).status, 200);
    const filed = await store.database('crm').save({ ...complaint, needsReview: false }, { now: '2026-03-10T07:59:00.000Z', user: { name: MANAGER, roles: ['[Manager]'] } });
    const assign = (body: object) => manager.request('POST', `/api/complaints/${filed._id}/actions`, { action: 'assign', ...body });
    const refusals: [object, string][] = [
      [{ department: '质量部' }, '质量部 is not a department (a group of the directory)'],
      [{ department: '质检部' }, '质检部 has no members: nobody could handle the complaint. Name a handler, or add members to the department first'],
      [{ handler: ['王五'] }, '王五 is not a person in the directory'],
    ];
    for (const [body, reason] of refusals) {
      const answer = await assign(body);
      assert.deepEqual([answer.status, answer.body?.reason], [400, reason], JSON.stringify(body));
    }
    assert.equal((await store.database('crm').get(filed._id!)).status, 'new', 'nothing was saved');
    const routed = await assign({ department: '质检部', handler: [HANDLER] });
    assert.equal(routed.status, 200, JSON.stringify(routed.body));
    assert.deepEqual([routed.body?.department, routed.body?.handler], ['质检部', [HANDLER]]);
  }));
});
