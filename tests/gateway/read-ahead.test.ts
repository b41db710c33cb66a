import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readAhead } from '../../client/controllers/read-ahead-remote.js';
import { FILES_UP_TO_HEADER } from '../../design/replication-settings.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { localReplica, remoteDb } from '../helpers/sync-client.js';
import { gatewayWorld, type GatewayWorld } from './gateway-fixture.js';

type Remote = PouchDB.Database<Record<string, unknown>>;
const hash = (c: string) => c.repeat(32);

/** Everything a replica holds, as a replica compares: every change with its leaf revisions, and each winner with its conflicts and files. */
async function contentsOf(db: PouchDB.Database): Promise<unknown> {
  const { results } = await db.changes({ style: 'all_docs', include_docs: true, conflicts: true, attachments: true });
  return results.map(({ id, changes, deleted, doc }) => ({ id, revs: changes.map((c) => c.rev).sort(), deleted: deleted === true, doc })).sort((a, b) => a.id.localeCompare(b.id));
}

describe('a first replica read ahead (the next page\'s documents asked for while the replica writes the last)', () => {
  let world: GatewayWorld;
  before(async () => {
    world = await gatewayWorld([{ name: 'Alice', access: { crm: 'editor' } }, { name: 'Bob', access: { crm: 'editor' } }]);
    const crm = world.running.store.database('crm');
    const ctx = { ...SEED_CTX, user: { name: 'Alice', roles: [] } };
    const customers = Array.from({ length: 64 }, (_, i) => ({ _id: `c${String(i).padStart(3, '0')}`, form: 'Customer', name: `客户 ${i}`, region: i % 2 ? '华东' : '华南', ...(i % 9 === 0 ? { readers: ['Alice'] } : {}) }));
    await crm.saveMany(customers, ctx);
    for (const id of ['c005', 'c013', 'c040']) await crm.pouch.remove(await crm.pouch.get(id));
    // Two branches of one customer, and a deal with a file.
    const body = (rev: string, ids: string[], name: string) => ({ _id: 'contested', _rev: rev, _revisions: { start: Number(rev.split('-')[0]), ids }, form: 'Customer', createdBy: 'Alice', name });
    await (crm.pouch as unknown as PouchDB.Database).bulkDocs([body(`3-${hash('a')}`, [hash('a'), hash('b'), hash('c')], '主线'), body(`2-${hash('d')}`, [hash('d'), hash('c')], '冲突')], { new_edits: false });
    await crm.save({ _id: 'deal-file', form: 'Deal', name: '框架订单', customerId: 'c001', _attachments: { '合同.pdf': { content_type: 'application/pdf', data: Buffer.from('%PDF-1.4 合同').toString('base64') } } }, ctx);
  });
  after(async () => {
    await world.close();
  });

  for (const filesUpTo of [null, 0]) {
    test(`holds what PouchDB's own replication brings, conflicts, deletions and files included, and asks for each document once${filesUpTo === null ? '' : ' (files left on the server)'}`, async () => {
      const bob = await world.signIn('Bob');
      const headers: Record<string, string> = filesUpTo === null ? {} : { [FILES_UP_TO_HEADER]: String(filesUpTo) };
      const replicas = [];
      for (const ahead of [false, true]) {
        const remote = remoteDb(world.running.url, 'crm', bob, headers) as Remote;
        // The documents asked of the gateway, and how far those requests ran ahead of the replicator's.
        const requests: number[] = [];
        let asked = 0;
        let ranAhead = 0;
        const bulkGet = remote.bulkGet.bind(remote);
        remote.bulkGet = ((options: PouchDB.Core.BulkGetOptions) => {
          requests.push(options.docs.length);
          ranAhead = Math.max(ranAhead, requests.length - asked);
          return bulkGet(options);
        }) as Remote['bulkGet'];
        const source = ahead ? readAhead(remote, 1) : remote;
        const answer = source.bulkGet.bind(source);
        source.bulkGet = ((options: PouchDB.Core.BulkGetOptions) => {
          asked++;
          return answer(options);
        }) as Remote['bulkGet'];
        const local = localReplica(`bob-ahead-${ahead}`);
        // Pages of ten: several pages read ahead, the last one short.
        await local.replicate.from(source, { batch_size: 10, checkpoint: 'target' } as PouchDB.Replication.ReplicateOptions);
        replicas.push({ contents: await contentsOf(local), requests, ranAhead });
      }
      const [stock, readingAhead] = replicas;
      assert.deepEqual(readingAhead!.contents, stock!.contents);
      assert.ok((stock!.contents as unknown[]).length > 50);
      assert.equal(stock!.ranAhead, 0);
      assert.ok(readingAhead!.ranAhead >= 1, 'the next page was asked for before the replicator asked');
      // Each page's documents were asked for once, read ahead or not.
      assert.deepEqual(readingAhead!.requests.reduce((a, b) => a + b, 0), stock!.requests.reduce((a, b) => a + b, 0));
    });
  }
});
