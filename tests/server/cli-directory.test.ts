import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ACCESS_LEVELS } from '../../design/access/acl.js';
import { DB_NAMES } from '../../design/databases.js';
import { parseDb, parseLevel, parseRoles } from '../../server/commands/directory-args.js';
import { SessionClient } from '../helpers/session-client.js';
import { guanxi, inTempDir, withServerOn } from './fixtures.js';

/** Runs `work` in a fresh directory whose data directory the commands and the server share. */
const inDir = (work: (dir: string) => Promise<void>) => inTempDir('cli-directory', work);

async function run(dir: string, args: readonly string[], input?: string): Promise<string> {
  const { code, stdout, stderr } = await guanxi(args, {}, dir, input);
  assert.equal(code, 0, stderr);
  return stdout;
}

describe('guanxi create-admin', () => {
  test('creates the first administrator, who then signs in over HTTP as Manager of every database', () => inDir(async (dir) => {
    const stdout = await run(dir, ['create-admin', '张三', '--password-stdin'], 'Secret-pass1\n');
    assert.equal(stdout, '张三 is an administrator: [Admin], Manager of names, crm, discussion, library, office, and may sign in.');
    await withServerOn(dir, async ({ url, directory }) => {
      const client = new SessionClient(url);
      const answer = await client.signIn('张三', 'Secret-pass1');
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body?.user, { name: '张三', roles: ['[Admin]'] });
      for (const db of DB_NAMES) assert.equal(directory.accessFor('张三', db).level, 'manager', db);
      // Everyone else has No Access by default.
      for (const db of DB_NAMES) assert.equal(directory.accessFor('李雷', db).level, 'noAccess', db);
    });
  }));

  test('refuses a weak password with one line, and writes nothing', () => inDir(async (dir) => {
    const { code, stderr } = await guanxi(['create-admin', '张三'], {}, dir, 'abcabcabc\n');
    assert.equal(code, 1);
    assert.equal(stderr, 'guanxi: A password needs at least 4 different characters\n');
    await withServerOn(dir, async ({ directory }) => assert.equal(directory.person('张三'), undefined));
  }));
});

describe('guanxi user, acl and group', () => {
  test('add a person, give them access and a group, set their password; then mark them left', () => inDir(async (dir) => {
    await run(dir, ['user', 'add', '李雷', '--department', '销售部', '--email', 'lilei@example.com', '--roles', '[Sales], [Export]']);
    assert.equal(await run(dir, ['acl', 'set', 'crm', '华东组', 'Author', '--roles', '[East]']), '华东组: author [East] in crm.');
    await run(dir, ['acl', 'default', 'library', 'reader']);
    assert.equal(await run(dir, ['group', 'add', '华东组', '李雷', '韩梅梅']), '华东组: 李雷, 韩梅梅.');
    await run(dir, ['user', 'passwd', '李雷'], 'correct horse\n');

    await withServerOn(dir, async ({ url, directory, store }) => {
      const answer = await new SessionClient(url).signIn('李雷', 'correct horse');
      assert.deepEqual(answer.body?.user, { name: '李雷', roles: ['[Export]', '[Sales]', '华东组'] });
      const crm = directory.accessFor('李雷', 'crm');
      assert.deepEqual([crm.level, crm.roles], ['author', ['[East]', '[Export]', '[Sales]']]);
      assert.equal(directory.accessFor('李雷', 'library').level, 'reader');
      const person = await store.database('names').get('person-e69d8ee99bb7');
      assert.deepEqual([person.department, person.email, person.status], ['销售部', 'lilei@example.com', 'active']);
    });

    assert.equal(await run(dir, ['user', 'leave', '李雷']), '李雷 has left: they can no longer sign in.');
    await withServerOn(dir, async ({ url }) => {
      assert.equal((await new SessionClient(url).signIn('李雷', 'correct horse')).status, 401);
    });
  }));

  test('an unknown person is one line naming them', () => inDir(async (dir) => {
    const { code, stderr } = await guanxi(['user', 'leave', '王五'], {}, dir);
    assert.equal(code, 1);
    assert.equal(stderr, 'guanxi: No person "王五" in the directory\n');
  }));

  test('databases, levels and roles as the commands take them', () => {
    assert.equal(parseDb('crm'), 'crm');
    assert.throws(() => parseDb('sales'), /the databases are names, crm, discussion, library/);
    for (const text of ['manager', 'Manager', 'noAccess', 'no-access', 'No Access']) assert.ok(ACCESS_LEVELS.includes(parseLevel(text)), text);
    assert.equal(parseLevel('No Access'), 'noAccess');
    assert.throws(() => parseLevel('owner'), /the levels are noAccess, depositor, reader, author, editor, designer, manager/);
    assert.deepEqual(parseRoles('[Sales], [Export],'), ['[Sales]', '[Export]']);
  });
});
