import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createLogger } from '../../server/log.js';
import { setMailSecret } from '../../server/mail/mail-secrets.js';
import { startServer } from '../../server/main.js';
import { EmbeddedStore } from '../../server/store/embedded-store.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { saveContext } from '../helpers/test-store.js';
import { tempDir, testConfig } from '../server/fixtures.js';
import { ADMIN_CTX, mailServersForSuite, messagesByMessageId, SALES, sample } from './mail-world.js';

describe('the server runs the mail gateway when an account is configured', () => {
  const servers = mailServersForSuite();

  it('imports and sends on its own, and stops with the server', async () => {
    const { dir, cleanup } = await tempDir('mail-server');
    try {
      const dataDir = join(dir, 'data');
      const setup = await EmbeddedStore.open(dataDir);
      await setup.database('names').save({
        _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn',
        imapHost: servers.dovecot.host, imapPort: servers.dovecot.port, imapTls: false, imapUser: SALES.user, mailboxes: ['Server'],
        smtpHost: servers.sink.host, smtpPort: servers.sink.port, smtpTls: false,
      }, ADMIN_CTX);
      await setMailSecret(setup, 'mailaccount-sales', { imapPassword: SALES.password });
      await setup.close();
      await servers.dovecot.append(SALES, 'Server', [await sample('gbk.eml')]);

      const running = await startServer(testConfig(dataDir, { SCHEDULER_CRON: '* * * * * *' }), { logger: createLogger('silent') });
      try {
        assert.deepEqual([running.mail?.importing, running.mail?.sending], [['sales@guanxi-trading.cn'], true]);
        await expectEventually(async () => (await messagesByMessageId(running.store)).get('gbk-1@buyer.cn')?.subject === '询价：不锈钢保温杯 5000 只，请报FOB宁波价', { timeoutMs: 10_000 });
        await running.store.database('crm').save({ _id: 'out-1', form: 'MailMessage', direction: 'out', status: 'queued', to: ['wang@buyer.cn'], subject: 'Re: 询价', body: '王经理您好' }, saveContext());
        await expectEventually(() => servers.sink.received.some((m) => m.to[0] === 'wang@buyer.cn'), { timeoutMs: 10_000 });
        await expectEventually(async () => (await running.store.database('crm').get('out-1')).status === 'sent');
      } finally {
        await running.close();
      }
    } finally {
      await cleanup();
    }
  });

  it('takes up an account added, its password set and the account disabled while it runs', async () => {
    const { dir, cleanup } = await tempDir('mail-reload');
    try {
      await servers.dovecot.append(SALES, 'Later', [await sample('big5.eml')]);
      const running = await startServer(testConfig(join(dir, 'data'), { SCHEDULER_CRON: '* * * * * *', MAIL_POLL_SECONDS: '1' }), { logger: createLogger('silent') });
      try {
        assert.deepEqual([running.mail?.importing, running.mail?.sending], [[], false]);
        const names = running.store.database('names');
        // As the administrator's workstation writes it (设置\邮件账户): the password comes later.
        const account = await names.save({
          _id: 'mailaccount-later', form: 'MailAccount', address: 'sales@guanxi-trading.cn',
          imapHost: servers.dovecot.host, imapPort: servers.dovecot.port, imapTls: false, imapUser: SALES.user, mailboxes: ['Later'],
          smtpHost: servers.sink.host, smtpPort: servers.sink.port, smtpTls: false,
        }, ADMIN_CTX);
        await expectEventually(() => running.mail?.sending === true && running.mail.importing[0] === 'sales@guanxi-trading.cn', { timeoutMs: 10_000 });
        assert.equal((await messagesByMessageId(running.store)).has('big5-1@tw-buyer.com.tw'), false, 'nothing is imported without the password');

        await setMailSecret(running.store, 'mailaccount-later', { imapPassword: SALES.password });
        await expectEventually(async () => (await messagesByMessageId(running.store)).has('big5-1@tw-buyer.com.tw'), { timeoutMs: 15_000 });
        await running.store.database('crm').save({ _id: 'out-later', form: 'MailMessage', direction: 'out', status: 'queued', to: ['chen@tw-buyer.com.tw'], subject: '報價', body: '陳先生您好' }, saveContext());
        await expectEventually(async () => (await running.store.database('crm').get('out-later')).status === 'sent', { timeoutMs: 10_000 });

        await names.save({ ...account, enabled: false }, ADMIN_CTX);
        await expectEventually(() => running.mail?.sending === false && running.mail.importing.length === 0, { timeoutMs: 10_000 });
        await running.store.database('crm').save({ _id: 'out-held', form: 'MailMessage', direction: 'out', status: 'queued', to: ['chen@tw-buyer.com.tw'], subject: '樣品', body: '樣品已寄出' }, saveContext());
        await new Promise((resolve) => setTimeout(resolve, 2500));
        assert.equal((await running.store.database('crm').get('out-held')).status, 'queued', 'with no account that can send, mail waits in the outbox');
      } finally {
        await running.close();
      }
    } finally {
      await cleanup();
    }
  });

  it('is off when no account is configured, or when MAIL_GATEWAY=off', async () => {
    const { dir, cleanup } = await tempDir('mail-off');
    try {
      const idle = await startServer(testConfig(join(dir, 'a')), { logger: createLogger('silent') });
      assert.deepEqual([idle.mail?.importing, idle.mail?.sending], [[], false], 'the scheduler runs; nothing to import or send');
      await idle.close();
      const off = await startServer(testConfig(join(dir, 'b'), { MAIL_GATEWAY: 'off' }), { logger: createLogger('silent') });
      assert.equal(off.mail, undefined);
      await off.close();
    } finally {
      await cleanup();
    }
  });
});
