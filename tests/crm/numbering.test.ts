import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { SERVER_USER } from '../../design/user.js';
import { CrmFollower } from '../../server/crm/crm-follower.js';
import { formatNumber } from '../../server/crm/numbering.js';
import { createLogger } from '../../server/log.js';
import { takeNext } from '../../server/crm/counter.js';
import { CouchStore } from '../../server/store/couch-store.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { localReplica } from '../helpers/sync-client.js';
import { ENGINES, openTestStore } from '../helpers/test-store.js';
import { gatewayWorld, saved, type GatewayWorld } from '../gateway/gateway-fixture.js';

const MANAGER = { name: 'Boss', access: { crm: 'manager' as const }, roles: ['[Manager]'] };

test('numbers carry the prefix, the date part and the padded sequence', () => {
  assert.equal(formatNumber({ prefix: 'C', datePart: 'none', digits: 4 }, '', 7), 'C0007');
  assert.equal(formatNumber({ prefix: 'HT', datePart: 'month', digits: 3 }, '202603', 12), 'HT202603-012');
  assert.equal(formatNumber({ prefix: 'D', datePart: 'year', digits: 2 }, '2026', 123), 'D2026-123', 'a sequence outgrowing its digits still counts on');
});

for (const engine of ENGINES) describe(`numbering in front of the ${engine} store`, () => {
  let world: GatewayWorld;
  before(async () => {
    world = await gatewayWorld([
      { name: '王芳', access: { crm: 'author' } },
      { name: '李雷', access: { crm: 'author' } },
      MANAGER,
    ], {}, engine);
  });
  after(async () => {
    await world.close();
  });

  // Apache CouchDB does not check the revision of a `_local` document: a counter kept in one handed
  // out 1 to all twenty takers.
  test('a counter taken by many at once hands out every value once', async () => {
    const docs = world.running.store.serverDocs;
    const values = await Promise.all(Array.from({ length: 20 }, () => takeNext(docs, 'counter-test')));
    assert.deepEqual([...values].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
  });

  if (engine === 'couchdb') test('a counter taken at once through two servers of one CouchDB hands out every value once', async () => {
    const t = await openTestStore('couchdb');
    if (t.location.engine !== 'couchdb') throw new Error('a CouchDB store was asked for');
    const other = await CouchStore.open(t.location.url, t.location.prefix);
    try {
      const takers = [t.store.serverDocs, other.serverDocs];
      const values = await Promise.all(Array.from({ length: 30 }, (_, i) => takeNext(takers[i % 2]!, 'counter-two-servers')));
      assert.deepEqual([...values].sort((a, b) => a - b), Array.from({ length: 30 }, (_, i) => i + 1));
    } finally {
      await other.close();
      await t.cleanup();
    }
  });

  test('a counter that was kept in a `_local` document of crm goes on after its last value', async () => {
    const docs = world.running.store.serverDocs;
    assert.equal(await takeNext(docs, 'counter-upgraded', async () => 41), 42);
    assert.equal(await takeNext(docs, 'counter-upgraded', async () => 41), 43, 'the old counter is read only while the new one has no value');
  });

  test('two workstations creating customers and deals offline at once get unique numbers once they sync', async () => {
    const crm = world.running.store.database('crm');
    await crm.save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', customerCodePrefix: 'KH', customerCodeDatePart: 'none', customerCodeDigits: 4, dealNumberPrefix: 'YW', dealNumberDatePart: 'year', dealNumberDigits: 3 },
      { user: SERVER_USER, now: '2026-03-01T08:00:00.000Z' });
    const people = ['王芳', '李雷'] as const;
    const replicas = people.map((name) => localReplica(name));
    // Offline: each saves five customers, each with a deal, before either syncs.
    for (const [p, name] of people.entries()) {
      for (let i = 0; i < 5; i++) {
        const customerId = `cust-${p}-${i}`;
        await replicas[p]!.put(saved(name, { _id: customerId, form: 'Customer', name: `${name}的客户${i}`, owner: [name] }) as never);
        await replicas[p]!.put(saved(name, { _id: `deal-${p}-${i}`, form: 'Deal', name: `业务${i}`, customerId, customerName: `${name}的客户${i}`, opened: '2026-03-02' }) as never);
      }
    }
    const remotes = await Promise.all(people.map(async (name) => world.remote(await world.signIn(name))));
    await Promise.all(replicas.map((replica, p) => replica.replicate.to(remotes[p]!)));

    const numbered = await expectEventually(async () => {
      const { rows } = await crm.pouch.allDocs({ include_docs: true, keys: people.flatMap((_, p) => [0, 1, 2, 3, 4].flatMap((i) => [`cust-${p}-${i}`, `deal-${p}-${i}`])) });
      const docs = rows.map((row) => ('doc' in row ? row.doc : null));
      assert.ok(docs.every((doc) => typeof doc?.code === 'string' || typeof doc?.number === 'string'), 'every record numbered');
      return docs;
    }, { timeoutMs: 20_000 });
    const codes = numbered.filter((doc) => doc?.form === 'Customer').map((doc) => String(doc!.code)).sort();
    const numbers = numbered.filter((doc) => doc?.form === 'Deal').map((doc) => String(doc!.number)).sort();
    assert.deepEqual(codes, Array.from({ length: 10 }, (_, i) => `KH${String(i + 1).padStart(4, '0')}`));
    assert.deepEqual(numbers, Array.from({ length: 10 }, (_, i) => `YW2026-${String(i + 1).padStart(3, '0')}`));

    // Back on the workstations with the next sync, numbered by the server.
    await replicas[0]!.replicate.from(remotes[0]!);
    const back = (await replicas[0]!.get('cust-0-3')) as { code?: string; modifiedBy?: string };
    assert.match(back.code ?? '', /^KH\d{4}$/);
    assert.equal(back.modifiedBy, SERVER_USER.name);
  });
});

