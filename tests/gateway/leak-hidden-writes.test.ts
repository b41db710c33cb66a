import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StoredDoc } from '../../server/store/store.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { localReplica } from '../helpers/sync-client.js';
import { ENGINES } from '../helpers/test-store.js';
import { gatewayWorld, rawAsker, saved, type GatewayWorld, type RawAnswer } from './gateway-fixture.js';

/**
 * A write to the id of a document the writer may not see must be answered, then and afterwards, as
 * a write to an id that never existed: read back, written again, edited, deleted, replicated, and
 * in the writer's changes feed. Each sequence of requests is sent once about the hidden id and once
 * about a free one, and the two series of answers compared (ids, revisions and sequences aside).
 */
type Ask = (method: string, path: string, body?: unknown) => Promise<RawAnswer>;

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** An answer with its id, revisions, revision hashes and sequence tokens named by role. */
function neutral(answer: RawAnswer, id: string): string {
  const text = answer.text.replaceAll(id, 'ID')
    .replace(/\b\d+-[0-9a-f]{32}\b/g, 'REV').replace(/"[0-9a-f]{32}"/g, '"HASH"')
    .replace(/"(last_seq|seq|update_seq)":"[^"]*"/g, '"$1":"SEQ"');
  return `${answer.status} ${answer.type}\n${text}`;
}

/** The writer's changes feed since `since`, only the rows about `id`. */
async function changesAbout(ask: Ask, since: string, id: string): Promise<RawAnswer> {
  const answer = await ask('GET', `/sync/crm/_changes?style=all_docs&since=${encodeURIComponent(since)}`);
  const { results } = JSON.parse(answer.text) as { results: { id: string }[] };
  return { ...answer, text: JSON.stringify(results.filter((row) => row.id === id)) };
}

/**
 * What a workstation does with a document it created: each answer in order. Revisions come from
 * the answers themselves, so the same steps run on either id.
 */
async function lifeOf(ask: Ask, person: string, id: string): Promise<string[]> {
  const doc = `/sync/crm/${id}`;
  const answers: string[] = [];
  const note = (answer: RawAnswer) => {
    answers.push(neutral(answer, id));
    return answer;
  };
  const revOf = (answer: RawAnswer) => (JSON.parse(answer.text) as { rev: string }).rev;
  const countOf = async () => (JSON.parse((await ask('GET', '/sync/crm')).text) as { doc_count: number }).doc_count;
  const before = JSON.parse((await ask('GET', '/sync/crm/_changes?since=now')).text).last_seq as string;
  const countBefore = await countOf();
  const body = saved(person, { _id: id, form: 'Customer', name: '新客户' });

  const r1 = revOf(note(await ask('PUT', doc, body)));
  note(await ask('GET', doc));
  note(await ask('HEAD', doc));
  note(await ask('GET', `${doc}?revs=true&revs_info=true&conflicts=true`));
  note(await ask('GET', `${doc}?open_revs=all&revs=true`));
  note(await ask('GET', `${doc}?open_revs=${q([r1])}&latest=true`));
  note(await ask('GET', `/api/db/crm/docs/${id}`));
  // The identical create again, by PUT, POST and _bulk_docs: a document that exists refuses it.
  note(await ask('PUT', doc, body));
  note(await ask('POST', '/sync/crm', body));
  note(await ask('POST', '/sync/crm/_bulk_docs', { docs: [body] }));
  note(await ask('POST', '/sync/crm/_revs_diff', { [id]: [r1, `1-${'0'.repeat(32)}`] }));
  note(await ask('POST', '/sync/crm/_bulk_get?revs=true', { docs: [{ id, rev: r1 }, { id }] }));
  note(await changesAbout(ask, before, id));
  assert.equal(await countOf(), countBefore + 1, 'doc_count counts the new document');

  const r2 = revOf(note(await ask('PUT', doc, { ...body, _rev: r1, phone: '021-1234' })));
  note(await ask('GET', `${doc}?rev=${r1}`));
  note(await ask('GET', `${doc}?revs=true`));
  note(await ask('PUT', doc, { ...body, _rev: r1, phone: '021-9999' }));
  note(await ask('POST', '/sync/crm/_bulk_docs', { docs: [{ ...body, _rev: r2, phone: '021-5555' }] }));
  const r3 = (JSON.parse((await ask('GET', doc)).text) as { _rev: string })._rev;
  // A replica pushing a revision of its own on top, as PouchDB does.
  const [g3, h3] = r3.split('-') as [string, string];
  const pushed = { ...body, phone: '021-7777', _rev: `${Number(g3) + 1}-${'c'.repeat(32)}`, _revisions: { start: Number(g3) + 1, ids: ['c'.repeat(32), h3] } };
  note(await ask('POST', '/sync/crm/_bulk_docs', { new_edits: false, docs: [pushed] }));
  note(await ask('GET', `${doc}?revs=true`));
  note(await ask('POST', '/sync/crm/_revs_diff', { [id]: [pushed._rev] }));
  note(await changesAbout(ask, before, id));

  note(await ask('DELETE', `${doc}?rev=${pushed._rev}`));
  note(await ask('GET', doc));
  note(await ask('GET', `/api/db/crm/docs/${id}`));
  note(await ask('DELETE', `${doc}?rev=${pushed._rev}`));
  note(await changesAbout(ask, before, id));
  assert.equal(await countOf(), countBefore, 'doc_count after the deletion');
  note(await ask('PUT', doc, body));
  note(await ask('GET', `${doc}?revs=true`));
  note(await changesAbout(ask, before, id));
  return answers;
}

