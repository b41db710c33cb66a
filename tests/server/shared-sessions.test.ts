import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import nano from 'nano';
import { SERVER_USER } from '../../design/user.js';
import { FREE_ATTEMPTS } from '../../server/auth/lockout.js';
import { markLeft } from '../../server/directory/directory-edits.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { couchServer } from '../helpers/couch-server.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { SessionClient } from '../helpers/session-client.js';
import { tempDir, testConfig } from './fixtures.js';

const PASSWORD = 'correct horse';
const logger = createLogger('silent');

test('a session survives a restart of the server on the same data directory', async () => {
  const { dir, cleanup } = await tempDir('restart');
  try {
    const config = testConfig(join(dir, 'data'));
    const first = await startServer(config, { logger });
    let client: SessionClient;
    try {
      await seedDirectory(first.store, first.directory, [{ name: '李雷', password: PASSWORD }]);
      client = new SessionClient(first.url);
      assert.equal((await client.signIn('李雷', PASSWORD)).status, 200);
    } finally {
      await first.close();
    }
    const second = await startServer(config, { logger });
    try {
      const answer = await client.copyTo(second.url).request('GET', '/api/session');
      assert.equal(answer.status, 200);
      assert.equal((answer.body?.user as { name: string }).name, '李雷');
    } finally {
      await second.close();
    }
  } finally {
    await cleanup();
  }
});

/** Two servers in front of one CouchDB, with 李雷 in the directory (seeded through A, heard of by B through the changes feed). */
async function withTwoServers(label: string, work: (a: RunningServer, b: RunningServer) => Promise<void>): Promise<void> {
  const { url: couchdbUrl } = await couchServer();
  const prefix = `t${process.pid}x${Date.now().toString(36)}${label}-`;
  const { dir, cleanup } = await tempDir(label);
  const config = testConfig(dir, { COUCHDB_URL: couchdbUrl, COUCHDB_PREFIX: prefix });
  const [a, b] = [await startServer(config, { logger }), await startServer(config, { logger })];
  try {
    await seedDirectory(a.store, b.directory, [{ name: '李雷', password: PASSWORD, access: { crm: 'author' } }]);
    await work(a, b);
  } finally {
    await Promise.all([a.close(), b.close()]);
    const admin = nano(couchdbUrl);
    for (const name of await admin.db.list()) if (name.startsWith(prefix)) await admin.db.destroy(name);
    await cleanup();
  }
}

test('two servers in front of one CouchDB share sessions, and a person leaving on one ends their session on the other', () => withTwoServers('shared', async (a, b) => {
  const onA = new SessionClient(a.url);
  assert.equal((await onA.signIn('李雷', PASSWORD)).status, 200);
  const onB = onA.copyTo(b.url);
  assert.equal((await onB.request('GET', '/api/session')).status, 200);

  await markLeft(b.store.database('names'), '李雷', { now: '2026-03-02T08:00:00.000Z', user: SERVER_USER });
  await expectEventually(async () => assert.equal((await onA.request('GET', '/api/session')).status, 401));
  assert.equal((await onB.request('GET', '/api/session')).status, 401);
  assert.equal((await new SessionClient(a.url).signIn('李雷', PASSWORD)).status, 401);
}));

// Apache CouchDB does not check the revision of a `_local` document, where the failure count was
// kept: wrong passwords sent at once to two servers overwrote each other's count.
test('five wrong passwords sent at once to two servers in front of one CouchDB still lock the name', () => withTwoServers('lockout', async (a, b) => {
  const answers = await Promise.all(Array.from({ length: FREE_ATTEMPTS }, (_, i) => new SessionClient([a, b][i % 2]!.url).signIn('李雷', 'wrong horse')));
  assert.deepEqual(answers.map((answer) => answer.status), Array.from({ length: FREE_ATTEMPTS }, () => 401));
  for (const server of [a, b]) assert.equal((await new SessionClient(server.url).signIn('李雷', PASSWORD)).status, 401, 'locked on either server, even with the right password');
}));
