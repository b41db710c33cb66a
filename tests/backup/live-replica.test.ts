import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import nano from 'nano';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { SERVER_USER } from '../../design/user.js';
import type { ReplicaStatus } from '../../server/backup/live-replica.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { couchServer } from '../helpers/couch-server.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { SessionClient } from '../helpers/session-client.js';
import { PRICE_LIST, storeContents, writeLibraryHistory } from '../helpers/store-contents.js';
import { tempDir, testConfig } from '../server/fixtures.js';

const logger = createLogger(process.env.TEST_LOG as never ?? 'silent');
const CTX = { user: SERVER_USER, now: '2026-03-01T08:00:00.000Z' };
let prefixes = 0;

/** Records a replica must carry: numbered customers, and a library with a conflict, a deletion, an edit and a file. */
async function writeRecords(source: RunningServer, count: number): Promise<void> {
  const crm = source.store.database('crm');
  await crm.save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', customerCodePrefix: 'KH', customerCodeDatePart: 'none', customerCodeDigits: 4 }, CTX);
  for (let i = 0; i < count; i++) await crm.save({ _id: `customer-${i}`, form: 'Customer', name: `宁波客户${i}` }, CTX);
  await expectEventually(async () => {
    for (let i = 0; i < count; i++) assert.equal(typeof (await crm.get(`customer-${i}`)).code, 'string', `customer-${i} numbered`);
  }, { timeoutMs: 20_000 });
  await writeLibraryHistory(source.store);
}

/** The first administrator, made through the setup link, signed in. */
async function administrator(running: RunningServer): Promise<SessionClient> {
  const admin = new SessionClient(running.url);
  const token = /#setup=(.+)$/.exec(running.setupUrl!)![1];
  const made = await admin.request('POST', '/api/setup', { token, name: '张三', password: 'Tea-house 8' });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  return admin;
}

async function replicaStatus(admin: SessionClient): Promise<ReplicaStatus[]> {
  const answer = await admin.request('GET', '/api/admin/replica');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body!.databases as ReplicaStatus[];
}

/** A TCP relay to CouchDB that the test can cut and restore, as a network or a CouchDB outage would. */
async function cuttableRelay(target: URL): Promise<{ url: (couchUrl: string) => string; cut(): Promise<void>; restore(): Promise<void> }> {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  let port = 0;
  const listen = async () => {
    server = createServer((client) => {
      const upstream = createConnection(Number(target.port), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as { port: number }).port;
  };
  await listen();
  return {
    url: (couchUrl) => Object.assign(new URL(couchUrl), { port: String(port) }).href.replace(/\/$/, ''),
    async cut() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server!.close(resolve));
    },
    restore: listen,
  };
}

/** PouchDB and CouchDB compute a file's digest differently; its content is what must match. */
function withoutDigests(contents: Map<string, unknown>): unknown {
  return JSON.parse(JSON.stringify([...contents].sort(([a], [b]) => a.localeCompare(b)), (key, value: unknown) => (key === 'digest' ? undefined : value))) as unknown;
}

async function dropDatabases(couchUrl: string, prefix: string): Promise<void> {
  const admin = nano(couchUrl);
  for (const name of await admin.db.list()) if (name.startsWith(prefix)) await admin.db.destroy(name);
}

