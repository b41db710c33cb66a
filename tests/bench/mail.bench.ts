import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Doc } from '../../design/form.js';
import { mergeTemplate } from '../../design/mail-merge.js';
import { SERVER_USER } from '../../design/user.js';
import { createLogger } from '../../server/log.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { Outbox } from '../../server/mail/outbox.js';
import { EmbeddedStore } from '../../server/store/embedded-store.js';
import { startDovecot } from '../helpers/dovecot.js';
import { mulberry32, pick } from '../helpers/random.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { ADMIN_CTX, configureAccount, importerFor, SALES } from '../mail/mail-world.js';
import { report, timed } from './report.js';

/**
 * The mail gateway at the size of a busy company mailbox: 10,000 messages (UTF-8 and GBK, a third
 * from known contacts, a third from known customers' domains, a third new leads, among them B2B
 * platform inquiries answering to their buyer; half of them HTML-only as Foxmail and Outlook send
 * it, sanitised and turned into text) imported from Dovecot with filing and five routing rules
 * (target ≥ 200 messages/s); then 1,000 messages personalised from a template sent to a local SMTP
 * server.
 */
const MESSAGES = Number(process.env.BENCH_MAIL_MESSAGES ?? 10_000);
const SENDS = Number(process.env.BENCH_MAIL_SENDS ?? 1000);
const CUSTOMERS = 200;
const CTX = { now: '2026-11-23T08:00:00.000Z', user: SERVER_USER };
const SUBJECTS = ['询价：不锈钢保温杯', 'Inquiry: LED lights', '样品确认', 'Order 4500-2231', 'Re: 报价单', 'Anfrage: Werkzeuge'];
const BODY = '您好，我们对贵公司的产品很感兴趣，请报最优价格。Please quote your best price for 5,000 pcs, FOB Ningbo. ';

// An HTML message as mail clients write it: styles, a table, a quoted reply, a signature, a tracking image.
const HTML = (n: number) => `<html><head><style>p{margin:0}</style></head><body><div style="font-family:微软雅黑">${BODY.repeat(3)}</div>`
  + `<table border="1"><tr><td>品名</td><td>数量</td></tr><tr><td>保温杯 500ml</td><td>${n}</td></tr></table>`
  + `<blockquote><div>原始邮件</div><div>${BODY}</div></blockquote><div id="signature">王芳<br>宁波海曙进出口有限公司</div>`
  + `<img src="http://track.example/${n}.gif"><script>track(${n})</script></body></html>`;

function message(n: number, from: string, subject: string, gbk: boolean, replyTo?: string): Uint8Array {
  const html = n % 2 === 1;
  const body = html ? `${HTML(n)}\r\n` : `${BODY.repeat(4)}\r\n#${n}\r\n`;
  const head = [
    `Date: Mon, 23 Nov 2026 08:${String(n % 60).padStart(2, '0')}:00 +0800`,
    `Message-ID: <bench-${n}@bench.example>`,
    `From: =?UTF-8?B?${Buffer.from(`客户 ${n}`).toString('base64')}?= <${from}>`,
    'To: sales@guanxi-trading.cn',
    ...(replyTo ? [`Reply-To: ${replyTo}`] : []),
    `Subject: =?UTF-8?B?${Buffer.from(`${subject} ${n}`).toString('base64')}?=`,
    'MIME-Version: 1.0',
    `Content-Type: ${html ? 'text/html' : 'text/plain'}; charset=${gbk ? 'GBK' : 'UTF-8'}`,
    'Content-Transfer-Encoding: 8bit',
  ].join('\r\n');
  const encoded = gbk ? new Uint8Array(iconv.encode(body, 'gbk')) : new TextEncoder().encode(body);
  const header = new TextEncoder().encode(`${head}\r\n\r\n`);
  const raw = new Uint8Array(header.length + encoded.length);
  raw.set(header);
  raw.set(encoded, header.length);
  return raw;
}

