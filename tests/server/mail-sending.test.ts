import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SERVER_USER } from '../../design/user.js';
import { NO_SENDING_ACCOUNT } from '../../server/mail/sending-route.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { SessionClient } from '../helpers/session-client.js';
import { withServer } from './fixtures.js';

const PASSWORD = 'correct horse battery';

describe('mail that could never be sent', () => {
  test('regression: with no account that sends, the workstation is told why before anything is written; with one, it may write', () => withServer(async ({ url, store, directory }) => {
    await seedDirectory(store, directory, [{ name: '王芳', password: PASSWORD, access: { crm: 'author' } }]);
    const client = new SessionClient(url);
    assert.equal((await client.signIn('王芳', PASSWORD)).status, 200);
    assert.deepEqual((await client.request('GET', '/api/mail/sending')).body, { canSend: false, reason: NO_SENDING_ACCOUNT });

    const ctx = { user: SERVER_USER, now: new Date().toISOString() };
    const names = store.database('names');
    // An account that only receives still sends nothing.
    await names.save({ form: 'MailAccount', address: 'info@example.cn', imapHost: 'imap.example.cn' }, ctx);
    assert.equal((await client.request('GET', '/api/mail/sending')).body?.canSend, false);
    await names.save({ form: 'MailAccount', address: 'sales@example.cn', smtpHost: 'smtp.example.cn' }, ctx);
    assert.deepEqual((await client.request('GET', '/api/mail/sending')).body, { canSend: true });
    assert.equal((await new SessionClient(url).request('GET', '/api/mail/sending')).status, 401);
  }));
});
