import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { createLogger } from '../../server/log.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { Outbox } from '../../server/mail/outbox.js';
import { unsubscribeId } from '../../server/mail/unsubscribe.js';
import { Scheduler } from '../../server/scheduler/scheduler.js';
import { saveContext } from '../helpers/test-store.js';
import { withServer } from '../server/fixtures.js';
import { ADMIN_CTX, configureAccount, importerFor, mailServersForSuite, SALES } from './mail-world.js';

describe('mass mail', () => {
  const servers = mailServersForSuite();

  it('personalises each message, sends it once, and respects the unsubscribe link in it', () => withServer(async ({ store, url }) => {
    const { sink } = servers;
    const logger = createLogger('silent');
    const crm = store.database('crm');
    await store.database('names').save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', smtpHost: sink.host, smtpPort: sink.port, smtpTls: false }, ADMIN_CTX);
    await crm.save({ _id: 'template-news', form: 'MailTemplate', name: '新品', language: 'zh', subject: '{{客户}}：2027 新品目录', body: '{{联系人}}您好：\n附上新品目录。\n{{业务员}}' }, saveContext());
    await crm.save({ _id: 'contact-a', form: 'Contact', name: '张伟', customerId: 'customer-1', customerName: '阿克米', emails: ['zhang@acme.de'] }, saveContext());
    await crm.save({ _id: 'contact-b', form: 'Contact', name: '无邮箱', customerId: 'customer-1', customerName: '阿克米' }, saveContext());
    await crm.save({ _id: 'contact-c', form: 'Contact', name: 'Mary Smith', customerId: 'customer-2', customerName: 'Smith Ltd', emails: ['Mary@Smith.co.uk'] }, saveContext());
    await crm.save({ _id: 'mailing-1', form: 'MassMailing', name: '2027 新品', list: 'news', templateId: 'template-news', contactIds: ['contact-a', 'contact-b', 'contact-c'], status: 'queued' }, saveContext());

    const outboxes: Outbox[] = [];
    const ticker = (serverId: string) => {
      const outbox = new Outbox({ store, book: new AddressBook(crm.pouch), serverId, logger, accounts: async () => (await loadMailSettings(store)).accounts });
      outboxes.push(outbox);
      return new Scheduler({ store, serverId, logger, outbox, publicUrl: url });
    };
    try {
      const at = new Date('2026-03-02T09:00:00.000Z');
      await Promise.all([ticker('server-a').tick(at), ticker('server-b').tick(at)]);
      await ticker('server-a').tick(at);
      assert.deepEqual(sink.received.map((m) => m.to[0]).sort(), ['mary@smith.co.uk', 'zhang@acme.de'], 'once each; a contact without an address is skipped');
      const mailing = await crm.get('mailing-1');
      assert.deepEqual([mailing.status, mailing.queuedCount, mailing.skippedCount], ['expanded', 2, 1]);
      const toZhang = await simpleParser(sink.received.find((m) => m.to[0] === 'zhang@acme.de')!.raw);
      assert.equal(toZhang.subject, '阿克米：2027 新品目录');
      assert.match(String(toZhang.text), /^张伟您好：\n附上新品目录。\nLi Lei/);
      const link = /Unsubscribe: (\S+)/.exec(String(toZhang.text))![1]!;
      assert.ok(link.startsWith(`${url}/unsubscribe?`));

      const forged = new URL(link);
      forged.searchParams.set('address', 'mary@smith.co.uk');
      const refused = await fetch(forged);
      assert.equal(refused.status, 400, 'a link is good for its own address only');
      assert.match(await refused.text(), /退订链接无效/);
      const followed = await fetch(link);
      assert.equal(followed.status, 200);
      assert.match(await followed.text(), /要退订此类邮件吗？[\s\S]*<form method="post"><button type="submit">确认退订/, 'following the link (as a mail scanner does) only asks');
      assert.equal((await crm.get(unsubscribeId('news', 'zhang@acme.de')).catch(() => null)), null, 'nobody is unsubscribed by following it');
      const confirmed = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
      assert.equal(confirmed.status, 200);
      assert.match(await confirmed.text(), /您已退订/);
      assert.equal((await fetch(link, { method: 'POST' })).status, 200, 'confirming twice is harmless');

      await crm.save({ _id: 'mailing-2', form: 'MassMailing', name: '展会邀请', list: 'news', templateId: 'template-news', contactIds: ['contact-a', 'contact-c'], status: 'queued' }, saveContext());
      await ticker('server-b').tick(new Date('2026-03-03T09:00:00.000Z'));
      assert.deepEqual(sink.received.slice(2).map((m) => m.to[0]), ['mary@smith.co.uk'], 'the unsubscribed address gets no more of this list');
      assert.equal((await crm.get('mailing-2')).skippedCount, 1);
    } finally {
      await Promise.all(outboxes.map((o) => o.close()));
      sink.received.length = 0;
    }
  }));

  it('mass mail wanted contact ids typed by hand: a customer group picked reaches every contact of its customers with an address, once', () => withServer(async ({ store, url }) => {
    const { sink } = servers;
    const logger = createLogger('silent');
    const crm = store.database('crm');
    await store.database('names').save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', smtpHost: sink.host, smtpPort: sink.port, smtpTls: false }, ADMIN_CTX);
    await crm.saveMany([
      { _id: 'template-fair', form: 'MailTemplate', name: '展会', language: 'zh', subject: '{{客户}}：广交会邀请', body: '{{联系人}}您好：\n欢迎来展位。' },
      { _id: 'customer-1', form: 'Customer', name: '阿克米', category: 'existing', groups: ['广交会客户'] },
      { _id: 'customer-2', form: 'Customer', name: 'Smith Ltd', category: 'existing', groups: ['广交会客户', '英国'] },
      { _id: 'customer-3', form: 'Customer', name: '不在组里', category: 'existing', groups: ['英国'] },
      { _id: 'contact-a', form: 'Contact', name: '张伟', customerId: 'customer-1', customerName: '阿克米', emails: ['zhang@acme.de'] },
      { _id: 'contact-b', form: 'Contact', name: '无邮箱', customerId: 'customer-1', customerName: '阿克米' },
      { _id: 'contact-c', form: 'Contact', name: 'Mary Smith', customerId: 'customer-2', customerName: 'Smith Ltd', emails: ['Mary@Smith.co.uk'] },
      { _id: 'contact-d', form: 'Contact', name: 'Out Side', customerId: 'customer-3', customerName: '不在组里', emails: ['out@side.example'] },
    ], saveContext());
    await crm.save({ _id: 'mailing-g', form: 'MassMailing', name: '广交会', list: 'fairs', templateId: 'template-fair', groups: ['广交会客户'], contactIds: ['contact-c'], status: 'queued' }, saveContext());
    const outbox = new Outbox({ store, book: new AddressBook(crm.pouch), serverId: 'server-a', logger, accounts: async () => (await loadMailSettings(store)).accounts });
    try {
      const scheduler = new Scheduler({ store, serverId: 'server-a', logger, outbox, publicUrl: url });
      await scheduler.tick(new Date('2026-03-02T09:00:00.000Z'));
      await scheduler.tick(new Date('2026-03-02T09:00:00.000Z'));
      assert.deepEqual(sink.received.map((m) => m.to[0]).sort(), ['mary@smith.co.uk', 'zhang@acme.de']);
      const mailing = await crm.get('mailing-g');
      assert.deepEqual([mailing.status, mailing.queuedCount, mailing.skippedCount], ['expanded', 2, 1], 'the contact without an address is skipped; Mary, chosen twice, counts once');
    } finally {
      await outbox.close();
      sink.received.length = 0;
    }
  }));

  // The test imports the account itself (with the server's mail gateway on, the server sometimes
  // filed the unsubscribe mail first, and this import found it a duplicate).
  it('carries List-Unsubscribe (mailto: and the link) with one-click POST, and both ways unsubscribe without signing in', () => withServer(async ({ store, url }) => {
    const { sink, dovecot } = servers;
    const logger = createLogger('silent');
    const crm = store.database('crm');
    // The sending account is also imported from: unsubscribing by mail reaches the gateway.
    const account = await configureAccount(store, dovecot, { smtpHost: sink.host, smtpPort: sink.port, smtpTls: false });
    await crm.save({ _id: 'template-fair', form: 'MailTemplate', name: 'Fair', language: 'en', subject: 'Canton Fair 2027', body: 'Dear {{contactName}}, visit us at booth 12.1.' }, saveContext());
    await crm.save({ _id: 'contact-a', form: 'Contact', name: 'Anna Weber', customerId: 'customer-1', customerName: 'Weber GmbH', emails: ['anna@weber.de'] }, saveContext());
    await crm.save({ _id: 'contact-b', form: 'Contact', name: '陈静', customerId: 'customer-2', customerName: '香港永新', emails: ['chen@yongxin.hk'] }, saveContext());
    await crm.save({ _id: 'mailing-1', form: 'MassMailing', name: '广交会', list: '展会 fairs', templateId: 'template-fair', contactIds: ['contact-a', 'contact-b'], status: 'queued' }, saveContext());
    const outbox = new Outbox({ store, book: new AddressBook(crm.pouch), serverId: 'server-a', logger, accounts: async () => (await loadMailSettings(store)).accounts });
    try {
      await new Scheduler({ store, serverId: 'server-a', logger, outbox, publicUrl: url }).tick(new Date('2026-03-02T09:00:00.000Z'));
      assert.equal(sink.received.length, 2);
      const header = (to: string, name: string) => {
        const raw = sink.received.find((m) => m.to[0] === to)!.raw;
        const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
        return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1];
      };
      assert.equal(header('anna@weber.de', 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
      const [mailto, link] = [...header('anna@weber.de', 'List-Unsubscribe')!.matchAll(/<([^>]+)>/g)].map((m) => m[1]!);
      assert.ok(mailto!.startsWith('mailto:sales@guanxi-trading.cn?subject=unsubscribe%20'), mailto);
      assert.ok(link!.startsWith(`${url}/unsubscribe?`), link);

      // One click in Anna's mail client: a POST to the link, no session, no cookie.
      const clicked = await fetch(link!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      assert.equal(clicked.status, 200);
      assert.match(await clicked.text(), /您已退订/);
      const forged = new URL(link!);
      forged.searchParams.set('address', 'chen@yongxin.hk');
      assert.equal((await fetch(forged, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status, 400, 'a link is good for its own address only');

      // 陈静's mail client sends the mailto: instead; the gateway imports it and unsubscribes her.
      const [chenMailto] = [...header('chen@yongxin.hk', 'List-Unsubscribe')!.matchAll(/<([^>]+)>/g)].map((m) => m[1]!);
      const subject = decodeURIComponent(new URL(chenMailto!).searchParams.get('subject')!);
      await dovecot.append(SALES, 'INBOX', [`From: =?UTF-8?B?${Buffer.from('陈静').toString('base64')}?= <chen@yongxin.hk>\r\nTo: sales@guanxi-trading.cn\r\nSubject: ${subject}\r\nMessage-ID: <unsub-1@yongxin.hk>\r\nDate: Mon, 02 Mar 2026 10:00:00 +0800\r\n\r\nunsubscribe\r\n`]);
      const importer = importerFor(store, account);
      assert.deepEqual(await importer.importOnce(), { imported: 1, duplicates: 0 });
      await importer.stop();

      await crm.save({ _id: 'mailing-2', form: 'MassMailing', name: '广交会 2', list: '展会 fairs', templateId: 'template-fair', contactIds: ['contact-a', 'contact-b'], status: 'queued' }, saveContext());
      await new Scheduler({ store, serverId: 'server-a', logger, outbox, publicUrl: url }).tick(new Date('2026-03-03T09:00:00.000Z'));
      assert.equal(sink.received.length, 2, 'neither gets the next mailing of the list');
      assert.equal((await crm.get('mailing-2')).skippedCount, 2);
    } finally {
      await outbox.close();
      sink.received.length = 0;
    }
  }, { env: { MAIL_GATEWAY: 'off' } }));
});
