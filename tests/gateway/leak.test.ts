import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StoredDoc } from '../../server/store/store.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { ENGINES } from '../helpers/test-store.js';
import { gatewayWorld, rawAsker, saved, type GatewayWorld } from './gateway-fixture.js';

/**
 * A document Bob may not read, and every endpoint of the gateway asked about it as Bob: its id and
 * revisions must appear in no answer, and trying to create it must look like creating a new one.
 */
for (const engine of ENGINES) describe(`gateway in front of the ${engine} store: a hidden document never leaves the server`, () => {
  let world: GatewayWorld;
  let hidden: StoredDoc;

  before(async () => {
    world = await gatewayWorld([
      { name: 'Alice', access: { crm: 'editor' } },
      { name: 'Bob', access: { crm: 'author' } },
    ], {}, engine);
    const crm = world.running.store.database('crm');
    hidden = await crm.save({ _id: 'secret-deal-7', form: 'Customer', name: '秘密客户', readers: ['Alice'] }, SEED_CTX);
    await crm.pouch.putAttachment(hidden._id, 'contract.txt', hidden._rev, Buffer.from('price list'), 'text/plain');
    hidden = await crm.get(hidden._id);
    await crm.save({ _id: 'open-1', form: 'Customer', name: '公开客户' }, SEED_CTX);
  });
  after(async () => {
    await world.close();
  });

  async function ask(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    return (await rawAsker(world, 'Bob'))(method, `/sync/crm${path}`, body);
  }

  test('feeds and database info never mention it', async () => {
    for (const [method, path, body] of [
      ['GET', ''], ['GET', '/_changes?style=all_docs'], ['GET', '/_changes?feed=longpoll&timeout=100&since=0'], ['POST', '/_changes', {}],
      ['GET', '/_local/anything'], ['GET', '/_design/customers-by-region'],
    ] as const) {
      const { text } = await ask(method, path, body);
      assert.ok(!text.includes(hidden._id) && !text.includes(hidden._rev.slice(2)), `${method} ${path}: ${text}`);
    }
  });

  test('every endpoint that takes an id answers for it exactly as for an id that never existed', async () => {
    const probes = (id: string, rev: string): [string, string, unknown?][] => [
      ['POST', '/_revs_diff', { [id]: [rev, '9-abc'] }],
      ['POST', '/_bulk_get?revs=true&latest=true', { docs: [{ id }, { id, rev }] }],
      ['GET', `/${id}`], ['GET', `/${id}?rev=${rev}`], ['GET', `/${id}?revs=true&conflicts=true`],
      ['GET', `/${id}?open_revs=all`], ['GET', `/${id}?open_revs=${encodeURIComponent(JSON.stringify([rev]))}&latest=true`],
      ['GET', `/${id}/contract.txt`], ['HEAD', `/${id}`], ['HEAD', `/${id}/contract.txt`],
      ['DELETE', `/${id}?rev=${rev}`],
    ];
    const other = { id: 'never-was-here', rev: `${hidden._rev.split('-')[0]}-${'0'.repeat(32)}` };
    const hiddenProbes = probes(hidden._id, hidden._rev);
    const otherProbes = probes(other.id, other.rev);
    for (const [i, [method, path, body]] of hiddenProbes.entries()) {
      const [, otherPath, otherBody] = otherProbes[i]!;
      const forHidden = await ask(method, path, body);
      const forOther = await ask(method, otherPath, otherBody);
      const neutral = (text: string, id: string, rev: string) => text.replaceAll(id, 'ID').replaceAll(rev, 'REV');
      assert.equal(forHidden.status, forOther.status, `${method} ${path}`);
      assert.equal(neutral(forHidden.text, hidden._id, hidden._rev), neutral(forOther.text, other.id, other.rev), `${method} ${path}`);
      assert.ok(!forHidden.text.includes('price list') && !forHidden.text.includes('秘密'), `${method} ${path}: content leaked`);
    }
  });

  test('creating a document with the hidden id looks exactly like creating a new one, and changes nothing', async () => {
    const create = (id: string) => ask('PUT', `/${id}`, saved('Bob', { _id: id, form: 'Customer', name: 'Bob 的客户' }));
    const fresh = await create('never-existed-1');
    const collide = await create(hidden._id);
    assert.equal(collide.status, fresh.status);
    assert.deepEqual(Object.keys(JSON.parse(collide.text)).sort(), Object.keys(JSON.parse(fresh.text)).sort());
    assert.match(JSON.parse(collide.text).rev, /^1-[0-9a-f]{32}$/);
    const stored = await world.running.store.database('crm').get(hidden._id);
    assert.equal(stored._rev, hidden._rev);
    assert.equal(stored.name, '秘密客户');
  });

  test('Alice, who may read it, replicates it with its attachment', async () => {
    const alice = await world.signIn('Alice');
    const body = await (await fetch(`${world.running.url}/sync/crm/${hidden._id}/contract.txt`, { headers: { cookie: alice.cookie } })).text();
    assert.equal(body, 'price list');
  });
});
