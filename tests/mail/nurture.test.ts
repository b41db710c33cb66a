import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../server/log.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { Outbox } from '../../server/mail/outbox.js';
import { Scheduler } from '../../server/scheduler/scheduler.js';
import { openTestStore, saveContext } from '../helpers/test-store.js';
import { configureAccount, importerFor, mailServersForSuite, SALES, sample } from './mail-world.js';

describe('nurture sequences', () => {
  const servers = mailServersForSuite();

  it('sends each step once when due, and stops when the contact replies', async () => {
    const t = await openTestStore('embedded');
    const logger = createLogger('silent');
    const outboxes: Outbox[] = [];
    try {
      const { store } = t;
      const crm = store.database('crm');
      const account = await configureAccount(store, servers.dovecot, { mailboxes: ['Nurture'], smtpHost: servers.sink.host, smtpPort: servers.sink.port, smtpTls: false });
      for (const n of [1, 2, 3]) await crm.save({ _id: `template-${n}`, form: 'MailTemplate', name: `第${n}封`, language: 'zh', subject: `第${n}封：{{客户}}`, body: '{{联系人}}您好' }, saveContext());
      await crm.save({ _id: 'contact-zhangwei', form: 'Contact', name: '张伟', customerId: 'customer-acme', customerName: '阿克米', emails: ['zhang.wei@acme.de'] }, saveContext());
      await crm.save({ _id: 'contact-mary', form: 'Contact', name: 'Mary', customerId: 'customer-smith', customerName: 'Smith', emails: ['mary@smith.co.uk'] }, saveContext());
      const steps = [{ days: 0, templateId: 'template-1' }, { days: 3, templateId: 'template-2' }, { days: 7, templateId: 'template-3' }];
      await crm.save({ _id: 'nurture-contact-zhangwei', form: 'Nurture', contactId: 'contact-zhangwei', contactName: '张伟', steps }, saveContext());
      await crm.save({ _id: 'nurture-contact-mary', form: 'Nurture', contactId: 'contact-mary', steps: [{ days: 0, templateId: 'template-1' }] }, saveContext());
      await assert.rejects(crm.save({ _id: 'nurture-other', form: 'Nurture', contactId: 'contact-mary', steps }, saveContext()), /nurture-<contact id>/);

      const ticker = (serverId: string) => {
        const outbox = new Outbox({ store, book: new AddressBook(crm.pouch), serverId, logger, accounts: async () => (await loadMailSettings(store)).accounts });
        outboxes.push(outbox);
        return new Scheduler({ store, serverId, logger, outbox });
      };
      const day = (n: number) => new Date(Date.parse('2026-03-02T09:00:00.000Z') + n * 86_400_000);
      const sentTo = () => servers.sink.received.map((m) => `${m.to[0]} ${/Subject: (.*)/.exec(m.raw)![1]}`);
      await Promise.all([ticker('server-a').tick(day(0)), ticker('server-b').tick(day(0))]);
      await ticker('server-a').tick(day(0.1));
      assert.equal(servers.sink.received.length, 2, 'the first step once for each contact');
      assert.equal((await crm.get('nurture-contact-mary')).status, 'done');
      await ticker('server-a').tick(day(1));
      assert.equal(servers.sink.received.length, 2, 'nothing before the second step is due');
      await ticker('server-b').tick(day(3.1));
      await ticker('server-a').tick(day(3.2));
      assert.equal(servers.sink.received.length, 3);
      assert.ok(sentTo()[2]!.startsWith('zhang.wei@acme.de'));

      await servers.dovecot.append(SALES, 'Nurture', [await sample('reply.eml')]);
      await importerFor(store, account).importOnce();
      const stopped = await crm.get('nurture-contact-zhangwei');
      assert.equal(stopped.status, 'stopped');
      assert.match(String(stopped.stoppedBy), /^mail-/);
      await ticker('server-a').tick(day(8));
      assert.equal(servers.sink.received.length, 3, 'no step after the reply');
      for (const mail of servers.sink.received) assert.match(mail.raw, /^Auto-Submitted: auto-generated\r$/m, 'a step is marked automatic');
    } finally {
      await Promise.all(outboxes.map((o) => o.close()));
      await t.cleanup();
    }
  });
});
