import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import nano from 'nano';
import { SESSION_TTL_MS } from '../../server/auth/sessions.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { couchServer } from '../helpers/couch-server.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { SessionClient } from '../helpers/session-client.js';
import { ENGINES, type EngineName } from '../helpers/test-store.js';
import { tempDir, testConfig } from './fixtures.js';

const PASSWORD = 'correct horse';
const logger = createLogger('silent');
let counter = 0;

/**
 * `count` servers on one fresh store of the engine (several only on Apache CouchDB: a LevelDB
 * directory has one owner), sharing a clock the test moves, with 李雷 and 韩梅梅 (Manager of names).
 */
async function withServers(engine: EngineName, count: number, work: (servers: RunningServer[], clock: FakeClock) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await tempDir('session-cache');
  const couchdbUrl = engine === 'couchdb' ? (await couchServer()).url : undefined;
  const prefix = `t${process.pid}x${Date.now().toString(36)}s${counter++}-`;
  const config = testConfig(join(dir, 'data'), couchdbUrl ? { COUCHDB_URL: couchdbUrl, COUCHDB_PREFIX: prefix } : {});
  const clock = fakeClock();
  const servers: RunningServer[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await startServer(config, { logger, now: clock.now }));
    await seedDirectory(servers[0]!.store, servers[0]!.directory, [
      { name: '李雷', password: PASSWORD, access: { crm: 'author' } },
      { name: '韩梅梅', password: PASSWORD, access: { names: 'manager' } },
    ]);
    // Every server has heard of both (the directory follows `names`).
    await expectEventually(() => servers.every((server) => server.directory.person('李雷') && server.directory.person('韩梅梅')));
    await work(servers, clock);
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    if (couchdbUrl) {
      const admin = nano(couchdbUrl);
      for (const name of await admin.db.list()) if (name.startsWith(prefix)) await admin.db.destroy(name);
    }
    await cleanup();
  }
}

async function signedIn(url: string, name = '李雷'): Promise<SessionClient> {
  const client = new SessionClient(url);
  const answer = await client.signIn(name, PASSWORD);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return client;
}

const sessionStatus = async (client: SessionClient) => (await client.request('GET', '/api/session')).status;

/** Counts the reads of session documents from the store while `work` runs. */
async function sessionReads(server: RunningServer, work: () => Promise<void>): Promise<number> {
  const pouch = server.store.serverDocs.pouch;
  const get = pouch.get.bind(pouch);
  let reads = 0;
  pouch.get = ((id: string, ...rest: unknown[]) => {
    if (id.startsWith('session-')) reads++;
    return (get as (...args: unknown[]) => unknown)(id, ...rest);
  }) as typeof pouch.get;
  try {
    await work();
  } finally {
    pouch.get = get;
  }
  return reads;
}

for (const engine of ENGINES) describe(`sessions kept in the server's memory, on the ${engine} store`, () => {
  // Every request read its session from the store: 400 reads per change with 50 live workstations.
  test('requests of a session in use do not read it from the store each time', () => withServers(engine, 1, async ([server]) => {
    const client = await signedIn(server!.url);
    assert.equal(await sessionStatus(client), 200);
    const reads = await sessionReads(server!, async () => {
      for (let i = 0; i < 5; i++) assert.equal(await sessionStatus(client), 200);
    });
    assert.equal(reads, 0);
  }));

  test('a session in use, signed out, is refused at once on the same server, and so is a copy of its cookie', () => withServers(engine, 1, async ([server]) => {
    const client = await signedIn(server!.url);
    const copy = client.copyTo(server!.url);
    assert.equal(await sessionStatus(copy), 200);
    assert.equal((await client.request('DELETE', '/api/session')).status, 204);
    assert.equal(await sessionStatus(copy), 401);
  }));

  test('a password reset by a Manager ends the sessions in use at once', () => withServers(engine, 1, async ([server]) => {
    const [laptop, phone] = [await signedIn(server!.url), await signedIn(server!.url)];
    assert.deepEqual([await sessionStatus(laptop), await sessionStatus(phone)], [200, 200]);
    const manager = await signedIn(server!.url, '韩梅梅');
    assert.equal((await manager.request('POST', `/api/people/${encodeURIComponent('李雷')}/password`, { newPassword: 'battery staple' })).status, 204);
    assert.deepEqual([await sessionStatus(laptop), await sessionStatus(phone)], [401, 401]);
  }));

  test('a session kept in memory is refused once it has expired', () => withServers(engine, 1, async ([server], clock) => {
    const client = await signedIn(server!.url);
    assert.equal(await sessionStatus(client), 200);
    clock.advance(SESSION_TTL_MS);
    assert.equal(await sessionStatus(client), 401);
  }));
});

describe('sessions kept in memory by two servers in front of one CouchDB', () => {
  test('a session signed out on one server is refused by the other shortly after, though the other had it in memory', () => withServers('couchdb', 2, async ([a, b]) => {
    const onA = await signedIn(a!.url);
    const onB = onA.copyTo(b!.url);
    assert.equal(await sessionStatus(onB), 200);
    assert.equal(await sessionReads(b!, async () => assert.equal(await sessionStatus(onB), 200)), 0, 'B keeps it in memory');
    assert.equal((await onA.request('DELETE', '/api/session')).status, 204);
    assert.equal(await sessionStatus(onA), 401);
    await expectEventually(async () => assert.equal(await sessionStatus(onB), 401));
  }));

  test('a password changed on one server ends the other sessions on the other server shortly after', () => withServers('couchdb', 2, async ([a, b]) => {
    const laptop = await signedIn(a!.url);
    const phoneOnB = (await signedIn(a!.url)).copyTo(b!.url);
    assert.equal(await sessionStatus(phoneOnB), 200);
    assert.equal((await laptop.request('POST', '/api/session/password', { oldPassword: PASSWORD, newPassword: 'battery staple' })).status, 204);
    await expectEventually(async () => assert.equal(await sessionStatus(phoneOnB), 401));
    assert.equal(await sessionStatus(laptop.copyTo(b!.url)), 200, 'the session that changed it stays, on either server');
  }));
});
