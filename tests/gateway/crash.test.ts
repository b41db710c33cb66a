import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLogger } from '../../server/log.js';
import { StoreDirectory } from '../../server/directory/store-directory.js';
import { EmbeddedStore } from '../../server/store/embedded-store.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { SessionClient } from '../helpers/session-client.js';
import { idsOf, localReplica, remoteDb } from '../helpers/sync-client.js';
import { spawnEntry, START, tempDir } from '../server/fixtures.js';
import { PASSWORD, saved } from './gateway-fixture.js';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('the server killed with SIGKILL in the middle of a sync comes back, and every replica converges with nothing lost', async () => {
  const { dir, cleanup } = await tempDir('crash');
  const dataDir = join(dir, 'data');
  const store = await EmbeddedStore.open(dataDir);
  const directory = await StoreDirectory.open(store, createLogger('silent'));
  await seedDirectory(store, directory, [{ name: 'Alice', password: PASSWORD, access: { crm: 'editor' } }, { name: 'Carol', password: PASSWORD, access: { crm: 'editor' } }]);
  await directory.close();
  await store.close();

  const port = await freePort();
  const env = { GUANXI_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
  const start = () => spawnEntry(START, [], env, dir);
  let server = start();
  const { url } = await server.waitForLog((line) => line.msg === 'listening');
  const credentials = async (name: string) => {
    const client = new SessionClient(String(url));
    assert.equal((await client.signIn(name, PASSWORD)).status, 200);
    return { cookie: client.cookie!, csrf: client.csrf! };
  };
  const [alice, carol] = [await credentials('Alice'), await credentials('Carol')];
  const [a, c] = [localReplica('alice-crash'), localReplica('carol-crash')];
  const retry = { live: true, retry: true, back_off_function: () => 200 };
  const syncs = [a.sync(remoteDb(String(url), 'crm', alice), retry), c.sync(remoteDb(String(url), 'crm', carol), retry)];
  try {
    const written = { a: 0, c: 0 };
    syncs[0]!.on('change', (info) => info.direction === 'push' && (written.a += info.change.docs_written));
    const docs = (who: string, n: number, prefix = who) => Array.from({ length: n }, (_, i) => saved(who, { _id: `${prefix}-${String(i).padStart(4, '0')}`, form: 'Customer', name: `${prefix} 客户 ${i}` }));
    for (let i = 0; i < 1200; i += 100) await a.bulkDocs(docs('Alice', 1200).slice(i, i + 100) as never[]);
    await c.bulkDocs(docs('Carol', 300) as never[]);

    await expectEventually(() => written.a >= 100, { timeoutMs: 30_000 });
    server.process.kill('SIGKILL');
    assert.equal((await server.exited).signal, 'SIGKILL');
    await a.bulkDocs(docs('Alice', 50, 'Alice-offline') as never[]);
    server = start();
    await server.waitForLog((line) => line.msg === 'listening');

    const everything = [...docs('Alice', 1200), ...docs('Carol', 300), ...docs('Alice', 50, 'Alice-offline')].map((d) => d._id!).sort();
    await expectEventually(async () => {
      assert.deepEqual(await idsOf(a), everything);
      assert.deepEqual(await idsOf(c), everything);
      return true;
    }, { timeoutMs: 90_000, intervalMs: 250 });
    const check = localReplica('check');
    await check.replicate.from(remoteDb(String(url), 'crm', alice));
    assert.deepEqual(await idsOf(check), everything, 'the server has every document too');
  } finally {
    for (const sync of syncs) sync.cancel();
    server.process.kill('SIGTERM');
    await server.exited;
    await cleanup();
  }
});
