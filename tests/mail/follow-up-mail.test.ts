import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { GuanxiError } from '../../engine/errors.js';
import { createLogger } from '../../server/log.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { followUpId, mailDocId } from '../../server/mail/mail-doc-id.js';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { Outbox } from '../../server/mail/outbox.js';
import { Scheduler } from '../../server/scheduler/scheduler.js';
import { startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { openTestStore, saveContext } from '../helpers/test-store.js';
import { configureAccount, importerFor, SALES } from './mail-world.js';

describe('follow-up mail to the customer (real Dovecot and SMTP server, fake clock)', () => {
  let dovecot: Dovecot;
  let sink: SmtpSink;
  before(async () => {
    [dovecot, sink] = await Promise.all([startDovecot([SALES]), startSmtpSink()]);
  });
  after(() => Promise.all([dovecot.stop(), sink.stop()]));

  it('goes out at the customer’s next 09:00 as last edited, threaded and marked automatic; one to another company is cancelled by any new mail from that company', async () => {
    const t = await openTestStore('embedded');
    const clock = fakeClock('2026-03-02T10:00:00.000Z');
    const store = t.store;
    const crm = store.database('crm');
    const account = await configureAccount(store, dovecot, { mailboxes: ['FollowUp'], smtpHost: sink.host, smtpPort: sink.port, smtpTls: false });
    const outbox = new Outbox({
      store, book: new AddressBook(crm.pouch), serverId: 'one', logger: createLogger('silent'),
      accounts: async () => (await loadMailSettings(store)).accounts, now: () => new Date(clock.now()),
    });
    const scheduler = new Scheduler({ store, serverId: 'one', logger: createLogger('silent'), outbox });
    const importer = importerFor(store, account, { now: () => new Date(clock.now()) });
    const li = saveContext('2026-03-02T10:00:00.000Z');
    try {
      await crm.save({ _id: 'customer-acme', form: 'Customer', name: 'ACME GmbH', category: 'existing', owner: ['Li Lei'], emailDomains: ['acme.de'], timeZone: 'Europe/Berlin' }, li);
      await crm.save({ _id: 'contact-hans', form: 'Contact', name: 'Hans Becker', customerId: 'customer-acme', customerName: 'ACME GmbH', emails: ['hans.becker@acme.de'], language: 'en' }, li);
      await crm.save({ _id: 'customer-nordic', form: 'Customer', name: 'Nordic Home AB', category: 'existing', owner: ['Li Lei'], emailDomains: ['nordichome.se'], timeZone: 'America/New_York' }, li);
      await crm.save({ _id: 'contact-karin', form: 'Contact', name: 'Karin Lund', customerId: 'customer-nordic', customerName: 'Nordic Home AB', emails: ['karin@nordichome.se'] }, li);
      // Li Lei answers two inquiries and asks for a follow-up mail on each, written now.
      const reply = (id: string, to: string, contactId: string, customerId: string, inquiry: string) => crm.save({
        _id: id, form: 'MailMessage', direction: 'out', status: 'queued', to: [to], subject: `Re: Inquiry ${inquiry}`, body: 'Please find our quotation attached.',
        inReplyTo: `${inquiry}@customer.example`, references: [`${inquiry}@customer.example`], customerId, contactId,
        followUpKind: 'mail', followUpBody: 'Did our quotation reach you?',
      }, li);
      await reply('out-acme', 'hans.becker@acme.de', 'contact-hans', 'customer-acme', 'flasks');
      await reply('out-nordic', 'karin@nordichome.se', 'contact-karin', 'customer-nordic', 'boxes');
      assert.deepEqual(await outbox.sendDue(), { sent: 2, retrying: 0, failed: 0, uncertain: 0 });
      const sentAcme = await crm.get('out-acme');
      const acmeWork = followUpId(mailDocId(String(sentAcme.messageId)));
      const nordicWork = followUpId(mailDocId(String((await crm.get('out-nordic')).messageId)));
      // 09:00 the next day where each customer is: Berlin (UTC+1), New York (UTC-5).
      assert.equal((await crm.get(acmeWork)).due, '2026-03-03T08:00:00.000Z');
      assert.equal((await crm.get(nordicWork)).due, '2026-03-03T14:00:00.000Z');
      const listed = (await crm.view('follow-ups')).rows.flatMap((row) => (row.kind === 'document' ? [row.id] : []));
      assert.deepEqual(listed.sort(), [acmeWork, nordicWork].sort(), 'both wait in the follow-up list');

      // Editable until sent: Li Lei rewrites the ACME one the same evening.
      await crm.save({ ...await crm.get(acmeWork), body: 'Dear {{contactName}}, did our quotation for the flasks reach you?' }, saveContext('2026-03-02T12:00:00.000Z'));
      // Someone else at Nordic Home writes about something else: no In-Reply-To, not the contact.
      await dovecot.append(SALES, 'FollowUp', ['From: Lars Berg <lars@nordichome.se>\r\nTo: sales@guanxi-trading.cn\r\nSubject: Catalogue 2026\r\nMessage-ID: <lars-1@nordichome.se>\r\n\r\nCould you send us your new catalogue?\r\n']);
      clock.advance(3 * 3_600_000);
      await importer.importOnce();
      assert.equal((await crm.get(nordicWork)).status, 'cancelled');

      sink.received.length = 0;
      await scheduler.tick(new Date('2026-03-03T07:59:00.000Z'));
      assert.equal(sink.received.length, 0, 'nothing before its time');
      clock.advance(22 * 3_600_000);
      await scheduler.tick(new Date(clock.now()));
      await scheduler.tick(new Date('2026-03-03T16:00:00.000Z'));
      assert.deepEqual(sink.received.map((m) => m.to), [['hans.becker@acme.de']], 'the ACME follow-up, once; none to Nordic Home');
      const mail = await simpleParser(sink.received[0]!.raw);
      assert.equal(mail.text?.trim(), 'Dear Hans Becker, did our quotation for the flasks reach you?');
      assert.equal(mail.subject, 'Re: Inquiry flasks');
      assert.equal(mail.inReplyTo, `<${String(sentAcme.messageId)}>`);
      assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
      const done = await crm.get(acmeWork);
      assert.equal(done.status, 'done');
      await assert.rejects(crm.save({ ...done, body: 'too late' }, saveContext('2026-03-03T10:00:00.000Z')), (error: unknown) => error instanceof GuanxiError);
    } finally {
      await outbox.close();
      await t.cleanup();
    }
  });
});
