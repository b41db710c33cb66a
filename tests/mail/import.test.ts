import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { SERVER_USER } from '../../design/user.js';
import { createLogger } from '../../server/log.js';
import { AccountImporter } from '../../server/mail/account-importer.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { followUpId, mailDocId } from '../../server/mail/mail-doc-id.js';
import { freePort, startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';
import { ADMIN_CTX, configureAccount, importerFor, messagesByMessageId, SALES, sample, SAMPLES } from './mail-world.js';

const CTX = { now: '2026-03-01T09:00:00.000Z', user: SERVER_USER };

describe('importing mail from a real IMAP server (Dovecot)', () => {
  let dovecot: Dovecot;
  before(async () => {
    dovecot = await startDovecot([SALES]);
  });
  after(() => dovecot.stop());

  async function withWorld(work: (t: TestStore) => Promise<void>) {
    const t = await openTestStore('embedded');
    try {
      await work(t);
    } finally {
      await t.cleanup();
    }
  }

  it('decodes every charset, files by contact and domain, keeps attachments, routes by rules, and imports each message once', () => withWorld(async ({ store }) => {
    const crm = store.database('crm');
    await crm.save({ _id: 'customer-acme', form: 'Customer', name: '德国阿克米公司', category: 'existing', owner: ['Li Lei'], emailDomains: ['acme.de'], readers: ['Li Lei', '[Manager]'] }, CTX);
    await crm.save({ _id: 'contact-zhangwei', form: 'Contact', name: '张伟', customerId: 'customer-acme', customerName: '德国阿克米公司', emails: ['Zhang.Wei@acme.de', 'zw@acme-group.com'] }, CTX);
    await store.database('names').save({ form: 'MailRule', name: 'B2B 询价', order: 1, domains: ['buyer.cn'], subjectWords: ['询价'], assignTo: ['Wang Fang'], folder: 'B2B询价', tags: ['阿里巴巴'] }, ADMIN_CTX);
    const files = (await readdir(SAMPLES)).filter((f) => f.endsWith('.eml')).sort();
    const raws = await Promise.all(files.map(sample));
    await dovecot.append(SALES, 'INBOX', raws);
    // The reply's thread: a follow-up waits on the message it answers.
    await crm.save({ _id: followUpId(mailDocId('root-0@guanxi-trading.cn')), form: 'DueWork', kind: 'followUp', due: '2026-03-05T09:00:00.000Z', subject: '跟进报价', owner: ['Li Lei'] }, CTX);

    const account = await configureAccount(store, dovecot, { mailboxes: ['INBOX', 'Inquiries'] });
    const importer = importerFor(store, account);
    assert.deepEqual(await importer.importOnce(), { imported: files.length, duplicates: 0 });
    const mail = await messagesByMessageId(store);
    assert.equal(mail.size, files.length);

    const gbk = mail.get('gbk-1@buyer.cn')!;
    assert.equal(gbk.subject, '询价：不锈钢保温杯 5000 只，请报FOB宁波价');
    assert.equal(gbk.fromName, '王经理');
    assert.match(String(gbk.body), /我们需要500ml不锈钢保温杯/);
    assert.equal(gbk.lead, true, 'an unknown sender is a new lead');
    assert.deepEqual(gbk.owner, ['Wang Fang']);
    assert.equal(gbk.folder, 'B2B询价');
    assert.deepEqual(gbk.tags, ['阿里巴巴']);
    assert.deepEqual(gbk.readers, ['Wang Fang', '[Manager]'], 'a routed lead is for its salesperson and the managers');
    assert.equal(gbk.timelineDate, '2026-03-03T02:15:00.000Z');

    assert.equal(mail.get('gb2312-1@supplier.com.cn')!.subject, '样品已寄出');
    assert.match(String(mail.get('gb2312-1@supplier.com.cn')!.body), /顺丰寄出，单号SF1234567890/);
    assert.equal(mail.get('gb18030-1@yan.cn')!.subject, '关于䶮字号与𠀀的订单');
    assert.match(String(mail.get('gb18030-1@yan.cn')!.body), /䶮记贸易有限公司 𠀀/);
    assert.equal(mail.get('big5-1@tw-buyer.com.tw')!.subject, '詢價：電動工具');
    assert.equal(mail.get('big5-1@tw-buyer.com.tw')!.fromName, '陳先生');
    assert.equal(mail.get('jp-1@tokyo-trade.co.jp')!.subject, 'お見積りのお願い');
    assert.equal(mail.get('jp-1@tokyo-trade.co.jp')!.fromName, '山田太郎');
    assert.match(String(mail.get('jp-1@tokyo-trade.co.jp')!.body), /見積書をお送りください/);
    assert.equal(mail.get('de-1@kunde.de')!.subject, 'Anfrage für Größe M Lieferung');
    assert.equal(mail.get('de-1@kunde.de')!.fromName, 'Jürgen Müller');
    assert.equal(mail.get('pl-1@firma.pl')!.subject, 'Zamówienie - łożyska');
    assert.match(String(mail.get('pl-1@firma.pl')!.body), /Łukasz Żółć/);
    assert.equal(mail.get('gb2312-1@supplier.com.cn')!.owner instanceof Array, true);
    assert.deepEqual(mail.get('de-1@kunde.de')!.folder, undefined, 'a rule whose conditions do not all hold does nothing');

    const quotation = mail.get('utf8-att-1@acme.de')!;
    assert.equal(quotation.subject, '报价单 Quotation #2026-031');
    assert.equal(quotation.customerId, 'customer-acme');
    assert.equal(quotation.customerName, '德国阿克米公司');
    assert.equal(quotation.contactId, 'contact-zhangwei', 'the contact is found whatever the case of the address');
    assert.equal(quotation.lead, false);
    assert.deepEqual(quotation.readers, ['Li Lei', '[Manager]'], 'the message takes the access of its customer');
    const stored = await crm.pouch.get(String(quotation._id), { attachments: true, binary: true });
    const attachments = stored._attachments as Record<string, { content_type: string; data: Uint8Array }>;
    assert.deepEqual(Object.keys(attachments).sort(), ['产品目录2026.pdf', '报价单.txt']);
    assert.equal(new TextDecoder().decode(attachments['报价单.txt']!.data), '报价单内容 quotation');
    assert.equal(attachments['产品目录2026.pdf']!.content_type, 'application/pdf');

    const reply = mail.get('reply-1@acme.de')!;
    assert.equal(reply.threadId, mailDocId('root-0@guanxi-trading.cn'), 'a thread is named after its first message');
    assert.equal(reply.contactId, 'contact-zhangwei');
    const followUp = await crm.get(followUpId(mailDocId('root-0@guanxi-trading.cn')));
    assert.equal(followUp.status, 'cancelled', 'the reply cancels the follow-up on the message it answers');
    assert.equal(followUp.cancelledBy, reply._id);
    assert.equal(mail.get('ooo-1@acme.de')!.autoGenerated, true);
    assert.equal(mail.get('gbk-1@buyer.cn')!.autoGenerated, false);

    // Again: nothing new. The same message in a second folder, and after a UIDVALIDITY change: no duplicates.
    assert.deepEqual(await importer.importOnce(), { imported: 0, duplicates: 0 });
    await dovecot.append(SALES, 'Inquiries', [raws[0]!, raws[1]!]);
    assert.deepEqual(await importer.importOnce(), { imported: 0, duplicates: 2 });
    await dovecot.recreate(SALES, 'Inquiries');
    await dovecot.append(SALES, 'Inquiries', [raws[1]!, raws[0]!, raws[2]!]);
    assert.deepEqual(await importer.importOnce(), { imported: 0, duplicates: 3 });
    assert.equal((await messagesByMessageId(store)).size, files.length);
  }));

  it('auto-replies once to an inquiry, never to automatic or mailing-list mail', () => withWorld(async ({ store }) => {
    const crm = store.database('crm');
    await crm.save({ _id: 'template-inquiry', form: 'MailTemplate', name: '询价自动回复', language: 'zh', subject: '已收到您的询价', body: '{{联系人}}您好，我们已收到您的询价，{{业务员}}会在一个工作日内回复。' }, CTX);
    await store.database('names').save({ form: 'MailRule', name: '询价', order: 1, domains: ['buyer.cn'], assignTo: ['Wang Fang'], autoReplyTemplate: 'template-inquiry' }, ADMIN_CTX);
    const automatic = (n: number, header: string) => `From: news@buyer.cn\r\nTo: sales@guanxi-trading.cn\r\nSubject: news ${n}\r\nMessage-ID: <auto-${n}@buyer.cn>\r\n${header}\r\n\r\nhello\r\n`;
    await dovecot.append(SALES, 'AutoReply', [await sample('gbk.eml'), automatic(1, 'List-Id: <news.buyer.cn>'), automatic(2, 'Precedence: bulk'), automatic(3, 'Auto-Submitted: auto-generated')]);
    const account = await configureAccount(store, dovecot, { mailboxes: ['AutoReply'] });
    const importer = importerFor(store, account);
    assert.equal((await importer.importOnce()).imported, 4);
    const replies = [...(await messagesByMessageId(store)).values()].filter((m) => m.direction === 'out');
    assert.equal(replies.length, 1);
    const [reply] = replies;
    assert.equal(reply!._id, `autoreply-${mailDocId('gbk-1@buyer.cn')}`);
    assert.equal(reply!.status, 'queued');
    assert.deepEqual(reply!.to, ['wang@buyer.cn']);
    assert.equal(reply!.subject, 'Re: 询价：不锈钢保温杯 5000 只，请报FOB宁波价');
    assert.equal(reply!.autoSubmitted, 'auto-replied');
    assert.equal(reply!.body, '王经理您好，我们已收到您的询价，Wang Fang会在一个工作日内回复。');
    assert.equal(reply!.inReplyTo, 'gbk-1@buyer.cn');
    await dovecot.recreate(SALES, 'AutoReply');
    await dovecot.append(SALES, 'AutoReply', [await sample('gbk.eml')]);
    assert.deepEqual(await importer.importOnce(), { imported: 0, duplicates: 1 });
    assert.equal([...(await messagesByMessageId(store)).values()].filter((m) => m.direction === 'out').length, 1);
  }));

  it('imports new mail as it arrives, and reconnects after the connection drops', () => withWorld(async ({ store }) => {
    const account = await configureAccount(store, dovecot, { mailboxes: ['Live'] });
    await dovecot.append(SALES, 'Live', [await sample('big5.eml')]);
    const importer = importerFor(store, account, { pollMs: 60_000, retryMs: [50, 1000] });
    importer.start();
    try {
      await expectEventually(async () => (await messagesByMessageId(store)).has('big5-1@tw-buyer.com.tw'), { timeoutMs: 10_000 });
      // No poll comes within this test: only IDLE can bring the message in.
      await dovecot.append(SALES, 'Live', [await sample('iso-8859-2.eml')]);
      await expectEventually(async () => (await messagesByMessageId(store)).has('pl-1@firma.pl'), { timeoutMs: 10_000 });
      await dovecot.kick(SALES);
      await dovecot.append(SALES, 'Live', [await sample('gb2312.eml')]);
      await expectEventually(async () => (await messagesByMessageId(store)).has('gb2312-1@supplier.com.cn'), { timeoutMs: 10_000 });
      assert.equal((await messagesByMessageId(store)).size, 3);
    } finally {
      await importer.stop();
    }
  }));

  it('waits longer after each failed connection while the IMAP server is unreachable', async () => {
    const t = await openTestStore('embedded');
    try {
      const port = await freePort();
      const account = await configureAccount(t.store, undefined, { imapHost: '127.0.0.1', imapPort: port, imapTls: false });
      const failures: number[] = [];
      const logger = createLogger('warn', new Writable({
        write(chunk: Uint8Array, _encoding, done) {
          const line = JSON.parse(new TextDecoder().decode(chunk)) as { msg: string; failures?: number };
          if (line.msg.startsWith('IMAP import failed')) failures.push(line.failures!);
          done();
        },
      }));
      const importer = new AccountImporter(account, { store: t.store, book: new AddressBook(t.store.database('crm').pouch), rules: async () => [], ownAddresses: new Set(), logger, retryMs: [50, 400] });
      importer.start();
      // 50 + 100 + 200 + 400 ms: about five attempts in a second, not a busy loop.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await importer.stop();
      assert.ok(failures.length >= 3 && failures.length <= 6, `${failures.length} attempts in a second`);
      assert.deepEqual(failures, failures.map((_, i) => i + 1));
    } finally {
      await t.cleanup();
    }
  });
});
