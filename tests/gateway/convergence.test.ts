import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SERVER_USER } from '../../design/user.js';
import { groupDocId } from '../../design/access/directory-ids.js';
import { addGroupMembers } from '../../server/directory/directory-edits.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { idsOf, localReplica } from '../helpers/sync-client.js';
import { ENGINES } from '../helpers/test-store.js';
import { gatewayWorld, saved, type GatewayWorld } from './gateway-fixture.js';

for (const engine of ENGINES) describe(`gateway in front of the ${engine} store: replicas converge`, () => {
  let world: GatewayWorld;
  before(async () => {
    world = await gatewayWorld([
      { name: 'Alice', access: { crm: 'editor' } },
      { name: 'Bob', access: { crm: 'author' } },
      { name: 'Carol', access: { crm: 'editor' } },
    ], { '华东销售组': ['Alice'] }, engine);
  });
  after(async () => {
    await world.close();
  });
  const ctx = { ...SEED_CTX, user: { name: 'Alice', roles: [] } };

  test('a document whose readers no longer name the user leaves their workstation, and comes back when they do again', async () => {
    const crm = world.running.store.database('crm');
    const doc = await crm.save({ _id: 'moving', form: 'Customer', name: '变动客户' }, ctx);
    const bob = await world.signIn('Bob');
    const local = localReplica('bob');
    await local.replicate.from(world.remote(bob));
    assert.ok((await idsOf(local)).includes('moving'));

    const restricted = await crm.save({ ...doc, readers: ['Alice'] }, ctx);
    await local.replicate.from(world.remote(bob));
    assert.ok(!(await idsOf(local)).includes('moving'), 'gone after the next sync');
    // What the workstation does with it cannot spread it back or delete it for others.
    await local.replicate.to(world.remote(bob));
    assert.equal((await crm.get('moving'))._rev, restricted._rev);

    await crm.save({ ...restricted, readers: [] }, ctx);
    await local.replicate.from(world.remote(bob));
    assert.equal(((await local.get('moving')) as { name: string }).name, '变动客户');
  });

  test('a document withdrawn from a person leaves every workstation of theirs (the second one kept it: the first took the removal)', async () => {
    const crm = world.running.store.database('crm');
    const doc = await crm.save({ _id: 'two-desks', form: 'Customer', name: '两台电脑的客户' }, ctx);
    const bob = await world.signIn('Bob');
    const [desk, laptop] = [localReplica('bob-desk'), localReplica('bob-laptop')];
    await desk.replicate.from(world.remote(bob));
    await laptop.replicate.from(world.remote(bob));

    await crm.save({ ...doc, readers: ['Alice'] }, ctx);
    await desk.replicate.from(world.remote(bob));
    await laptop.replicate.from(world.remote(bob));
    assert.ok(!(await idsOf(desk)).includes('two-desks'));
    assert.ok(!(await idsOf(laptop)).includes('two-desks'), 'gone from the second workstation too');
  });

  test('a document withdrawn among hundreds of hidden changes leaves the workstation (the held ones are found without reading every entry)', async () => {
    const crm = world.running.store.database('crm');
    const doc = await crm.save({ _id: 'among-hidden', form: 'Customer', name: '夹在隐藏文档中的客户' }, ctx);
    const bob = await world.signIn('Bob');
    const local = localReplica('bob-among');
    await local.replicate.from(world.remote(bob));
    const hidden = (from: number) => Array.from({ length: 150 }, (_, i) => ({ _id: `hidden-${from + i}`, form: 'Customer', name: `隐藏 ${from + i}`, readers: ['Alice'] }));
    await crm.saveMany(hidden(0), ctx);
    await crm.save({ ...doc, readers: ['Alice'] }, ctx);
    await crm.saveMany(hidden(150), ctx);
    await local.replicate.from(world.remote(bob));
    assert.ok(!(await idsOf(local)).includes('among-hidden'));
  });

  test('a change of group membership removes and restores documents that name the group', async () => {
    const crm = world.running.store.database('crm');
    await crm.save({ _id: 'east-only', form: 'Customer', name: '华东客户', readers: ['华东销售组'] }, ctx);
    const names = world.running.store.database('names');
    await addGroupMembers(names, '华东销售组', ['Bob'], { ...SEED_CTX, user: SERVER_USER });
    await expectEventually(() => world.running.directory.userContext('Bob')!.roles.includes('华东销售组'));
    const bob = await world.signIn('Bob');
    const local = localReplica('bob-group');
    await local.replicate.from(world.remote(bob));
    assert.ok((await idsOf(local)).includes('east-only'));

    const group = await names.get(groupDocId('华东销售组'));
    await names.save({ ...group, members: (group.members as string[]).filter((m) => m !== 'Bob') }, { ...SEED_CTX, user: SERVER_USER });
    await expectEventually(() => !world.running.directory.userContext('Bob')!.roles.includes('华东销售组'));
    await local.replicate.from(world.remote(bob));
    assert.ok(!(await idsOf(local)).includes('east-only'));

    await addGroupMembers(names, '华东销售组', ['Bob'], { ...SEED_CTX, user: SERVER_USER });
    await expectEventually(() => world.running.directory.userContext('Bob')!.roles.includes('华东销售组'));
    await local.replicate.from(world.remote(bob));
    assert.ok((await idsOf(local)).includes('east-only'), 'back, though the document itself did not change');
  });

  test('two offline edits of one document end with the same winner everywhere and the conflict kept', async () => {
    const crm = world.running.store.database('crm');
    await crm.save({ _id: 'contested', form: 'Customer', name: '争议客户' }, ctx);
    const [alice, carol] = [await world.signIn('Alice'), await world.signIn('Carol')];
    const [a, c] = [localReplica('alice'), localReplica('carol')];
    await a.replicate.from(world.remote(alice));
    await c.replicate.from(world.remote(carol));
    const base = await a.get('contested');
    await a.put(saved('Alice', { ...base, city: '上海' }, base, '2026-03-03T09:00:00.000Z') as never);
    await c.put(saved('Carol', { ...base, city: '杭州' }, base, '2026-03-03T09:05:00.000Z') as never);
    for (let round = 0; round < 2; round++) {
      await a.sync(world.remote(alice));
      await c.sync(world.remote(carol));
    }
    const [fromA, fromC, server] = await Promise.all([
      a.get('contested', { conflicts: true }), c.get('contested', { conflicts: true }), crm.pouch.get('contested', { conflicts: true }),
    ]);
    assert.equal(fromA._rev, server._rev);
    assert.equal(fromC._rev, server._rev);
    assert.equal(server._conflicts?.length, 1, 'the losing edit is kept as a conflict');
    assert.deepEqual(fromA._conflicts, server._conflicts);
    assert.deepEqual(fromC._conflicts, server._conflicts);
    const cities = [(server as unknown as { city: string }).city, ((await crm.pouch.get('contested', { rev: server._conflicts![0] })) as unknown as { city: string }).city].sort();
    assert.deepEqual(cities, ['上海', '杭州']);
  });

  test('a conflict branch that becomes unreadable to a person leaves their workstation, the rest of the document stays', async () => {
    const crm = world.running.store.database('crm').pouch as unknown as PouchDB.Database;
    const hash = (c: string) => c.repeat(32);
    const body = (rev: string, ids: string[], fields: object) => ({
      _id: 'two-branches', _rev: rev, _revisions: { start: Number(rev.split('-')[0]), ids }, form: 'Customer', createdBy: 'Alice', ...fields,
    });
    // The main line, longer so that it stays the winner, and a conflict everyone may read at first.
    await crm.bulkDocs([
      body(`4-${hash('a')}`, [hash('a'), hash('f'), hash('b'), hash('c')], { name: '主线' }),
      body(`2-${hash('d')}`, [hash('d'), hash('c')], { name: '冲突', phone: '021-1' }),
    ], { new_edits: false });
    const bob = await world.signIn('Bob');
    const local = localReplica('bob-branches');
    await local.replicate.from(world.remote(bob));
    assert.deepEqual((await local.get('two-branches', { conflicts: true }))._conflicts, [`2-${hash('d')}`]);

    // The conflict moves on to a revision only Alice may read.
    await crm.bulkDocs([body(`3-${hash('e')}`, [hash('e'), hash('d'), hash('c')], { name: '冲突', readers: ['Alice'] })], { new_edits: false });
    await local.replicate.from(world.remote(bob));
    const held = await local.get('two-branches', { conflicts: true });
    assert.equal((held as unknown as { name: string }).name, '主线');
    assert.equal(held._conflicts, undefined, 'the branch Bob may no longer read is gone from his workstation');
    // What the workstation sends back changes nothing on the server.
    await local.replicate.to(world.remote(bob));
    const server = await crm.get('two-branches', { conflicts: true });
    assert.equal(server._rev, `4-${hash('a')}`);
    assert.deepEqual(server._conflicts, [`3-${hash('e')}`]);
  });

  test('a conflict branch that names a group leaves the workstation of someone taken out of the group', async () => {
    const crm = world.running.store.database('crm').pouch as unknown as PouchDB.Database;
    const body = (rev: string, ids: string[], fields: object) => ({
      _id: 'group-branch', _rev: rev, _revisions: { start: Number(rev.split('-')[0]), ids }, form: 'Customer', createdBy: 'Alice', ...fields,
    });
    await crm.bulkDocs([
      body(`3-${'1'.repeat(32)}`, ['1'.repeat(32), '2'.repeat(32), '3'.repeat(32)], { name: '主线' }),
      body(`2-${'4'.repeat(32)}`, ['4'.repeat(32), '3'.repeat(32)], { name: '组内的冲突', readers: ['华南销售组'] }),
    ], { new_edits: false });
    const names = world.running.store.database('names');
    await addGroupMembers(names, '华南销售组', ['Bob'], { ...SEED_CTX, user: SERVER_USER });
    await expectEventually(() => world.running.directory.userContext('Bob')!.roles.includes('华南销售组'));
    const bob = await world.signIn('Bob');
    const local = localReplica('bob-group-branch');
    await local.replicate.from(world.remote(bob));
    assert.deepEqual((await local.get('group-branch', { conflicts: true }))._conflicts, [`2-${'4'.repeat(32)}`]);

    const group = await names.get(groupDocId('华南销售组'));
    await names.save({ ...group, members: (group.members as string[]).filter((m) => m !== 'Bob') }, { ...SEED_CTX, user: SERVER_USER });
    await expectEventually(() => !world.running.directory.userContext('Bob')!.roles.includes('华南销售组'));
    await local.replicate.from(world.remote(bob));
    const held = await local.get('group-branch', { conflicts: true });
    assert.equal((held as unknown as { name: string }).name, '主线');
    assert.equal(held._conflicts, undefined, 'the branch only the group may read is gone');
  });

  test('a live replica sees another replica\'s change', async () => {
    const [alice, carol] = [await world.signIn('Alice'), await world.signIn('Carol')];
    const [a, c] = [localReplica('alice-live'), localReplica('carol-live')];
    const liveA = a.sync(world.remote(alice), { live: true, retry: true });
    const liveC = c.sync(world.remote(carol), { live: true, retry: true });
    try {
      await c.put(saved('Carol', { _id: 'live-1', form: 'Customer', name: '实时客户' }) as never);
      await expectEventually(async () => ((await a.get('live-1')) as { name: string }).name === '实时客户', { timeoutMs: 10_000 });
    } finally {
      liveA.cancel();
      liveC.cancel();
    }
  });

  test('a change reaches every one of several live replicas, each on its own session, and the next one too', async () => {
    // Every waiting `_changes` request is woken by one shared feed of the store (store-changes-watch.ts).
    const replicas = await Promise.all(['Alice', 'Carol', 'Alice', 'Carol', 'Alice', 'Carol'].map(async (name, i) => {
      const local = localReplica(`many-${i}`);
      return { name, local, live: local.sync(world.remote(await world.signIn(name)), { live: true, retry: true }) };
    }));
    try {
      for (const [round, writer] of [replicas[0]!, replicas[3]!].entries()) {
        const id = `many-${round}`;
        await writer.local.put(saved(writer.name, { _id: id, form: 'Customer', name: `多副本客户 ${round}` }) as never);
        await expectEventually(async () => (await Promise.all(replicas.map(({ local }) => local.get(id).then(() => true, () => false)))).every(Boolean), { timeoutMs: 20_000 });
      }
    } finally {
      for (const { live } of replicas) live.cancel();
    }
  });
});
