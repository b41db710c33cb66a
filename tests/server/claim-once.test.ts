import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SERVER_USER } from '../../design/user.js';
import { claimOnce } from '../../server/store/claim-once.js';
import { couchWriter, pouchWriter, ServerDocs, type WriteOne } from '../../server/store/server-docs.js';
import type { Database } from '../../server/store/store.js';
import { ENGINES, openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';

const MARK_CTX = { now: '2026-03-02T09:00:00.000Z', user: SERVER_USER };
const QUEUED = { _id: 'out-1', form: 'MailMessage', direction: 'out', status: 'queued', to: ['buyer@acme.de'], subject: '报价 Quotation', body: '您好' };

/** The server's claim, marked as the outbox marks it for its first attempt. */
async function markAndClaim(crm: Database, claims: ServerDocs, serverId: string, id = 'out-1') {
  const doc = await crm.get(id);
  return claimOnce(crm, claims, 'mail', { ...doc, status: 'sending', claimedBy: serverId, leaseUntil: '2026-03-02T09:02:00.000Z', attempts: 1 }, 1, MARK_CTX);
}

/**
 * Two nodes of a cluster that have not yet exchanged the message: each accepts its server's mark
 * (a revision-checked update through PouchDB answers alike whether it reached the quorum or not),
 * while the claims go to one servers' database, as on a cluster whose quorum decides.
 */
for (const engine of ENGINES) describe(`claims racing for one item (${engine})`, () => {
  let nodeA: TestStore;
  let nodeB: TestStore;
  let writer: WriteOne;
  before(async () => {
    [nodeA, nodeB] = await Promise.all([openTestStore(engine), openTestStore(engine)]);
    const server = nodeA.store.serverDocs.pouch;
    writer = engine === 'embedded' ? pouchWriter(server) : couchWriter(server.name);
  });
  after(async () => {
    await Promise.all([nodeA.cleanup(), nodeB.cleanup()]);
  });

  // Before claims: both servers' marks succeeded on their nodes and both sent the message.
  test('two servers whose marks both succeeded on different nodes get exactly one winner', async () => {
    await Promise.all([nodeA.store.database('crm').save(QUEUED, saveContext()), nodeB.store.database('crm').save(QUEUED, saveContext())]);
    const claims = [nodeA.store.serverDocs, new ServerDocs(nodeA.store.serverDocs.pouch, writer)];
    const won = await Promise.all([
      markAndClaim(nodeA.store.database('crm'), claims[0]!, 'server-a'),
      markAndClaim(nodeB.store.database('crm'), claims[1]!, 'server-b'),
    ]);
    assert.equal(won.filter(Boolean).length, 1, 'one server sends it');
    assert.equal((await nodeA.store.database('crm').get('out-1')).status, 'sending', 'each node holds its mark');
    assert.equal((await nodeB.store.database('crm').get('out-1')).status, 'sending');
    // A third server reading the same attempt later loses too.
    assert.equal(await markAndClaim(nodeA.store.database('crm'), new ServerDocs(nodeA.store.serverDocs.pouch, writer), 'server-c'), undefined);
  });

  // A 202: the first claimer's creation reached fewer nodes than the quorum, so another may have won on the others.
  test('a claim written short of the quorum is not won, and the other claimer gets a conflict', async () => {
    const queued = { ...QUEUED, _id: 'out-2' };
    await Promise.all([nodeA.store.database('crm').save(queued, saveContext()), nodeB.store.database('crm').save(queued, saveContext())]);
    const shortOfQuorum: WriteOne = async (doc) => ((await writer(doc)) === 'ok' ? 'uncertain' : 'conflict');
    const crmA = nodeA.store.database('crm');
    assert.equal(await markAndClaim(crmA, new ServerDocs(nodeA.store.serverDocs.pouch, shortOfQuorum), 'server-a', 'out-2'), undefined, 'the claimer answered 202 does not send');
    assert.equal(await markAndClaim(nodeB.store.database('crm'), nodeA.store.serverDocs, 'server-b', 'out-2'), undefined, 'nor does the one that came second');
    assert.equal((await crmA.get('out-2')).status, 'sending', 'the mark stays: its lease runs out as after a crash mid-send');
  });
});
