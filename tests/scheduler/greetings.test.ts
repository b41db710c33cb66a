import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { SERVER_USER } from '../../design/user.js';
import { createLogger } from '../../server/log.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { Outbox } from '../../server/mail/outbox.js';
import { unsubscribeId } from '../../server/mail/unsubscribe.js';
import { holidayDate } from '../../server/scheduler/holiday-date.js';
import { Scheduler } from '../../server/scheduler/scheduler.js';
import type { Store } from '../../server/store/store.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';
import { ADMIN_CTX } from '../mail/mail-world.js';

const logger = createLogger('silent');
const SERVER = { now: '2026-01-01T00:00:00.000Z', user: SERVER_USER };

describe('greetings mailed by the server (real SMTP server, fake clock)', () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
  });
  after(() => sink.stop());

  /** A server of the company: its scheduler ticking at the given instants, its outbox sending to the SMTP server. */
  async function withServer(t: TestStore, work: (tick: (at: string) => Promise<void>, store: Store) => Promise<void>) {
    let now = new Date(0);
    const store = t.store;
    const outbox = new Outbox({ store, book: new AddressBook(store.database('crm').pouch), serverId: 'one', logger, accounts: async () => (await loadMailSettings(store)).accounts, now: () => now });
    const scheduler = new Scheduler({ store, serverId: 'one', logger, outbox });
    try {
      await work(async (at) => {
        now = new Date(at);
        await scheduler.tick(now);
      }, store);
    } finally {
      await outbox.close();
    }
  }

  async function company(store: Store) {
    await store.database('names').save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', displayName: '关系贸易', smtpHost: sink.host, smtpPort: sink.port, smtpTls: false }, ADMIN_CTX);
    const crm = store.database('crm');
    const ctx = saveContext('2026-01-01T00:00:00.000Z');
    await crm.save({ _id: 'customer-acme', form: 'Customer', name: 'ACME GmbH', category: 'existing', owner: ['Li Lei'], groups: ['老客户'], timeZone: 'Europe/Berlin' }, ctx);
    await crm.save({ _id: 'customer-nb', form: 'Customer', name: '宁波买家贸易', category: 'existing', owner: ['Li Lei'], groups: ['老客户'] }, ctx);
    await crm.save({ _id: 'customer-nordic', form: 'Customer', name: 'Nordic Home AB', category: 'existing', owner: ['Li Lei'], timeZone: 'Europe/Berlin' }, ctx);
    await crm.save({ _id: 'contact-hans', form: 'Contact', name: 'Hans Becker', customerId: 'customer-acme', customerName: 'ACME GmbH', emails: ['hans.becker@acme.de'], language: 'en' }, ctx);
    await crm.save({ _id: 'contact-tom', form: 'Contact', name: 'Tom Krause', customerId: 'customer-acme', customerName: 'ACME GmbH', emails: ['tom@acme.de'], language: 'en' }, ctx);
    await crm.save({ _id: 'contact-wang', form: 'Contact', name: '王经理', customerId: 'customer-nb', customerName: '宁波买家贸易', emails: ['wang@buyer.cn'] }, ctx);
    await crm.save({ _id: 'contact-karin', form: 'Contact', name: 'Karin Lund', customerId: 'customer-nordic', customerName: 'Nordic Home AB', emails: ['karin@nordichome.se'] }, ctx);
    await crm.save({ _id: 'template-spring', form: 'MailTemplate', name: '春节问候', language: 'zh', subject: '新春快乐', body: '{{联系人}}：值此新春佳节，{{业务员}}及全体同事恭祝您新年快乐！' }, ctx);
    await crm.save({ _id: 'template-spring-en', form: 'MailTemplate', name: '春节问候', language: 'en', subject: 'Happy Chinese New Year', body: 'Dear {{contactName}}, {{salesperson}} and all of us wish you a happy Spring Festival!' }, ctx);
    await crm.saveMany([{ _id: unsubscribeId('greetings', 'tom@acme.de'), form: 'Unsubscribe', address: 'tom@acme.de', list: 'greetings' }], SERVER);
  }

  async function received(): Promise<string[]> {
    return Promise.all(sink.received.map(async (m) => {
      const mail = await simpleParser(m.raw);
      assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
      return `${m.to.join(',')} ${mail.subject}`;
    }));
  }

  it('knows the Gregorian dates of the lunar holidays, year by year', () => {
    assert.equal(holidayDate('springFestival', 2026), '2026-02-17');
    assert.equal(holidayDate('springFestival', 2027), '2027-02-06');
    assert.equal(holidayDate('midAutumn', 2026), '2026-09-25');
    assert.equal(holidayDate('dragonBoat', 2027), '2027-06-09');
    assert.equal(holidayDate('christmas', 2026), '2026-12-25');
    assert.equal(holidayDate('custom', 2026, '06-18'), '2026-06-18');
  });

  it('greets a group at Spring Festival on its lunar date for two years, at 09:00 where each contact is, in their language, not those who unsubscribed', async () => {
    const t = await openTestStore('embedded');
    sink.received.length = 0;
    try {
      await company(t.store);
      await t.store.database('crm').save({ _id: 'greeting-spring', form: 'Greeting', name: '春节问候', occasion: 'springFestival', templateId: 'template-spring', hour: 9, group: '老客户' }, saveContext());
      await withServer(t, async (tick) => {
        await tick('2026-02-16T23:00:00.000Z'); // 07:00 in Ningbo on the 17th: too early
        assert.deepEqual(await received(), []);
        await tick('2026-02-17T01:00:00.000Z'); // 09:00 in Ningbo, 02:00 in Berlin
        assert.deepEqual(await received(), ['wang@buyer.cn 新春快乐']);
        await tick('2026-02-17T08:00:00.000Z'); // 09:00 in Berlin
        await tick('2026-02-17T20:00:00.000Z');
        assert.deepEqual(await received(), ['wang@buyer.cn 新春快乐', 'hans.becker@acme.de Happy Chinese New Year']);
        assert.match(sink.received[1]!.raw, /Dear Hans Becker, Li Lei and all of us wish you/);
        // 2027: the festival falls on 6 February; nothing on 17 February.
        sink.received.length = 0;
        await tick('2027-02-06T08:30:00.000Z');
        await tick('2027-02-17T08:30:00.000Z');
        assert.deepEqual((await received()).sort(), ['hans.becker@acme.de Happy Chinese New Year', 'wang@buyer.cn 新春快乐']);
      });
    } finally {
      await t.cleanup();
    }
  });

  it('greets a contact entered on their birthday once that day, not again after a restart, and tells the salesperson', async () => {
    const t = await openTestStore('embedded');
    sink.received.length = 0;
    try {
      await company(t.store);
      const crm = t.store.database('crm');
      await crm.save({ _id: 'template-birthday', form: 'MailTemplate', name: '生日问候', language: 'en', subject: 'Happy birthday', body: 'Dear {{contactName}}, happy birthday!' }, saveContext());
      await crm.save({ _id: 'greeting-birthday', form: 'Greeting', name: '生日问候', occasion: 'birthday', templateId: 'template-birthday', hour: 9 }, saveContext());
      await withServer(t, async (tick) => {
        await tick('2026-03-02T10:00:00.000Z'); // 11:00 in Berlin: the day's first tick, before the contact exists
        await crm.save({ _id: 'contact-greta', form: 'Contact', name: 'Greta Vogel', customerId: 'customer-nordic', customerName: 'Nordic Home AB', emails: ['greta@nordichome.se'], language: 'en', birthday: '1985-03-02' }, saveContext('2026-03-02T10:05:00.000Z'));
        await tick('2026-03-02T10:10:00.000Z');
        assert.deepEqual(await received(), [], 'contacts are looked at once a quarter of an hour');
        await tick('2026-03-02T10:15:00.000Z');
        assert.deepEqual(await received(), ['greta@nordichome.se Happy birthday']);
      });
      const notice = await crm.find('care-contact-greta-2026');
      assert.equal(notice?.form, 'Notice', 'the salesperson is told too');
      await t.reopen();
      await withServer(t, async (tick) => {
        await tick('2026-03-02T12:00:00.000Z');
        await tick('2026-03-02T22:00:00.000Z');
      });
      assert.deepEqual(await received(), ['greta@nordichome.se Happy birthday']);
    } finally {
      await t.cleanup();
    }
  });
});