const dir = await mkdtemp(join(tmpdir(), 'guanxi-mail-bench-'));
const [dovecot, sink] = await Promise.all([startDovecot([SALES]), startSmtpSink()]);
const store = await EmbeddedStore.open(dir);
try {
  const random = mulberry32(20261123);
  const crm = store.database('crm');
  const customers: Doc[] = [];
  const contacts: Doc[] = [];
  for (let c = 0; c < CUSTOMERS; c++) {
    customers.push({ _id: `customer-${c}`, form: 'Customer', name: `客户公司${c}`, category: 'existing', owner: [`Sales ${c % 7}`], emailDomains: [`customer${c}.example`] });
    for (let k = 0; k < 5; k++) contacts.push({ _id: `contact-${c}-${k}`, form: 'Contact', name: `联系人${c}-${k}`, customerId: `customer-${c}`, emails: [`person${k}@customer${c}.example`] });
  }
  await crm.saveMany(customers, CTX);
  await crm.saveMany(contacts, CTX);
  const names = store.database('names');
  for (const [i, domain] of ['alibaba.com', 'made-in-china.com', 'globalsources.com', 'ec21.com', 'tradekey.com'].entries()) {
    await names.save({ form: 'MailRule', name: `B2B ${domain}`, order: i, domains: [domain], assignTo: [`Sales ${i}`], folder: 'B2B', tags: [domain] }, ADMIN_CTX);
  }

  const raws: Uint8Array[] = [];
  for (let n = 0; n < MESSAGES; n++) {
    const kind = n % 3;
    const c = Math.floor(random() * CUSTOMERS);
    const from = kind === 0 ? `person${n % 5}@customer${c}.example` : kind === 1 ? `buyer${n}@customer${c}.example`
      : `lead${n}@${pick(random, ['alibaba.com', 'made-in-china.com', 'gmail.com', 'qq.com', '163.com'])}`;
    // A platform's notification answers to its buyer, who becomes a contact.
    const platform = /@(alibaba|made-in-china)\.com$/.test(from);
    raws.push(message(n, from, pick(random, SUBJECTS), n % 4 < 2, platform ? `buyer${n}@importer${n % 50}.example` : undefined));
  }
  for (let start = 0; start < raws.length; start += 500) await dovecot.append(SALES, 'INBOX', raws.slice(start, start + 500));

  const account = await configureAccount(store, dovecot, { smtpHost: sink.host, smtpPort: sink.port, smtpTls: false });
  const importer = importerFor(store, account);
  let imported = 0;
  const importMs = await timed(async () => {
    imported = (await importer.importOnce()).imported;
  });
  if (imported !== MESSAGES) throw new Error(`imported ${imported} of ${MESSAGES}`);
  report(`mail.import_from_dovecot_with_rules_half_html.${MESSAGES}`, MESSAGES / (importMs / 1000), 'messages/s');

  const template = { subject: '{{customerName}}：2027 年新品目录', body: '尊敬的{{联系人}}：\n\n随信附上{{customerName}}所需的新品目录。\n\n{{salesperson}}\n关系贸易' };
  const queued = contacts.slice(0, SENDS).map((contact, i): Doc => {
    const values = { contactName: String(contact.name), customerName: String(customers[Math.floor(i / 5)]!.name), salesperson: `Sales ${i % 7}` };
    return { _id: `bench-out-${i}`, form: 'MailMessage', direction: 'out', status: 'queued', to: contact.emails as string[], toNames: [String(contact.name)], customerId: contact.customerId, subject: mergeTemplate(template.subject, values), body: mergeTemplate(template.body, values) };
  });
  await crm.saveMany(queued, CTX);
  const outbox = new Outbox({ store, book: new AddressBook(crm.pouch), serverId: 'bench', logger: createLogger('silent'), accounts: async () => (await loadMailSettings(store)).accounts, concurrency: 8 });
  let sent = 0;
  const sendMs = await timed(async () => {
    sent = (await outbox.sendDue()).sent;
  });
  await outbox.close();
  if (sent !== queued.length || sink.received.length !== queued.length) throw new Error(`sent ${sent}, received ${sink.received.length} of ${queued.length}`);
  report(`mail.send_personalised_to_smtp.${queued.length}`, queued.length / (sendMs / 1000), 'messages/s');
} finally {
  await store.close();
  await Promise.all([dovecot.stop(), sink.stop()]);
  await rm(dir, { recursive: true, force: true });
}
