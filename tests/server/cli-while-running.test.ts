import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { adminTokenPath } from '../../server/admin/admin-token.js';
import { readAdminLog } from '../../server/admin/admin-log.js';
import { createLogger } from '../../server/log.js';
import { startServer } from '../../server/main.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { SessionClient } from '../helpers/session-client.js';
import { guanxi, inTempDir, testConfig } from './fixtures.js';

async function run(dir: string, args: readonly string[], input?: string): Promise<string> {
  const { code, stdout, stderr } = await guanxi(args, {}, dir, input);
  assert.equal(code, 0, stderr);
  return stdout;
}

describe('the command line while the server runs', () => {
  test('regression: user, acl and group commands work while the server holds the embedded store, through the server', () => inTempDir('cli-running', async (dir) => {
    const running = await startServer(testConfig(join(dir, 'data')), { logger: createLogger('silent') });
    try {
      assert.ok(existsSync(adminTokenPath(join(dir, 'data'))), 'the server leaves the command line its token');
      assert.equal(await run(dir, ['create-admin', '张三', '--password-stdin'], 'Tea-house 8\n'), '张三 is an administrator: [Admin], Manager of names, crm, discussion, library, office, and may sign in.');
      assert.equal(await run(dir, ['user', 'add', '李雷', '--department', '外贸一部', '--email', 'li.lei@example.cn', '--roles', '[Sales]']), '李雷 is in the directory (active).');
      await run(dir, ['user', 'passwd', '李雷', '--password-stdin'], 'Lotus-notes 9\n');
      assert.equal(await run(dir, ['group', 'add', '销售中心', '外贸一部']), '销售中心: 外贸一部.');
      assert.equal(await run(dir, ['acl', 'set', 'crm', '销售中心', 'author', '--roles', '[Sales]']), '销售中心: author [Sales] in crm.');
      await run(dir, ['acl', 'default', 'library', 'editor']);

      // The running server applies each at once: 李雷 signs in and has what the commands gave.
      const client = new SessionClient(running.url);
      await expectEventually(async () => assert.equal((await client.signIn('李雷', 'Lotus-notes 9')).status, 200));
      const { body } = await client.request('GET', '/api/me/databases');
      assert.deepEqual((body!.databases as { name: string; level: string }[]).map((d) => `${d.name}:${d.level}`), ['crm:author', 'discussion:author', 'library:editor', 'office:author']);

      assert.equal(await run(dir, ['user', 'list']), ['李雷\t外贸一部\t-\tli.lei@example.cn\t[Sales]\tactive', '张三\t-\t-\t-\t[Admin]\tactive'].join('\n'));
      assert.equal(await run(dir, ['acl', 'show', 'crm']), ['crm:', '  -Default-\tnoAccess', '  张三\tmanager', '  销售中心\tauthor\t[Sales]'].join('\n'));
      const unknown = await guanxi(['user', 'leave', '王五'], {}, dir);
      assert.deepEqual([unknown.code, unknown.stderr], [1, 'guanxi: No person "王五" in the directory\n']);
      await run(dir, ['user', 'leave', '李雷']);
      await expectEventually(async () => assert.equal((await client.request('GET', '/api/session')).status, 401));

      const log = await readAdminLog(running.store);
      assert.ok(log.length >= 7);
      assert.ok(log.every((e) => e.by === 'guanxi (command line)'));
    } finally {
      await running.close();
    }
    assert.equal(existsSync(adminTokenPath(join(dir, 'data'))), false, 'a stopped server leaves no token');
  }));

  test('a token left by a server that was killed leads the command line to open the store itself', () => inTempDir('cli-stale', async (dir) => {
    await run(dir, ['user', 'add', '李雷']);
    await writeFile(adminTokenPath(join(dir, 'data')), JSON.stringify({ url: 'http://127.0.0.1:9', token: 'stale' }));
    assert.equal(await run(dir, ['user', 'add', '王芳', '--department', '外贸一部']), '王芳 is in the directory (active).');
    assert.match(await run(dir, ['user', 'list']), /^王芳\t外贸一部/m);
  }));

  test('the token is refused from another process without it, and a wrong one is no key', () => inTempDir('cli-token', async (dir) => {
    const running = await startServer(testConfig(join(dir, 'data')), { logger: createLogger('silent') });
    try {
      const answer = await fetch(`${running.url}/api/admin/directory`, { headers: { authorization: 'Bearer wrong' } });
      assert.equal(answer.status, 401);
    } finally {
      await running.close();
    }
  }));
});
