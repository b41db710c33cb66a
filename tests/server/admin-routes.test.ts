import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FREE_ATTEMPTS } from '../../server/auth/lockout.js';
import type { RunningServer } from '../../server/main.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { SessionClient } from '../helpers/session-client.js';
import { withServer } from './fixtures.js';

const PASSWORD = 'Tea-house 8';

/** A fresh server whose first administrator 张三 was made through the setup link. */
function withAdministrator(work: (running: RunningServer, admin: SessionClient) => Promise<void>): Promise<void> {
  return withServer(async (running) => {
    const admin = new SessionClient(running.url);
    const token = /#setup=(.+)$/.exec(running.setupUrl!)![1];
    const made = await admin.request('POST', '/api/setup', { token, name: '张三', password: PASSWORD });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    admin.csrf = String(made.body?.csrf);
    await work(running, admin);
  });
}

async function ok(client: SessionClient, method: string, path: string, body?: unknown) {
  const answer = await client.request(method, path, body);
  assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function signedIn(running: RunningServer, name: string, password = PASSWORD): Promise<SessionClient> {
  const client = new SessionClient(running.url);
  await expectEventually(async () => assert.equal((await client.signIn(name, password)).status, 200));
  return client;
}

async function databasesOf(client: SessionClient): Promise<string[]> {
  const answer = await client.request('GET', '/api/me/databases');
  return (answer.body!.databases as { name: string; level: string }[]).map((db) => `${db.name}:${db.level}`);
}

describe('administration over /api/admin', () => {
  test('people with departments, nested groups and an ACL, all while the server runs; each person then sees the databases they should', () => withAdministrator(async (running, admin) => {
    await ok(admin, 'PUT', '/api/admin/people/李雷', { department: '外贸一部', title: '业务员', email: 'li.lei@example.cn', phone: '0574-8888 1234', roles: ['[Sales]'] });
    await ok(admin, 'PUT', '/api/admin/people/王芳', { department: '外贸一部', title: '业务经理', roles: ['[Sales]', '[Manager]'] });
    await ok(admin, 'PUT', '/api/admin/people/Sarah Miller', { department: '质量部' });
    await ok(admin, 'PUT', '/api/admin/groups/销售中心', { members: ['外贸一部'], description: '所有外贸部门' });
    const acl = await ok(admin, 'PUT', '/api/admin/acls/crm', {
      defaultLevel: 'noAccess', entries: [{ name: '张三', level: 'manager' }, { name: '销售中心', level: 'author', roles: ['[Sales]'] }, { name: '王芳', level: 'editor', roles: ['[Manager]'] }],
    });
    assert.equal((acl as { defaultLevel: string }).defaultLevel, 'noAccess');
    for (const name of ['李雷', '王芳', 'Sarah Miller']) await ok(admin, 'POST', `/api/admin/people/${encodeURIComponent(name)}/password`, { newPassword: PASSWORD });

    const listing = (await ok(admin, 'GET', '/api/admin/directory'))!;
    const people = listing.people as { name: string; department?: string; hasPassword: boolean }[];
    assert.deepEqual(people.map((p) => [p.name, p.department ?? '', p.hasPassword]), [['李雷', '外贸一部', true], ['王芳', '外贸一部', true], ['张三', '', true], ['Sarah Miller', '质量部', true]]);
    // A department is a group its people are members of, and groups nest.
    assert.deepEqual((listing.groups as { name: string; members: string[] }[]).map((g) => [g.name, g.members]), [['外贸一部', ['李雷', '王芳']], ['销售中心', ['外贸一部']], ['质量部', ['Sarah Miller']]]);

    assert.deepEqual(await databasesOf(await signedIn(running, '李雷')), ['crm:author', 'discussion:author', 'library:reader', 'office:author']);
    assert.deepEqual(await databasesOf(await signedIn(running, '王芳')), ['crm:editor', 'discussion:author', 'library:reader', 'office:author']);
    assert.deepEqual(await databasesOf(await signedIn(running, 'Sarah Miller')), ['discussion:author', 'library:reader', 'office:author']);

    // Moving department moves the person between the groups.
    await ok(admin, 'PUT', '/api/admin/people/Sarah Miller', { department: '外贸一部' });
    const after = (await ok(admin, 'GET', '/api/admin/directory'))!.groups as { name: string; members: string[] }[];
    assert.deepEqual(after.find((g) => g.name === '质量部')!.members, []);
    assert.deepEqual(after.find((g) => g.name === '外贸一部')!.members, ['李雷', '王芳', 'Sarah Miller']);

    const log = (await ok(admin, 'GET', '/api/admin/log'))!.entries as { at: string; by: string; action: string; target: string; detail?: string }[];
    assert.deepEqual(log.at(-1), { at: log.at(-1)!.at, by: '张三', action: 'person.add', target: '李雷', detail: 'department 外贸一部; title 业务员; email li.lei@example.cn; phone 0574-8888 1234; roles [Sales]' });
    assert.ok(log.some((e) => e.action === 'acl.change' && e.target === 'crm' && e.detail === '-Default- noAccess; 张三 manager; 销售中心 author [Sales]; 王芳 editor [Manager]'));
    assert.ok(!JSON.stringify(log).includes(PASSWORD), 'no password in the log');
  }));

  test('a locked-out person is unlocked; a person who leaves can no longer sign in', () => withAdministrator(async (running, admin) => {
    await ok(admin, 'PUT', '/api/admin/people/李雷', {});
    await ok(admin, 'POST', '/api/admin/people/李雷/password', { newPassword: PASSWORD });
    for (let i = 0; i < FREE_ATTEMPTS; i++) await new SessionClient(running.url).signIn('李雷', 'wrong horse');
    assert.equal((await new SessionClient(running.url).signIn('李雷', PASSWORD)).status, 401);
    const locked = ((await ok(admin, 'GET', '/api/admin/directory'))!.people as { name: string; lockedUntil: string | null }[]).find((p) => p.name === '李雷')!;
    assert.ok(locked.lockedUntil);
    await ok(admin, 'POST', '/api/admin/people/李雷/unlock');
    const lilei = await signedIn(running, '李雷');
    await ok(admin, 'POST', '/api/admin/people/李雷/leave');
    await expectEventually(async () => assert.equal((await lilei.request('GET', '/api/session')).status, 401));
  }));

  test('only Managers administer; bad input is a 400 that names the problem', () => withAdministrator(async (running, admin) => {
    await ok(admin, 'PUT', '/api/admin/people/李雷', {});
    await ok(admin, 'POST', '/api/admin/people/李雷/password', { newPassword: PASSWORD });
    const lilei = await signedIn(running, '李雷');
    const refused = await lilei.request('PUT', '/api/admin/people/王五', {});
    assert.deepEqual([refused.status, (refused.body as { reason: string }).reason], [403, 'Only Managers of names may change the directory']);
    assert.deepEqual((refused.body as { fields: unknown }).fields, [{ field: '', code: 'rule', message: { zh: '只有 names 的管理者才能修改通讯录', en: 'Only Managers of names may change the directory' } }]);
    assert.equal((await lilei.request('GET', '/api/admin/directory')).status, 403);
    assert.equal((await new SessionClient(running.url).request('GET', '/api/admin/directory')).status, 401);

    const noManager = await admin.request('PUT', '/api/admin/acls/library', { defaultLevel: 'reader', entries: [{ name: '李雷', level: 'editor' }] });
    const lastManager = 'Someone must stay Manager of the database, or nobody could change its access control list again';
    assert.deepEqual([noManager.status, noManager.body], [400, { error: 'bad_request', reason: lastManager,
      fields: [{ field: '', code: 'rule', message: { zh: '必须保留至少一位管理者，否则再也没有人能修改此数据库的访问控制', en: lastManager } }] }], 'said in both languages for the workstation');
    const badLevel = await admin.request('PUT', '/api/admin/acls/library', { defaultLevel: 'owner', entries: [] });
    assert.equal(badLevel.status, 400);
    const badEntry = await admin.request('PUT', '/api/admin/acls/library', { defaultLevel: 'reader', entries: [{ name: '张三', level: 'manager' }, { name: '李雷', level: 'boss' }] });
    assert.equal(badEntry.status, 400);
    assert.match(String(badEntry.body?.reason), /unknown access level "boss"/);
    assert.equal((await admin.request('PUT', '/api/admin/acls/nowhere', { defaultLevel: 'reader', entries: [] })).status, 404);
    const badRole = await admin.request('PUT', '/api/admin/people/王五', { roles: ['Sales'] });
    assert.equal(badRole.status, 400);
    assert.match(String(badRole.body?.reason), /Roles are written \[Role\]/);
    // A department's head, whom approval routes ask, is a person of the directory.
    await ok(admin, 'PUT', '/api/admin/groups/外贸一部', { members: ['李雷'], head: ['李雷'] });
    const headed = (await ok(admin, 'GET', '/api/admin/directory'))!.groups as { name: string; head?: string[] }[];
    assert.deepEqual(headed.find((g) => g.name === '外贸一部')!.head, ['李雷']);
    const noHead = await admin.request('PUT', '/api/admin/groups/外贸一部', { members: ['李雷'], head: ['王五'] });
    assert.deepEqual([noHead.status, noHead.body?.reason], [400, 'The head must be people of the directory: 王五']);
    const typo = await admin.request('PUT', '/api/admin/groups/外贸部', { members: ['李雷', '李磊'] });
    assert.deepEqual([typo.status, typo.body], [400, { error: 'bad_request', reason: 'Neither a person nor a group: 李磊',
      fields: [{ field: '', code: 'rule', message: { zh: '既不是人员也不是组：李磊', en: 'Neither a person nor a group: 李磊' } }] }]);
    assert.equal((await admin.request('POST', '/api/admin/people/nobody/unlock')).status, 404);
    assert.equal((await admin.request('POST', '/api/admin/people/李雷/password', { newPassword: 'short' })).status, 400);
  }));
});
