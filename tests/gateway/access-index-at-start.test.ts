import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { accessIndexOf } from '../../server/gateway/access-index.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { generateCustomers } from '../bench/generate-crm.js';
import { couchServer } from '../helpers/couch-server.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { SessionClient } from '../helpers/session-client.js';
import { idsOf, localReplica, remoteDb } from '../helpers/sync-client.js';
import { ENGINES } from '../helpers/test-store.js';
import { tempDir, testConfig } from '../server/fixtures.js';
import { PASSWORD } from './gateway-fixture.js';

const DOCS = 3000;

/**
 * The access index (every document's readers, read from the store's feed once) used to be built by
 * the first `/sync` request after a start: that person waited for a read of the whole database.
 */
for (const engine of ENGINES) describe(`gateway in front of the ${engine} store: the access index after a restart`, () => {
  let cleanup: () => Promise<void>;
  let start: () => Promise<RunningServer>;
  let running: RunningServer | undefined;
  let lastOpen: string;
  before(async () => {
    const dir = await tempDir('index-at-start');
    cleanup = dir.cleanup;
    const couch = engine === 'couchdb' ? { COUCHDB_URL: (await couchServer()).url, COUCHDB_PREFIX: `ias${process.pid}-` } : {};
    start = () => startServer(testConfig(join(dir.dir, 'data'), couch), { logger: createLogger('silent') });
    const first = await start();
    await seedDirectory(first.store, first.directory, [{ name: 'Alice', password: PASSWORD, access: { crm: 'reader' } }]);
    // Every third customer names a group Alice is not in.
    const docs = generateCustomers(DOCS).map((doc, i) => ({ ...doc, readers: i % 3 === 0 ? ['总部'] : [] }));
    lastOpen = docs.findLast((doc) => doc.readers.length === 0)!._id!;
    for (let i = 0; i < DOCS; i += 1000) await first.store.database('crm').saveMany(docs.slice(i, i + 1000), { now: '2026-11-23T08:00:00.000Z', user: { name: 'Loader', roles: [] } });
    await first.close();
  });
  after(async () => {
    await running?.close();
    await cleanup();
  });

  test('a restarted server builds it by itself, before anyone syncs, and the first sync is answered from it', async () => {
    running = await start();
    const crm = running.store.database('crm').pouch;
    const index = accessIndexOf(crm);
    // No request has reached the gateway yet: the index knows the last customer saved (open to all).
    await expectEventually(() => index.mayRead(running!.directory.accessFor('Alice', 'crm'), lastOpen), { timeoutMs: 60_000 });

    // The first sync finds the index built: the index reads no document to build it again (its
    // reads are the feed's winners, `style=all_docs`; the view warmer reads the feed too, differently).
    let read = 0;
    const changes = crm.changes.bind(crm);
    crm.changes = ((options?: PouchDB.Core.ChangesOptions) => {
      const answer = changes(options);
      if (options?.include_docs && options.style === 'all_docs') void Promise.resolve(answer).then(({ results }) => (read += results.length));
      return answer;
    }) as typeof crm.changes;
    const client = new SessionClient(running.url);
    assert.equal((await client.signIn('Alice', PASSWORD)).status, 200);
    const local = localReplica('after-restart');
    await local.replicate.from(remoteDb(running.url, 'crm', { cookie: client.cookie!, csrf: client.csrf! }), { batch_size: 500 });
    crm.changes = changes;
    assert.equal(read, 0, 'the first sync read the store\'s documents to build the index');
    const ids = await idsOf(local);
    assert.equal(ids.length, DOCS - Math.ceil(DOCS / 3), 'the customers open to Alice, and only those');
  });
});
