import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { createLogger } from '../../server/log.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { Outbox } from '../../server/mail/outbox.js';
import { Scheduler } from '../../server/scheduler/scheduler.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { saveContext } from '../helpers/test-store.js';
import { withServer } from '../server/fixtures.js';
import { ADMIN_CTX } from './mail-world.js';

describe('mass mail', () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
  });
  after(() => sink.stop());

  it('personalises each message, sends it once, and respects the unsubscribe link in it', () => withServer(async ({ store, url }) => {
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
      assert.match(await followed.text(), /您已退订/);
      assert.equal((await fetch(link)).status, 200, 'following it twice is harmless');

      await crm.save({ _id: 'mailing-2', form: 'MassMailing', name: '展会邀请', list: 'news', templateId: 'template-news', contactIds: ['contact-a', 'contact-c'], status: 'queued' }, saveContext());
      await ticker('server-b').tick(new Date('2026-03-03T09:00:00.000Z'));
      assert.deepEqual(sink.received.slice(2).map((m) => m.to[0]), ['mary@smith.co.uk'], 'the unsubscribed address gets no more of this list');
      assert.equal((await crm.get('mailing-2')).skippedCount, 1);
    } finally {
      await Promise.all(outboxes.map((o) => o.close()));
      sink.received.length = 0;
    }
  }));
});
