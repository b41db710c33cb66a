import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { SERVER_USER } from '../../design/user.js';
import { createLogger } from '../../server/log.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { Outbox } from '../../server/mail/outbox.js';
import { startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtp-sink.js';
import { openTestStore } from '../helpers/test-store.js';
import { ADMIN_CTX, configureAccount, importerFor, SALES } from './mail-world.js';

const DAY = 86_400_000;

function letter(from: string, id: string, subject: string, body: string, headers = ''): string {
  return `From: ${from}\r\nTo: sales@guanxi-trading.cn\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\nDate: Mon, 02 Mar 2026 08:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n${headers}\r\n${body}\r\n`;
}

describe('auto-replies by RFC 3834 (real Dovecot and SMTP server)', () => {
  let dovecot: Dovecot;
  let sink: SmtpSink;
  /** What answers mail that reaches the SMTP server: the customer's side of the conversation. */
  let answer: (mail: ReceivedMail) => Promise<void> = () => Promise.resolve();
  before(async () => {
    [dovecot, sink] = await Promise.all([startDovecot([SALES]), startSmtpSink({ onMessage: (mail) => answer(mail) })]);
  });
  after(() => Promise.all([dovecot.stop(), sink.stop()]));

  async function withGateway(mailbox: string, work: (gateway: { round: () => Promise<void>; advance: (ms: number) => void; store: import('../../server/store/store.js').Store }) => Promise<void>) {
    const t = await openTestStore('embedded');
    const clock = fakeClock('2026-03-02T09:00:00.000Z');
    const store = t.store;
    const account = await configureAccount(store, dovecot, { mailboxes: [mailbox], smtpHost: sink.host, smtpPort: sink.port, smtpTls: false });
    const importer = importerFor(store, account, { now: () => new Date(clock.now()) });
    const outbox = new Outbox({
      store, book: new AddressBook(store.database('crm').pouch), serverId: 'one', logger: createLogger('silent'),
      accounts: async () => (await loadMailSettings(store)).accounts, now: () => new Date(clock.now()),
    });
    const crm = store.database('crm');
    const ctx = { now: '2026-03-01T08:00:00.000Z', user: SERVER_USER };
    await crm.save({ _id: 'template-ack', form: 'MailTemplate', name: '询价确认', language: 'zh', subject: '已收到您的询价', body: '{{联系人}}您好，我们已收到您的询价，{{业务员}}会尽快回复。' }, ctx);
    await crm.save({ _id: 'template-ack-en', form: 'MailTemplate', name: '询价确认', language: 'en', subject: 'Your inquiry', body: 'Dear {{contactName}}, thank you for your inquiry. {{salesperson}} will answer shortly.' }, ctx);
    await store.database('names').save({ form: 'MailRule', name: '询价', order: 1, subjectWords: ['inquiry', '询价'], assignTo: ['Li Lei'], autoReplyTemplate: 'template-ack' }, ADMIN_CTX);
    await crm.save({ _id: 'customer-acme', form: 'Customer', name: 'ACME GmbH', category: 'existing', owner: ['Li Lei'], emailDomains: ['acme.de'] }, ctx);
    await crm.save({ _id: 'contact-hans', form: 'Contact', name: 'Hans Becker', customerId: 'customer-acme', customerName: 'ACME GmbH', emails: ['hans.becker@acme.de'], language: 'en' }, ctx);
    sink.received.length = 0;
    try {
      await work({
        store,
        advance: (ms) => clock.advance(ms),
        // One scheduler tick: import what arrived, send what is queued.
        round: async () => {
          clock.advance(30_000);
          await importer.importOnce();
          await outbox.sendDue();
        },
      });
    } finally {
      answer = () => Promise.resolve();
      await outbox.close();
      await t.cleanup();
    }
  }

  it('answers an out-of-office responder that does not mark its answers once per sender per period, not once per tick', () => withGateway('Loop', async ({ round, advance }) => {
    let n = 0;
    // Hans's responder answers every mail, automatic or not, and marks nothing.
    answer = async (mail) => {
      if (!mail.to.includes('hans.becker@acme.de')) return;
      const subject = (await simpleParser(mail.raw)).subject ?? '';
      await dovecot.append(SALES, 'Loop', [letter('Hans Becker <hans.becker@acme.de>', `ooo-${++n}@acme.de`, `Inquiry reply: Abwesend: ${subject}`, 'I am out of the office until 20 March.')]);
    };
    await dovecot.append(SALES, 'Loop', [letter('Hans Becker <hans.becker@acme.de>', 'inquiry-1@acme.de', 'Inquiry: 5000 vacuum flasks, FOB Ningbo', 'Please quote 5000 pcs, 500 ml, FOB Ningbo.')]);
    for (let tick = 0; tick < 10; tick++) await round();
    const toHans = () => sink.received.filter((m) => m.to.includes('hans.becker@acme.de'));
    assert.equal(toHans().length, 1, 'one auto-reply in ten ticks, though the responder answered it');
    assert.equal(n, 1);
    const reply = await simpleParser(toHans()[0]!.raw);
    assert.equal(reply.headers.get('auto-submitted'), 'auto-replied');
    assert.equal(reply.subject, 'Re: Inquiry: 5000 vacuum flasks, FOB Ningbo');
    assert.equal(reply.inReplyTo, '<inquiry-1@acme.de>');
    assert.equal(reply.text?.trim(), 'Dear Hans Becker, thank you for your inquiry. Li Lei will answer shortly.', 'the contact is written to in English');

    // Four days later the period is over: a new inquiry is answered again, once.
    advance(4 * DAY);
    await dovecot.append(SALES, 'Loop', [letter('Hans Becker <hans.becker@acme.de>', 'inquiry-2@acme.de', 'Inquiry: 2000 lunch boxes', 'Please quote.')]);
    for (let tick = 0; tick < 5; tick++) await round();
    assert.equal(toHans().length, 2);
    assert.equal(n, 2);
    for (const mail of toHans()) assert.match(mail.raw, /^Auto-Submitted: auto-replied\r$/m);
  }));

  it('writes to an unknown sender in the language of their inquiry, and never answers automatic, bulk, list, no-reply or bounce mail', () => withGateway('Kinds', async ({ round }) => {
    await dovecot.append(SALES, 'Kinds', [
      letter('张经理 <zhang@buyer.cn>', 'zh-1@buyer.cn', '询价：不锈钢保温杯', '请报FOB宁波价，数量5000只。'),
      letter('Tom <tom@shop.example>', 'en-1@shop.example', 'Inquiry about LED lamps 灯', 'Please send your price list.'),
      letter('Vacation <tom2@shop.example>', 'a-1@shop.example', 'Inquiry: auto', 'away', 'Auto-Submitted: auto-replied\r\n'),
      letter('News <news@shop.example>', 'a-2@shop.example', 'Inquiry news', 'bulk', 'Precedence: bulk\r\n'),
      letter('List <list@shop.example>', 'a-3@shop.example', 'Inquiry list', 'list', 'List-Unsubscribe: <mailto:unsub@shop.example>\r\n'),
      letter('Shop <no-reply@shop.example>', 'a-4@shop.example', 'Inquiry received', 'thanks'),
      letter('Mail Delivery System <mailer-daemon@shop.example>', 'a-5@shop.example', 'Undelivered inquiry', 'bounce'),
      letter('Someone <someone@shop.example>', 'a-6@shop.example', 'Inquiry bounce', 'bounce', 'Return-Path: <>\r\n'),
    ]);
    await round();
    await round();
    const bySubject = new Map(await Promise.all(sink.received.map(async (m) => {
      const parsed = await simpleParser(m.raw);
      return [m.to.join(','), parsed] as const;
    })));
    assert.deepEqual([...bySubject.keys()].sort(), ['tom@shop.example', 'zhang@buyer.cn']);
    assert.equal(bySubject.get('zhang@buyer.cn')!.subject, 'Re: 询价：不锈钢保温杯');
    assert.match(bySubject.get('zhang@buyer.cn')!.text ?? '', /我们已收到您的询价/);
    assert.match(bySubject.get('tom@shop.example')!.text ?? '', /^Dear Tom, thank you/);
  }));
});