for (const engine of ENGINES) describe(`gateway in front of the ${engine} store: a write to a hidden id is remembered like a create`, () => {
  let world: GatewayWorld;
  let hidden: StoredDoc;
  let other: StoredDoc;
  let free = 0;

  before(async () => {
    world = await gatewayWorld([
      { name: 'Alice', access: { crm: 'editor' } },
      { name: 'Bob', access: { crm: 'author' } },
      { name: 'Carol', access: { crm: 'author' } },
    ], {}, engine);
    const crm = world.running.store.database('crm');
    hidden = await crm.save({ _id: 'secret-deal-8', form: 'Customer', name: '秘密客户', readers: ['Alice'] }, SEED_CTX);
    other = await crm.save({ _id: 'secret-deal-9', form: 'Customer', name: '另一个', readers: ['Alice'] }, SEED_CTX);
  });
  after(async () => {
    await world.close();
  });

  test('a hidden id written to is answered afterwards as a free id written to (read back, write again, edit, push, delete, feed)', async () => {
    const bob = await rawAsker(world, 'Bob');
    const asHidden = await lifeOf(bob, 'Bob', hidden._id);
    const asFree = await lifeOf(bob, 'Bob', `free-${++free}`);
    asHidden.forEach((answer, i) => assert.equal(answer, asFree[i], `step ${i}`));
    assert.equal(asHidden.length, asFree.length);

    const stored = await world.running.store.database('crm').get(hidden._id);
    assert.equal(stored._rev, hidden._rev, 'the real document was never touched');
    const alice = await rawAsker(world, 'Alice');
    const read = JSON.parse((await alice('GET', `/sync/crm/${hidden._id}?conflicts=true`)).text) as Record<string, unknown>;
    assert.equal(read.name, '秘密客户');
    assert.equal(read._conflicts, undefined, 'no branch of Bob\'s reached the real document');
  });

  test('a deleted id its creator never held is created afresh: its old history (generation, deleted branch) is answered as a free id\'s', async () => {
    const crm = world.running.store.database('crm');
    const ctx = { ...SEED_CTX, user: { name: 'Alice', roles: [] } };
    let gone = await crm.save({ _id: 'gone-7', form: 'Customer', name: '旧客户', readers: ['Alice'] }, ctx);
    gone = await crm.save({ ...gone, name: '旧客户 2' }, ctx);
    await crm.remove(gone._id, gone._rev, ctx);
    const bob = await rawAsker(world, 'Bob');
    const asDeleted = await lifeOf(bob, 'Bob', 'gone-7');
    const asFree = await lifeOf(bob, 'Bob', `free-${++free}`);
    asDeleted.forEach((answer, i) => assert.equal(answer, asFree[i], `step ${i}`));
    assert.equal(asDeleted.length, asFree.length);
  });

  test('a workstation that held a document deleted and then created afresh by someone else ends with the new one only', async () => {
    const crm = world.running.store.database('crm');
    const ctx = { ...SEED_CTX, user: { name: 'Alice', roles: [] } };
    const old = await crm.save({ _id: 'gone-8', form: 'Customer', name: '旧的' }, ctx);
    const carol = await world.signIn('Carol');
    const desk = localReplica('carol');
    await desk.replicate.from(world.remote(carol));
    await crm.remove(old._id, (await crm.save({ ...old, name: '旧的 2' }, ctx))._rev, ctx);
    const bob = await rawAsker(world, 'Bob');
    assert.equal((await bob('PUT', '/sync/crm/gone-8', saved('Bob', { _id: 'gone-8', form: 'Customer', name: 'Bob 的新客户' }))).status, 201);
    await desk.replicate.from(world.remote(carol));
    const held = (await desk.get('gone-8', { conflicts: true })) as { name: string; _conflicts?: string[] };
    assert.equal(held.name, 'Bob 的新客户');
    assert.equal(held._conflicts, undefined, 'the old history is deleted on the workstation, not a live conflict');
    const leaves = JSON.parse((await bob('GET', '/sync/crm/gone-8?open_revs=all')).text) as unknown[];
    assert.equal(leaves.length, 1, 'Bob, who never held the old one, is served his own history only');
  });

  test('a workstation that saved a document on a hidden id syncs it like any other: the writer\'s second workstation receives it', async () => {
    const crm = world.running.store.database('crm');
    const real = await crm.save({ _id: 'secret-deal-10', form: 'Customer', name: '第十个秘密', readers: ['Alice'] }, SEED_CTX);
    const bob = await world.signIn('Bob');
    const [desk, laptop] = [localReplica('bob-desk'), localReplica('bob-laptop')];
    await desk.put(saved('Bob', { _id: real._id, form: 'Customer', name: 'Bob 在台式机上' }) as never);
    const pushed = await desk.replicate.to(world.remote(bob));
    assert.equal(pushed.doc_write_failures, 0);
    await desk.replicate.from(world.remote(bob));
    await laptop.replicate.from(world.remote(bob));
    assert.equal(((await laptop.get(real._id)) as { name: string }).name, 'Bob 在台式机上');
    // An edit on the laptop comes back to the desk.
    const copy = await laptop.get(real._id);
    await laptop.put(saved('Bob', { ...copy, phone: '021-3333' }, copy) as never);
    await laptop.sync(world.remote(bob));
    await desk.replicate.from(world.remote(bob));
    assert.equal(((await desk.get(real._id)) as { phone?: string }).phone, '021-3333');
    assert.equal((await crm.get(real._id))._rev, real._rev, 'the real document was never touched');
  });

  test('what one person wrote to a hidden id is nobody else\'s: another who may not read it still finds nothing', async () => {
    const bob = await rawAsker(world, 'Bob');
    await bob('PUT', `/sync/crm/${other._id}`, saved('Bob', { _id: other._id, form: 'Customer', name: 'Bob 的' }));
    const carol = await rawAsker(world, 'Carol');
    const [asHidden, asNever] = [await carol('GET', `/sync/crm/${other._id}`), await carol('GET', '/sync/crm/never-here')];
    assert.equal(neutral(asHidden, other._id), neutral(asNever, 'never-here'));
    const created = await carol('PUT', `/sync/crm/${other._id}`, saved('Carol', { _id: other._id, form: 'Customer', name: 'Carol 的' }));
    assert.equal(created.status, 201, created.text);
    assert.equal((JSON.parse((await carol('GET', `/sync/crm/${other._id}`)).text) as { name: string }).name, 'Carol 的');
    assert.equal((JSON.parse((await bob('GET', `/sync/crm/${other._id}`)).text) as { name: string }).name, 'Bob 的');
  });
});