// On a sharded Apache CouchDB the changes feed is not in time order: a customer saved just after
// the first settings could be seen before them, skipped as "not configured" and never numbered.
for (const engine of ENGINES) describe(`numbering starts with the first settings (${engine})`, () => {
  test('customers saved before the CRM settings existed are numbered once an administrator saves them', async () => {
    const { store, cleanup } = await openTestStore(engine);
    const crm = store.database('crm');
    const follower = new CrmFollower(crm, store.serverDocs, createLogger('silent'), () => '2026-03-01T08:00:00.000Z');
    try {
      const ctx = { user: SERVER_USER, now: '2026-03-01T08:00:00.000Z' };
      for (let i = 0; i < 3; i++) await crm.save({ _id: `early-${i}`, form: 'Customer', name: `早期客户${i}` }, ctx);
      await expectEventually(async () => {
        const checkpoint = (await crm.pouch.get('_local/crm-follower').catch(() => ({}))) as { since?: unknown };
        const [last] = (await crm.pouch.changes({ descending: true, limit: 1 })).results;
        assert.equal(String(checkpoint.since), String(last!.seq), 'the follower has seen them, unnumbered');
      });
      assert.equal((await crm.get('early-0')).code, undefined);
      await crm.save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', customerCodePrefix: 'KH', customerCodeDatePart: 'none', customerCodeDigits: 4 }, ctx);
      const codes = await expectEventually(async () => {
        const docs = await Promise.all([0, 1, 2].map((i) => crm.get(`early-${i}`)));
        assert.ok(docs.every((doc) => typeof doc.code === 'string'), 'every early customer numbered');
        return docs.map((doc) => String(doc.code)).sort();
      });
      assert.deepEqual(codes, ['KH0001', 'KH0002', 'KH0003']);
    } finally {
      await follower.close();
      await cleanup();
    }
  });
});
