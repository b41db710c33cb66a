import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { EmbeddedStore } from '../../server/store/embedded-store.js';
import { guanxi, inTempDir } from '../server/fixtures.js';

describe('guanxi mail', () => {
  it('adds an account and keeps its password on the server only', () => inTempDir('mail-cli', async (dir) => {
    const added = await guanxi(['mail', 'account', 'Sales@Example.com', '--name', '销售部', '--imap', 'imap.example.com', '--smtp', 'smtp.example.com:587', '--no-smtp-tls', '--mailboxes', 'INBOX,询价', '--default-owner', 'Li Lei'], {}, dir);
    assert.equal(added.code, 0, added.stderr);
    const bad = await guanxi(['mail', 'account', 'x@example.com', '--smtp', 'smtp.example.com:99999'], {}, dir);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /--smtp must be host or host:port/);
    const unknown = await guanxi(['mail', 'password', 'nobody@example.com', '--password-stdin'], {}, dir, 'pw\n');
    assert.match(unknown.stderr, /No mail account nobody@example\.com/);
    const set = await guanxi(['mail', 'password', 'sales@example.com', '--smtp', '--password-stdin'], {}, dir, 'smtp-secret-密码\n');
    assert.equal(set.code, 0, set.stderr);

    const store = await EmbeddedStore.open(join(dir, 'data'));
    try {
      const { accounts } = await loadMailSettings(store);
      assert.equal(accounts.length, 1);
      const [account] = accounts;
      assert.equal(account!.address, 'sales@example.com');
      assert.equal(account!.displayName, '销售部');
      assert.deepEqual(account!.mailboxes, ['INBOX', '询价']);
      assert.deepEqual(account!.imap, { host: 'imap.example.com', port: 993, tls: true, user: 'sales@example.com' });
      assert.deepEqual(account!.smtp, { host: 'smtp.example.com', port: 587, tls: false, user: 'sales@example.com', password: 'smtp-secret-密码' });
      const { rows } = await store.database('names').pouch.allDocs({ include_docs: true });
      assert.doesNotMatch(JSON.stringify(rows), /smtp-secret/, 'no replicated document holds the password');
    } finally {
      await store.close();
    }
  }));
});
