import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { idsOf, localReplica } from '../helpers/sync-client.js';
import { gatewayWorld, saved, type GatewayWorld } from './gateway-fixture.js';

describe('gateway: every write is checked for the user, document by document', () => {
  let world: GatewayWorld;
  before(async () => {
    world = await gatewayWorld([
      { name: 'Alice', access: { crm: 'editor' } },
      { name: 'Bob', access: { crm: 'author' } },
      { name: 'Dora', access: { crm: 'depositor' } },
      { name: 'Rita', access: { crm: 'reader' } },
    ]);
    const crm = world.running.store.database('crm');
    await crm.save({ _id: 'alices', form: 'Customer', name: 'Alice 的客户', authors: ['Alice'] }, { ...SEED_CTX, user: { name: 'Alice', roles: [] } });
  });
  after(async () => {
    await world.close();
  });

  test('refused documents are denied one by one while the rest of the batch lands', async () => {
    const bob = await world.signIn('Bob');
    const local = localReplica('bob');
    await local.replicate.from(world.remote(bob));
    const alices = await local.get('alices');
    await local.bulkDocs([
      saved('Bob', { _id: 'bobs-new', form: 'Customer', name: 'Bob 新客户' }),
      saved('Bob', { ...alices, name: 'Bob 改的' }, alices),
      saved('Bob', { _id: 'no-name', form: 'Customer' }),
      { ...saved('Bob', { _id: 'forged-creator', form: 'Customer', name: 'X' }), createdBy: 'Alice' },
      { ...saved('Bob', { _id: 'stale-keys', form: 'Customer', name: '张三' }), $sort: { name: 'aaa' } },
      saved('Bob', { _id: '_design/evil', views: {} }),
    ] as never[]);
    const denied: string[] = [];
    const result = await local.replicate.to(world.remote(bob)).on('denied', (error) => denied.push(String((error as { id?: string }).id)));
    assert.deepEqual(denied.sort(), ['_design/evil', 'alices', 'forged-creator', 'no-name', 'stale-keys']);
    assert.equal(result.docs_written, 1);
    const crm = world.running.store.database('crm');
    assert.equal((await crm.get('bobs-new')).name, 'Bob 新客户');
    assert.equal((await crm.get('alices')).name, 'Alice 的客户');
    await assert.rejects(crm.pouch.get('_design/evil'), { status: 404 });
  });

  test('a forged revision history does not get around the check against the server\'s current revision', async () => {
    const bob = await world.signIn('Bob');
    const crm = world.running.store.database('crm');
    const current = await crm.get('alices');
    const forged = { ...saved('Bob', { ...current, name: '伪造' }, current), _rev: `${Number(current._rev.split('-')[0]) + 5}-${'f'.repeat(32)}`, _revisions: { start: 7, ids: ['f'.repeat(32), 'e'.repeat(32)] } };
    const answer = await fetch(`${world.running.url}/sync/crm/_bulk_docs`, {
      method: 'POST', headers: { cookie: bob.cookie, 'x-csrf-token': bob.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ docs: [forged, { _id: 'alices', _rev: current._rev, _deleted: true }], new_edits: false }),
    });
    const rows = (await answer.json()) as { id: string; error: string }[];
    assert.deepEqual(rows.map((r) => [r.id, r.error]), [['alices', 'forbidden'], ['alices', 'forbidden']]);
    assert.equal((await crm.get('alices'))._rev, current._rev);
  });

  test('a depositor may create documents but never reads them back; a reader may not write', async () => {
    const dora = await world.signIn('Dora');
    const local = localReplica('dora');
    await local.put(saved('Dora', { _id: 'dropped-in', form: 'Customer', name: '投递' }) as never);
    const pushed = await local.replicate.to(world.remote(dora));
    assert.equal(pushed.docs_written, 1);
    const fresh = localReplica('dora-again');
    await fresh.replicate.from(world.remote(dora));
    assert.deepEqual(await idsOf(fresh), []);

    const rita = await world.signIn('Rita');
    const ritas = localReplica('rita');
    await ritas.put(saved('Rita', { _id: 'rita-try', form: 'Customer', name: 'R' }) as never);
    const denied: unknown[] = [];
    await ritas.replicate.to(world.remote(rita)).on('denied', (e) => denied.push(e));
    assert.equal(denied.length, 1);
    await assert.rejects(world.running.store.database('crm').get('rita-try'), { status: 404 });
  });
});
