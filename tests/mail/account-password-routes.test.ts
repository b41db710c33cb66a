import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SERVER_USER } from '../../design/user.js';
import { readMailSecret } from '../../server/mail/mail-secrets.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { SessionClient } from '../helpers/session-client.js';
import { withServer } from '../server/fixtures.js';

const CTX = { now: '2026-03-03T09:00:00.000Z', user: SERVER_USER };
const PATH = '/api/mail/accounts/mailaccount-sales/password';

describe('mail account passwords from the workstation', () => {
  it('are set by a Manager of names, told as set or not, never shown, and refused to anyone else', () => withServer(async ({ store, directory, url }) => {
    await seedDirectory(store, directory, [
      { name: 'Zhao Min', password: 'manager-pw-1', roles: ['[Manager]'], access: { names: 'manager' } },
      { name: 'Li Lei', password: 'sales-pw-12', roles: ['[Sales]'], access: { names: 'editor' } },
    ]);
    await store.database('names').save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', imapHost: 'imap.example.cn' }, CTX);

    const manager = new SessionClient(url);
    await manager.signIn('Zhao Min', 'manager-pw-1');
    assert.deepEqual((await manager.request('GET', PATH)).body, { imap: false, smtp: false });
    const set = await manager.request('PUT', PATH, { imapPassword: '邮箱密码 with spaces & symbols!' });
    assert.equal(set.status, 204, JSON.stringify(set.body));
    assert.deepEqual((await manager.request('GET', PATH)).body, { imap: true, smtp: false }, 'whether it is set, not the password');
    assert.deepEqual(await readMailSecret(store, 'mailaccount-sales'), { imapPassword: '邮箱密码 with spaces & symbols!' });
    assert.equal((await manager.request('PUT', PATH, { smtpPassword: 'smtp-secret' })).status, 204);
    assert.deepEqual(await readMailSecret(store, 'mailaccount-sales'), { imapPassword: '邮箱密码 with spaces & symbols!', smtpPassword: 'smtp-secret' }, 'setting one keeps the other');

    for (const body of [{}, { imapPassword: '' }, { smtpPassword: 'two\nlines' }, { imapPassword: 42 }, { imapPassword: 'x'.repeat(1025) }]) {
      const refused = await manager.request('PUT', PATH, body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.match(String(refused.body?.reason), /imapPassword|smtpPassword/);
    }
    assert.equal((await manager.request('PUT', '/api/mail/accounts/nothing/password', { imapPassword: 'x' })).status, 404);

    const sales = new SessionClient(url);
    await sales.signIn('Li Lei', 'sales-pw-12');
    const refused = await sales.request('PUT', PATH, { imapPassword: 'taken-over' });
    assert.equal(refused.status, 403, 'only who may change the account sets its password');
    assert.equal((await sales.request('GET', PATH)).status, 403);
    assert.equal((await new SessionClient(url).request('PUT', PATH, { imapPassword: 'x' })).status, 401);
    assert.deepEqual(await readMailSecret(store, 'mailaccount-sales'), { imapPassword: '邮箱密码 with spaces & symbols!', smtpPassword: 'smtp-secret' }, 'a refused request changes nothing');
  }));
});
