import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { createLogger } from '../../server/log.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { Outbox } from '../../server/mail/outbox.js';
import { Scheduler } from '../../server/scheduler/scheduler.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { openTestStore, saveContext } from '../helpers/test-store.js';
import { ADMIN_CTX } from '../mail/mail-world.js';
import { pdfPages, pdfText } from '../print/pdf-tools.js';

describe('the fax gateway (e-mail to fax)', () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
  });
  after(() => sink.stop());

  it('renders cover sheet and body to PDF, mails it once to the fax service, and records it on the fax', async () => {
    const t = await openTestStore('embedded');
    const logger = createLogger('silent');
    const { store } = t;
    const outboxes: Outbox[] = [];
    try {
      await store.database('names').save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', displayName: '关系贸易有限公司', smtpHost: sink.host, smtpPort: sink.port, smtpTls: false }, ADMIN_CTX);
      const crm = store.database('crm');
      const body = Array.from({ length: 80 }, (_, i) => `第${i + 1}行：不锈钢保温杯 500ml，FOB 宁波 USD 3.20/只。`).join('\n');
      await crm.save({ _id: 'fax-1', form: 'Fax', customerId: 'customer-sh', customerName: '上海永新贸易', recipientName: '陈经理', faxNumber: '+86 21 1234-5678', subject: '报价单 Quotation', coverNote: '陈经理您好，附上报价，请查收。', body, status: 'queued' }, saveContext());
      await crm.save({ _id: 'fax-2', form: 'Fax', faxNumber: '123', subject: '错号', status: 'queued' }, saveContext());
      const at = new Date('2026-03-02T09:00:00.000Z');
      const ticker = (serverId: string) => {
        const outbox = new Outbox({ store, book: new AddressBook(crm.pouch), serverId, logger, accounts: async () => (await loadMailSettings(store)).accounts, now: () => at });
        outboxes.push(outbox);
        return new Scheduler({ store, serverId, logger, outbox, fax: { transport: { kind: 'email', emailDomain: 'fax.example.com' }, from: '关系贸易有限公司' } });
      };
      await Promise.all([ticker('server-a').tick(at), ticker('server-b').tick(at)]);
      await ticker('server-a').tick(at);

      assert.equal(sink.received.length, 1, 'one mail for one fax, whatever the servers');
      assert.deepEqual(sink.received[0]!.to, ['862112345678@fax.example.com']);
      const mail = await simpleParser(sink.received[0]!.raw);
      assert.equal(mail.subject, '报价单 Quotation');
      const pdf = mail.attachments.find((a) => a.filename === 'fax.pdf')!;
      assert.equal(pdf.contentType, 'application/pdf');
      const bytes = new Uint8Array(pdf.content);
      const pages = await pdfPages(bytes);
      assert.equal(pages.length, 3, 'a cover sheet and two pages of body');
      const text = await pdfText(bytes);
      for (const expected of ['传真 FAX', '陈经理', '+86 21 1234-5678', '关系贸易有限公司', '报价单 Quotation', '3（含封面 incl. cover）', '陈经理您好，附上报价，请查收。', '第80行：不锈钢保温杯']) {
        assert.ok(text.includes(expected), `the PDF shows ${expected}`);
      }
      const fax = await crm.get('fax-1');
      assert.equal(fax.status, 'sent');
      assert.equal(fax.transportRef, 'faxmail-fax-1');
      assert.equal(fax.timelineDate, '2026-03-02T09:00:00.000Z');
      assert.equal((await crm.get('faxmail-fax-1')).status, 'sent');
      assert.equal((await crm.get('faxmail-fax-1')).customerId, 'customer-sh', 'filed on the customer like a message');
      const wrong = await crm.get('fax-2');
      assert.equal(wrong.status, 'failed');
      assert.match(String(wrong.lastError), /传真号码无效 \/ Not a fax number: 123/);
    } finally {
      await Promise.all(outboxes.map((o) => o.close()));
      sink.received.length = 0;
      await t.cleanup();
    }
  });

  it('shows a fax queued while the fax service’s mail server is down, sent once it took the mail', async () => {
    const t = await openTestStore('embedded');
    const logger = createLogger('silent');
    const { store } = t;
    let now = new Date('2026-03-02T09:00:00.000Z');
    const outbox = new Outbox({ store, book: new AddressBook(store.database('crm').pouch), serverId: 'a', logger, accounts: async () => (await loadMailSettings(store)).accounts, now: () => now });
    const scheduler = new Scheduler({ store, serverId: 'a', logger, outbox, fax: { transport: { kind: 'email', emailDomain: 'fax.example.com' }, from: '关系贸易有限公司' } });
    try {
      await store.database('names').save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', displayName: '关系贸易有限公司', smtpHost: sink.host, smtpPort: sink.port, smtpTls: false }, ADMIN_CTX);
      const crm = store.database('crm');
      await crm.save({ _id: 'fax-down', form: 'Fax', customerName: '上海永新贸易', faxNumber: '+86 21 1234-5678', subject: '报价单', body: '见附件', status: 'queued' }, saveContext());
      await sink.stop();
      try {
        await scheduler.tick(now);
        const waiting = await crm.get('fax-down');
        assert.equal(waiting.status, 'queued', 'not handed over while its mail waits');
        assert.match(String(waiting.lastError), /Cannot reach the mail server/);
        await assert.rejects(crm.save({ ...waiting, body: '改了' }, saveContext()), 'it is the gateway’s now');
      } finally {
        await sink.start();
      }
      now = new Date('2026-03-02T09:02:00.000Z');
      await scheduler.tick(now);
      const sent = await crm.get('fax-down');
      assert.equal(sent.status, 'sent');
      assert.equal(sent.sentAt, '2026-03-02T09:02:00.000Z');
      assert.equal(sink.received.length, 1);
    } finally {
      await outbox.close();
      sink.received.length = 0;
      await t.cleanup();
    }
  });

  /** A fresh store with a sending account, and servers' scheduler ticks that fax by e-mail into the sink. */
  async function batchWorld() {
    const t = await openTestStore('embedded');
    const logger = createLogger('silent');
    const outboxes: Outbox[] = [];
    const { store } = t;
    await store.database('names').save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', smtpHost: sink.host, smtpPort: sink.port, smtpTls: false }, ADMIN_CTX);
    const crm = store.database('crm');
    const ticker = (serverId: string) => {
      const outbox = new Outbox({ store, book: new AddressBook(crm.pouch), serverId, logger, accounts: async () => (await loadMailSettings(store)).accounts });
      outboxes.push(outbox);
      return new Scheduler({ store, serverId, logger, outbox, fax: { transport: { kind: 'email', emailDomain: 'fax.example.com' }, from: '关系贸易' } });
    };
    const close = async () => {
      await Promise.all(outboxes.map((o) => o.close()));
      sink.received.length = 0;
      await t.cleanup();
    };
    return { crm, ticker, close };
  }

  it('faxes a group: one fax per customer with a fax number, each once', async () => {
    const { crm, ticker, close } = await batchWorld();
    try {
      await crm.save({ _id: 'customer-1', form: 'Customer', name: '上海永新', category: 'existing', fax: '+86 21 5555 0001' }, saveContext());
      await crm.save({ _id: 'customer-2', form: 'Customer', name: '宁波海达', category: 'existing', fax: '0574-8888 0002' }, saveContext());
      await crm.save({ _id: 'customer-3', form: 'Customer', name: '无传真公司', category: 'existing' }, saveContext());
      await crm.save({ _id: 'batch-1', form: 'FaxBatch', subject: '春节放假通知', body: '2月10日至2月17日放假。', customerIds: ['customer-1', 'customer-2', 'customer-3'], status: 'queued' }, saveContext());
      const at = new Date('2026-02-01T09:00:00.000Z');
      await Promise.all([ticker('server-a').tick(at), ticker('server-b').tick(at)]);
      await ticker('server-a').tick(at);
      assert.deepEqual(sink.received.map((m) => m.to[0]).sort(), ['057488880002@fax.example.com', '862155550001@fax.example.com']);
      const batch = await crm.get('batch-1');
      assert.deepEqual([batch.status, batch.queuedCount, batch.skippedCount], ['expanded', 2, 1]);
      assert.equal((await crm.get('faxbatch-batch-1-customer-1')).status, 'sent');
    } finally {
      await close();
    }
  });

  it('a batch fax accepted a group name as a customer: it comes back as a draft saying so; the group picked as a group faxes its customers', async () => {
    const { crm, ticker, close } = await batchWorld();
    try {
      await crm.saveMany([
        { _id: 'customer-1', form: 'Customer', name: '上海永新', category: 'existing', fax: '+86 21 5555 0001', groups: ['广交会客户', '华东'] },
        { _id: 'customer-2', form: 'Customer', name: '宁波海达', category: 'existing', fax: '0574-8888 0002', groups: ['广交会客户'] },
        { _id: 'customer-3', form: 'Customer', name: '杭州不在组里', category: 'existing', fax: '0571-8888 0003', groups: ['华东'] },
      ], saveContext());
      await assert.rejects(crm.save({ form: 'FaxBatch', subject: '空', status: 'queued' }, saveContext()), /Pick at least one customer group/, 'a batch to nobody is refused');
      await crm.save({ _id: 'batch-by-name', form: 'FaxBatch', subject: '展会邀请', body: '欢迎参观。', customerIds: ['广交会客户'], status: 'queued' }, saveContext());
      const at = new Date('2026-02-01T09:00:00.000Z');
      await ticker('server-a').tick(at);
      const refused = await crm.get('batch-by-name');
      assert.equal(refused.status, 'draft');
      assert.match(String(refused.problem), /“广交会客户”是客户分组，不是客户/);
      assert.match(String(refused.problem), /is a customer group, not a customer/);
      assert.equal(sink.received.length, 0, 'nothing faxed');

      await crm.save({ ...refused, customerIds: [], groups: ['广交会客户'], status: 'queued' }, saveContext());
      await ticker('server-a').tick(at);
      await ticker('server-a').tick(at);
      assert.deepEqual(sink.received.map((m) => m.to[0]).sort(), ['057488880002@fax.example.com', '862155550001@fax.example.com']);
      const done = await crm.get('batch-by-name');
      assert.deepEqual([done.status, done.queuedCount, done.skippedCount, done.problem], ['expanded', 2, 0, undefined]);
    } finally {
      await close();
    }
  });
});
