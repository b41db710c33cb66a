import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { KEPT_FILTER } from '../../design/replication-settings.js';
import { SERVER_USER } from '../../design/user.js';
import { idsOf, localReplica, remoteDb } from '../helpers/sync-client.js';
import { ENGINES } from '../helpers/test-store.js';
import { gatewayWorld, rawAsker, type GatewayWorld } from './gateway-fixture.js';

/** Replications run while the server rewrites a customer, until one fails. */
const ROUNDS = 8;
/** Rewrites per replication at most: the replication follows the feed until it has nothing new, which a server writing without end would never let happen. */
const REWRITES = 40;
const MINE_ONLY = { filter: KEPT_FILTER, query_params: { mine: true } } as PouchDB.Replication.ReplicateOptions;

// Regression: on PouchDB's stores (the embedded engine, and express-pouchdb behind the couchdb
// engine's tests), a customer the server's crm follower rewrote while Boss's first replica was
// made was listed in `_changes` with its new revision and the one it had just replaced. PouchDB's
// replicator asked `_bulk_get` for both; the store answered them as one document, every later answer
// moved up a place, and the last document asked for was answered with nothing: the replica lacked it
// and the checkpoint had passed it.
for (const engine of ENGINES) describe(`gateway: a document rewritten while a workstation replicates, ${engine}`, () => {
  let world: GatewayWorld;
  before(async () => {
    world = await gatewayWorld([{ name: 'Boss', roles: ['[Manager]'], access: { crm: 'manager' } }, { name: 'Carol', access: { crm: 'editor' } }], { 华东销售组: ['Boss', 'Carol'] }, engine);
  });
  after(async () => {
    await world.close();
  });

  const crm = () => world.running.store.database('crm');
  const serverSave = (doc: object) => crm().save(doc as never, { now: new Date().toISOString(), user: SERVER_USER });

  test('_bulk_get asked for a revision and the one it replaced, as latest: every request is answered, the documents asked after them too', async () => {
    await serverSave({ _id: 'cust-moved', form: 'Customer', name: '改过的客户', owner: ['华东销售组'], authors: ['华东销售组'] });
    const first = await crm().pouch.get('cust-moved');
    await serverSave({ _id: 'cust-after', form: 'Customer', name: '后面的客户', owner: ['华东销售组'], authors: ['华东销售组'] });
    const ask = await rawAsker(world, 'Boss');
    // Boss's feed shows the first revision, then the one the server writes over it: both are
    // revisions he was just shown (the quick path of _bulk_get); Carol, of his team, was shown neither (the full check).
    const shown = JSON.parse((await ask('GET', '/sync/crm/_changes')).text) as { last_seq: string };
    await serverSave({ ...first, name: '改过的客户（新编号）' });
    await ask('GET', `/sync/crm/_changes?since=${encodeURIComponent(shown.last_seq)}`);
    const second = await crm().pouch.get('cust-moved');
    const after = await crm().pouch.get('cust-after');
    const docs = [{ id: 'cust-moved', rev: second._rev }, { id: 'cust-moved', rev: first._rev }, { id: 'cust-after', rev: after._rev }];
    for (const [name, asker] of [['Boss', ask], ['Carol', await rawAsker(world, 'Carol')]] as const) {
      const answer = await asker('POST', '/sync/crm/_bulk_get?revs=true&latest=true', { docs });
      assert.equal(answer.status, 200, answer.text);
      const { results } = JSON.parse(answer.text) as { results: { id: string; docs: { ok?: { _id: string; _rev: string } }[] }[] };
      assert.deepEqual(results.map((r) => [r.id, r.docs.map((d) => d.ok && `${d.ok._id} ${d.ok._rev}`)]), [
        ['cust-moved', [`cust-moved ${second._rev}`]],
        ['cust-moved', [`cust-moved ${second._rev}`]],
        ['cust-after', [`cust-after ${after._rev}`]],
      ], name);
    }
  });

  test('_changes lists a document the server rewrites while the page is read with one revision, not also the one just replaced', async () => {
    await serverSave({ _id: 'cust-rewritten', form: 'Customer', name: '正在改的客户', owner: ['华东销售组'], authors: ['华东销售组'] });
    const ask = await rawAsker(world, 'Boss');
    let writing = true;
    let writes = 0;
    const writer = (async () => {
      while (writing) await serverSave({ ...await crm().get('cust-rewritten'), name: `正在改的客户 ${++writes}` });
    })();
    const rows: string[][] = [];
    try {
      // "My customers only" reads each listed document's body after the page's changes were read: the window for a rewrite.
      for (let page = 0; page < 40 && rows.every((revs) => revs.length === 1); page++) {
        const answer = JSON.parse((await ask('GET', `/sync/crm/_changes?filter=${KEPT_FILTER}&mine=true`)).text) as { results: { id: string; changes: { rev: string }[] }[] };
        rows.push(...answer.results.filter((r) => r.id === 'cust-rewritten').map((r) => r.changes.map((c) => c.rev)));
      }
    } finally {
      writing = false;
      await writer;
    }
    assert.deepEqual(rows.filter((revs) => revs.length !== 1), [], `after ${writes} rewrites`);
  });

  test('a customer the server rewrites over and over while a first replica is made, "my customers only": each replication ends without error and holds every customer', async () => {
    for (let i = 0; i < 20; i++) await serverSave({ _id: `cust-${String(i).padStart(2, '0')}`, form: 'Customer', name: `客户 ${i}`, owner: ['Boss'], authors: ['Boss'] });
    await serverSave({ _id: 'cust-busy', form: 'Customer', name: '常改的客户', owner: ['华东销售组'], authors: ['华东销售组'] });
    const remote = remoteDb(world.running.url, 'crm', await world.signIn('Boss'));
    let added = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      // The server rewrites the customer and, after each rewrite, adds one that is never written again:
      // the latter comes after it in the feed, and in the replicator's `_bulk_get`.
      let writing = true;
      const writer = (async () => {
        for (let i = 0; i < REWRITES && writing; i++) {
          await serverSave({ ...await crm().get('cust-busy'), name: `常改的客户 ${added}` });
          await serverSave({ _id: `cust-new-${String(++added).padStart(3, '0')}`, form: 'Customer', name: `新客户 ${added}`, owner: ['Boss'], authors: ['Boss'] });
        }
      })();
      const local = localReplica(`boss-round-${round}`);
      const replicated = local.replicate.from(remote, MINE_ONLY).then(() => null, (error: Error) => error);
      const failed = await replicated;
      writing = false;
      await writer;
      assert.equal(failed, null, `round ${round}: the replication failed`);
      // Everything written before the replication's last `_changes` page: replicated once more, the
      // replica must hold every customer (a document skipped by the first is not found again).
      await local.replicate.from(remote, MINE_ONLY);
      const held = new Set(await idsOf(local));
      const customers = (await crm().pouch.allDocs({ startkey: 'cust-', endkey: 'cust-\uffff' })).rows.map((row) => row.id);
      assert.deepEqual(customers.filter((id) => !held.has(id)), [], `round ${round}: missing after ${added} new customers`);
    }
  });
});