describe('a live replica of the embedded store', () => {
  for (const kind of ['CouchDB', 'another data directory'] as const) {
    test(`in ${kind}: every document, revision, conflict and file arrives as people write, and a server started on the replica carries on, numbering after the old numbers`, async () => {
      const { dir, cleanup } = await tempDir('replica');
      const couchUrl = (await couchServer()).url;
      const prefix = `t${process.pid}r${++prefixes}-`;
      const replicaPlace = kind === 'CouchDB' ? { COUCHDB_URL: couchUrl, COUCHDB_PREFIX: prefix } : { GUANXI_DATA_DIR: join(dir, 'replica') };
      const source = await startServer(testConfig(join(dir, 'source'), { REPLICA: replicaPlace.COUCHDB_URL ?? replicaPlace.GUANXI_DATA_DIR!, COUCHDB_PREFIX: prefix }), { logger });
      let replica: RunningServer | undefined;
      try {
        await writeRecords(source, 6);
        const before = await storeContents(source.store);
        if (kind === 'CouchDB') {
          // While the office works: the replica's CouchDB already holds what was written.
          await expectEventually(async () => {
            const crm = nano(couchUrl).use(`${prefix}crm`);
            const held = await crm.fetch({ keys: Array.from({ length: 6 }, (_, i) => `customer-${i}`) });
            assert.ok(held.rows.every((row) => 'doc' in row && row.doc && typeof (row.doc as { code?: unknown }).code === 'string'), 'numbered customers in the replica');
          }, { timeoutMs: 20_000 });
        }
        await source.close();

        replica = await startServer(testConfig(join(dir, 'replica'), replicaPlace), { logger });
        assert.deepEqual(withoutDigests(await storeContents(replica.store, new Set(before.keys()))), withoutDigests(before));
        const conflicted = await replica.store.database('library').pouch.get('conflicted', { conflicts: true });
        assert.deepEqual([conflicted._rev, conflicted._conflicts], ['1-bbbb', ['1-aaaa']]);
        const file = await replica.store.database('library').pouch.getAttachment('price-list', '价目表.txt') as Buffer;
        assert.equal(file.toString('utf8'), PRICE_LIST);
        assert.equal(await replica.store.serverDocs.read('replica-of'), undefined, 'the replica is now the store');
        await replica.store.database('crm').save({ _id: 'after-failover', form: 'Customer', name: '接管后的客户' }, CTX);
        const code = await expectEventually(async () => String((await replica!.store.database('crm').get('after-failover')).code ?? assert.fail('numbered')));
        assert.equal(code, 'KH0007');
      } finally {
        await source.close();
        await replica?.close();
        await dropDatabases(couchUrl, prefix);
        await cleanup();
      }
    });
  }

  test("while the replica's CouchDB cannot be reached the office works on; the replica catches up when it is back, and the administrator sees how far it has come", async () => {
    const { dir, cleanup } = await tempDir('replica-outage');
    const couchUrl = (await couchServer()).url;
    const prefix = `t${process.pid}r${++prefixes}-`;
    const relay = await cuttableRelay(new URL(couchUrl));
    await relay.cut();
    const source = await startServer(testConfig(join(dir, 'source'), { REPLICA: relay.url(couchUrl), COUCHDB_PREFIX: prefix }), { logger });
    try {
      const crm = source.store.database('crm');
      await crm.save({ _id: 'during-outage', form: 'Customer', name: '断网时的客户' }, CTX);
      assert.equal((await crm.get('during-outage')).name, '断网时的客户', 'the office writes while its replica is away');
      const admin = await administrator(source);
      const waiting = await expectEventually(async () => {
        const status = (await replicaStatus(admin)).find((db) => db.db === 'crm')!;
        assert.ok(status.lastError, 'the administrator sees why the replica is behind');
        return status;
      });
      assert.equal(waiting.docsWritten, 0);
      await relay.restore();
      await expectEventually(async () => {
        const held = await nano(couchUrl).use<{ name: string }>(`${prefix}crm`).get('during-outage');
        assert.equal(held.name, '断网时的客户');
      }, { timeoutMs: 60_000 });
      const crmStatus = (await replicaStatus(admin)).find((db) => db.db === 'crm')!;
      assert.ok(crmStatus.docsWritten >= 1 && crmStatus.lastWrittenAt, JSON.stringify(crmStatus));

      // Cut again mid-run: what is written meanwhile arrives after.
      await relay.cut();
      await crm.save({ _id: 'second-outage', form: 'Customer', name: '第二次断网' }, CTX);
      await relay.restore();
      await expectEventually(async () => {
        assert.equal((await nano(couchUrl).use<{ name: string }>(`${prefix}crm`).get('second-outage')).name, '第二次断网');
      }, { timeoutMs: 60_000 });
    } finally {
      await source.close();
      await relay.cut().catch(() => undefined);
      await dropDatabases(couchUrl, prefix);
      await cleanup();
    }
  });

  test('a replica in the same place as the store, or beside a CouchDB store, is refused with a clear message', () => {
    assert.throws(() => loadConfig({ GUANXI_DATA_DIR: '/srv/guanxi', REPLICA: '/srv/guanxi' }), (error: unknown) => error instanceof ConfigError && /another data directory/.test(error.message));
    assert.throws(() => loadConfig({ COUCHDB_URL: 'http://admin:pw@127.0.0.1:5984', REPLICA: 'http://admin:pw@backup:5984' }), (error: unknown) => error instanceof ConfigError && /_replicator/.test(error.message) && !/pw/.test(error.message));
    assert.throws(() => loadConfig({ REPLICA: 'ftp://backup/guanxi' }), (error: unknown) => error instanceof ConfigError && /http:\/\/ or https:\/\//.test(error.message));
    assert.deepEqual(loadConfig({ REPLICA: 'replica-data' }, {}, '/srv').replica, { kind: 'directory', path: '/srv/replica-data' });
  });
});
