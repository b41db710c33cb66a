import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedDirectory } from '../helpers/directory-seed.js';
import { SessionClient } from '../helpers/session-client.js';
import { withServer } from './fixtures.js';

const PASSWORD = 'correct horse';
const CTX = { now: '2026-03-01T08:00:00.000Z', user: { name: '李雷', roles: ['[Sales]'] } };

describe('/api/db', () => {
  test('needs a session: 401 without one', () => withServer(async ({ url }) => {
    for (const path of ['/api/db/crm/docs/x', '/api/db/crm/views/customers-by-region']) {
      const answer = await new SessionClient(url).request('GET', path);
      assert.equal(answer.status, 401, path);
      assert.equal(answer.body?.error, 'unauthorized');
    }
  }));

  test('a document the user may not read is a 404, the same as one that does not exist', () => withServer(async ({ url, store, directory }) => {
    await seedDirectory(store, directory, [
      { name: '李雷', password: PASSWORD, roles: ['[Sales]'], access: { crm: 'author' } },
      { name: '韩梅梅', password: PASSWORD, access: { crm: 'manager' } },
      { name: '王五', password: PASSWORD, access: { crm: 'noAccess' } },
    ]);
    const crm = store.database('crm');
    const open = await crm.save({ form: 'Customer', name: '宁波海顺贸易', category: 'existing' }, CTX);
    const salesOnly = await crm.save({ form: 'Customer', name: '义乌小商品', category: 'existing', readers: ['[Sales]'], authors: [] }, CTX);

    const clients = Object.fromEntries(await Promise.all(['李雷', '韩梅梅', '王五'].map(async (name) => {
      const client = new SessionClient(url);
      assert.equal((await client.signIn(name, PASSWORD)).status, 200);
      return [name, client] as const;
    })));
    const status = async (name: string, id: string) => (await clients[name]!.request('GET', `/api/db/crm/docs/${id}`)).status;
    assert.equal(await status('李雷', open._id), 200);
    assert.equal(await status('李雷', salesOnly._id), 200);
    // Reader names bind Managers too.
    assert.equal(await status('韩梅梅', open._id), 200);
    const hidden = await clients['韩梅梅']!.request('GET', `/api/db/crm/docs/${salesOnly._id}`);
    const missing = await clients['韩梅梅']!.request('GET', '/api/db/crm/docs/nosuch');
    assert.deepEqual([hidden.status, hidden.body], [missing.status, missing.body]);
    assert.equal(hidden.status, 404);
    assert.equal(await status('王五', open._id), 404);

    // Views need Reader access to the database, and show each person only what they may read.
    const view = await clients['王五']!.request('GET', '/api/db/crm/views/customers-by-region');
    assert.equal(view.status, 403);
    const ids = async (name: string) => {
      const page = await clients[name]!.request('GET', '/api/db/crm/views/customers-by-region');
      assert.equal(page.status, 200);
      return (page.body!.rows as { kind: string; id?: string }[]).flatMap((row) => (row.kind === 'document' ? [row.id] : []));
    };
    assert.deepEqual((await ids('李雷')).sort(), [open._id, salesOnly._id].sort());
    assert.deepEqual(await ids('韩梅梅'), [open._id]);
    assert.ok(!JSON.stringify((await clients['韩梅梅']!.request('GET', '/api/db/crm/views/customers-by-region')).body).includes(salesOnly._id));
  }));

  test('printing and export need a session, and act only on what the person may read', () => withServer(async ({ url, store, directory }) => {
    await seedDirectory(store, directory, [
      { name: '李雷', password: PASSWORD, roles: ['[Sales]'], access: { crm: 'author' } },
      { name: '韩梅梅', password: PASSWORD, access: { crm: 'manager' } },
    ]);
    const crm = store.database('crm');
    await crm.save({ form: 'Customer', name: '宁波海顺贸易', region: '华东', address: '宁波市中山路1号' }, CTX);
    await crm.save({ form: 'Customer', name: '义乌小商品', region: '华东', address: '义乌市稠州路8号', readers: ['[Sales]'], authors: [] }, CTX);
    const body = { kind: 'address', format: 'csv', view: { db: 'crm', viewId: 'customers-by-region' } };
    assert.equal((await new SessionClient(url).request('POST', '/api/print/list', body)).status, 401);
    assert.equal((await new SessionClient(url).request('GET', '/api/export/crm/customers-by-region.csv')).status, 401);

    const text = async (name: string, method: string, path: string, payload?: unknown) => {
      const client = new SessionClient(url);
      await client.signIn(name, PASSWORD);
      const response = await fetch(`${url}${path}`, {
        method, headers: { cookie: client.cookie!, 'x-csrf-token': client.csrf!, 'content-type': 'application/json' },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
      assert.equal(response.status, 200, await response.clone().text());
      return response.text();
    };
    const forManager = await text('韩梅梅', 'POST', '/api/print/list', body);
    assert.ok(forManager.includes('宁波海顺贸易') && !forManager.includes('义乌'), forManager);
    assert.ok((await text('李雷', 'POST', '/api/print/list', body)).includes('义乌小商品'));
    const exported = await text('韩梅梅', 'GET', '/api/export/crm/customers-by-region.csv');
    assert.ok(exported.includes('宁波海顺贸易') && !exported.includes('义乌'), exported);
  }));
});
