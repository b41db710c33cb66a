import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DB_NAMES } from '../../design/databases.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { SERVER_USER } from '../../design/user.js';
import { setPassword } from '../../server/auth/credentials.js';
import { savePerson } from '../../server/directory/directory-edits.js';
import type { RunningServer } from '../../server/main.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { SessionClient, sessionSetCookie } from '../helpers/session-client.js';
import { guanxi, inTempDir, spawnEntry, START, withServerOn } from './fixtures.js';

const PASSWORD = 'Tea-house 8';

function tokenOf(running: RunningServer): string {
  const match = /^http:\/\/127\.0\.0\.1:\d+\/#setup=([\w-]{43})$/.exec(running.setupUrl ?? '');
  assert.ok(match, `a setup link, got ${String(running.setupUrl)}`);
  return match[1]!;
}

async function databasesOf(client: SessionClient): Promise<Record<string, string>> {
  const answer = await client.request('GET', '/api/me/databases');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return Object.fromEntries((answer.body!.databases as { name: string; level: string }[]).map((db) => [db.name, db.level]));
}

describe('first start: the one-time setup link', () => {
  test('a fresh server offers a setup link; it makes the first administrator, signs them in, and then works no more', () => inTempDir('setup', async (dir) => {
    await withServerOn(dir, async (running) => {
      const token = tokenOf(running);
      const browser = new SessionClient(running.url);
      assert.deepEqual((await browser.request('GET', '/api/setup')).body, { needed: true });

      const wrong = await browser.request('POST', '/api/setup', { token: 'x'.repeat(43), name: '张三', password: PASSWORD });
      assert.equal(wrong.status, 403);
      assert.deepEqual(wrong.body, { error: 'forbidden', reason: 'This setup link is not valid: open the link the server printed on its console' });
      const weak = await browser.request('POST', '/api/setup', { token, name: '张三', password: 'abcabcabc' });
      assert.deepEqual([weak.status, weak.body], [400, { error: 'bad_request', reason: 'A password needs at least 4 different characters' }]);
      assert.equal((await browser.request('POST', '/api/setup', { token, name: '张三' })).status, 400);

      // The refusals did not spend the link.
      const made = await browser.request('POST', '/api/setup', { token, name: ' 张三 ', password: PASSWORD });
      assert.equal(made.status, 200, JSON.stringify(made.body));
      assert.deepEqual(made.body?.user, { name: '张三', roles: ['[Admin]'] });
      assert.ok(sessionSetCookie(made.headers));
      browser.csrf = String(made.body?.csrf);
      assert.deepEqual(await databasesOf(browser), Object.fromEntries(DB_NAMES.map((db) => [db, 'manager'])));

      const again = await new SessionClient(running.url).request('POST', '/api/setup', { token, name: '李四', password: PASSWORD });
      assert.deepEqual([again.status, again.body], [409, { error: 'conflict', reason: 'Guanxi is already set up: sign in as its administrator' }]);
      assert.deepEqual((await browser.request('GET', '/api/setup')).body, { needed: false });
      // The administrator signs in again with the password chosen.
      assert.equal((await new SessionClient(running.url).signIn('张三', PASSWORD)).status, 200);
    });
    await withServerOn(dir, async (running) => {
      assert.equal(running.setupUrl, undefined, 'no link once an administrator exists');
      assert.deepEqual((await new SessionClient(running.url).request('GET', '/api/setup')).body, { needed: false });
    });
  }));

  test('an administrator made by the command line while the link is open ends the link', () => inTempDir('setup-cli', async (dir) => {
    await withServerOn(dir, async (running) => {
      const token = tokenOf(running);
      await savePerson(running.store.database('names'), '管理员', { roles: ['[Admin]'] }, { user: SERVER_USER, now: new Date().toISOString() });
      const late = await new SessionClient(running.url).request('POST', '/api/setup', { token, name: '李四', password: PASSWORD });
      assert.equal(late.status, 409);
    });
  }));

  test('npm start prints the setup link on the console, never in the log', () => inTempDir('setup-start', async (dir) => {
    const child = spawnEntry(START, [], { GUANXI_DATA_DIR: join(dir, 'data'), PORT: '0', HOST: '127.0.0.1' }, dir);
    try {
      const listening = await child.waitForLog((line) => line.msg === 'listening');
      await expectEventually(() => assert.match(child.stderr(), /Open this link once to make the first one/));
      const url = /(http:\/\/\S+\/#setup=([\w-]+))/.exec(child.stderr());
      assert.ok(url, child.stderr());
      assert.ok(url[1]!.startsWith(String(listening.url)));
      assert.ok(!child.logs.some((line) => JSON.stringify(line).includes(url[2]!)), 'the token is not in the log');
      assert.ok(child.logs.some((line) => /setup link printed on the console/.test(String(line.msg))));
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
    }
  }));
});

describe('default access of a new office', () => {
  test('everyone signed in reads and writes the forum and the office\'s requests, and reads the library; the customer records and the directory are given person by person', () => inTempDir('default-acls', async (dir) => {
    await withServerOn(dir, async (running) => {
      const names = running.store.database('names');
      await savePerson(names, '李雷', { department: '外贸一部' }, { user: SERVER_USER, now: new Date().toISOString() });
      await setPassword(running.store, '李雷', PASSWORD, Date.now());
      await expectEventually(() => assert.ok(running.directory.userContext('李雷'), '李雷 is in the directory'));
      const client = new SessionClient(running.url);
      assert.equal((await client.signIn('李雷', PASSWORD)).status, 200);
      assert.deepEqual(await databasesOf(client), { discussion: 'author', library: 'reader', office: 'author' });
      const user = running.directory.userContext('李雷')!;
      const doc = prepareForSave({ _id: 'topic-spring', form: 'Topic', subject: '春节安排', body: '大家好' }, null, { user, now: new Date().toISOString() });
      const topic = await client.request('PUT', '/sync/discussion/topic-spring', doc);
      assert.equal(topic.status, 201, JSON.stringify(topic.body));
    });
  }));

  test('regression: create-admin no longer leaves the forum and the library closed to everyone else', () => inTempDir('create-admin-acls', async (dir) => {
    const made = await guanxi(['create-admin', '张三', '--password-stdin'], {}, dir, `${PASSWORD}\n`);
    assert.equal(made.code, 0, made.stderr);
    assert.equal((await guanxi(['user', 'add', '李雷'], {}, dir)).code, 0);
    await withServerOn(dir, async ({ directory, setupUrl }) => {
      assert.equal(setupUrl, undefined);
      assert.deepEqual(DB_NAMES.map((db) => directory.accessFor('李雷', db).level), ['noAccess', 'noAccess', 'author', 'reader', 'author']);
    });
  }));
});
