import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Doc } from '../../design/form.js';
import { GuanxiError } from '../../engine/errors.js';
import { createLogger } from '../../server/log.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { followUpId, mailDocId } from '../../server/mail/mail-doc-id.js';
import { setMailSecret } from '../../server/mail/mail-secrets.js';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { Outbox, type OutboxOptions } from '../../server/mail/outbox.js';
import type { Store } from '../../server/store/store.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { ENGINES, openTestStore, saveContext, type EngineName, type TestStore } from '../helpers/test-store.js';
import { ADMIN_CTX } from './mail-world.js';

/** What the workstation saves when someone presses Send (offline too: it replicates later). */
function queued(n: number, extra: Doc = {}): Doc {
  return { _id: `out-${n}`, form: 'MailMessage', direction: 'out', status: 'queued', to: [`buyer${n}@acme.de`], toNames: [`Buyer ${n}`], subject: `报价 Quotation ${n}`, body: `您好 ${n}`, ...extra };
}

describe('the outbox (a real SMTP server on loopback)', () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
  });
  after(() => sink.stop());

  type World = { store: Store; t: TestStore; clock: FakeClock; outbox: (serverId: string, options?: Partial<OutboxOptions>) => Outbox };
  async function withOutboxes(work: (world: World) => Promise<void>, engine: EngineName = 'embedded') {
    const t: TestStore = await openTestStore(engine);
    const clock = fakeClock('2026-03-02T09:00:00.000Z');
    const outboxes: Outbox[] = [];
    try {
      await t.store.database('names').save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', displayName: '关系贸易', smtpHost: sink.host, smtpPort: sink.port, smtpTls: false }, ADMIN_CTX);
      await setMailSecret(t.store, 'mailaccount-sales', { smtpPassword: 'unused-by-the-sink' });
      sink.received.length = 0;
      await work({
        get store() {
          return t.store;
        },
        t,
        clock,
        outbox: (serverId, options = {}) => {
          const outbox = new Outbox({
            store: t.store, book: new AddressBook(t.store.database('crm').pouch), serverId, logger: createLogger('silent'),
            accounts: async () => (await loadMailSettings(t.store)).accounts, now: () => new Date(clock.now()),
            retryMs: [60_000, 600_000], ...options,
          });
          outboxes.push(outbox);
          return outbox;
        },
      });
    } finally {
      await Promise.all(outboxes.map((o) => o.close()));
      await t.cleanup();
    }
  }

  for (const engine of ENGINES) {
    it(`keeps what is queued while SMTP is down, then sends each message exactly once with two servers (${engine})`, () => withOutboxes(async ({ store, clock, outbox }) => {
      const crm = store.database('crm');
      for (let n = 1; n <= 6; n++) await crm.save(queued(n), saveContext());
      const [a, b] = [outbox('server-a'), outbox('server-b')];
      await sink.stop();
      try {
        assert.deepEqual(await a.sendDue(), { sent: 0, retrying: 6, failed: 0, uncertain: 0 });
        const waiting = await crm.get('out-1');
        assert.equal(waiting.status, 'queued');
        assert.equal(waiting.lastErrorCode, 'unreachable');
        assert.match(String(waiting.lastError), /无法连接发信服务器 \/ Cannot reach the mail server/);
        assert.equal(waiting.nextAttemptAt, '2026-03-02T09:01:00.000Z');
        assert.deepEqual(await b.sendDue(), { sent: 0, retrying: 0, failed: 0, uncertain: 0 }, 'nothing is due before the back-off ends');
      } finally {
        await sink.start();
      }
      clock.advance(61_000);
      const reports = await Promise.all([a.sendDue(), b.sendDue(), a.sendDue(), b.sendDue()]);
      assert.equal(reports.reduce((sum, r) => sum + r.sent, 0), 6);
      assert.equal(sink.received.length, 6, 'each message reached the SMTP server once');
      assert.deepEqual(sink.received.map((m) => m.to[0]).sort(), [1, 2, 3, 4, 5, 6].map((n) => `buyer${n}@acme.de`).sort());
      const sent = await crm.get('out-3');
      assert.equal(sent.status, 'sent');
      assert.equal(sent.sentAt, '2026-03-02T09:01:01.000Z');
      assert.equal(sent.attempts, 2);
      assert.deepEqual([sent.from, sent.fromName], ['sales@guanxi-trading.cn', '关系贸易'], 'the From the recipient saw');
      const parsed = await simpleParser(sink.received.find((m) => m.to[0] === 'buyer3@acme.de')!.raw);
      assert.equal(parsed.subject, '报价 Quotation 3');
      assert.equal(parsed.messageId, `<${String(sent.messageId)}>`);
      assert.equal(parsed.from?.value[0]?.name, '关系贸易');
      clock.advance(3_600_000);
      assert.deepEqual(await a.sendDue(), { sent: 0, retrying: 0, failed: 0, uncertain: 0 });
    }, engine));
  }

  it('drains what waited out an outage as soon as the mail server answers again, not after each message’s back-off', () => withOutboxes(async ({ store, clock, outbox }) => {
    const crm = store.database('crm');
    const a = outbox('server-a');
    for (let n = 1; n <= 3; n++) await crm.save(queued(n), saveContext());
    await sink.stop();
    try {
      await a.sendDue();
      clock.advance(61_000);
      await a.sendDue();
      assert.equal((await crm.get('out-1')).nextAttemptAt, '2026-03-02T09:03:01.000Z', 'the second failure waits two minutes');
    } finally {
      await sink.start();
    }
    clock.advance(10_000);
    await crm.save(queued(4), saveContext());
    assert.deepEqual(await a.sendDue(), { sent: 4, retrying: 0, failed: 0, uncertain: 0 });
    assert.deepEqual(sink.received.map((m) => m.to[0]).sort(), ['buyer1@acme.de', 'buyer2@acme.de', 'buyer3@acme.de', 'buyer4@acme.de']);
  }));

  it('gives up after the limit and records why, in both languages', () => withOutboxes(async ({ store, clock, outbox }) => {
    const crm = store.database('crm');
    await crm.save(queued(1), saveContext());
    await crm.save(queued(2, { to: ['not an address'] }), saveContext());
    const a = outbox('server-a', { maxAttempts: 3 });
    await sink.stop();
    try {
      assert.deepEqual(await a.sendDue(), { sent: 0, retrying: 1, failed: 1, uncertain: 0 });
      assert.equal((await crm.get('out-2')).lastErrorCode, 'bad_address', 'a bad address is not retried');
      clock.advance(60_000);
      assert.deepEqual(await a.sendDue(), { sent: 0, retrying: 1, failed: 0, uncertain: 0 });
      clock.advance(120_000);
      assert.deepEqual(await a.sendDue(), { sent: 0, retrying: 0, failed: 1, uncertain: 0 });
    } finally {
      await sink.start();
    }
    const failed = await crm.get('out-1');
    assert.equal(failed.status, 'failed');
    assert.equal(failed.attempts, 3);
    assert.match(String(failed.lastError), /^无法连接发信服务器 \/ Cannot reach the mail server: /);
    clock.advance(86_400_000);
    assert.deepEqual(await a.sendDue(), { sent: 0, retrying: 0, failed: 0, uncertain: 0 });
    assert.equal(sink.received.length, 0);
  }));

  it('sends no extra header whatever CR/LF a name or subject holds', () => withOutboxes(async ({ store, outbox }) => {
    await store.database('crm').save(queued(1, {
      subject: '报价\r\nBcc: victim@evil.example\r\nX-Injected: subject',
      toNames: ['张三\r\nX-Injected: name\r\nBcc: victim2@evil.example'],
      references: ['a@b\r\nX-Injected: reference'],
      inReplyTo: 'a@b\nX-Injected: in-reply-to',
    }), saveContext());
    assert.equal((await outbox('server-a').sendDue()).sent, 1);
    const [mail] = sink.received;
    assert.deepEqual(mail!.to, ['buyer1@acme.de'], 'no smuggled recipient');
    const head = mail!.raw.slice(0, mail!.raw.indexOf('\r\n\r\n'));
    assert.doesNotMatch(head, /^(bcc|x-injected):/im);
    const parsed = await simpleParser(mail!.raw);
    assert.equal(parsed.subject, '报价 Bcc: victim@evil.example X-Injected: subject');
    assert.equal(parsed.headers.has('x-injected'), false);
  }));

  it('resends a message whose server died while sending, once its claim expired, when configured to', () => withOutboxes(async ({ store, clock, outbox }) => {
    const crm = store.database('crm');
    const claimed = await crm.save(queued(1), saveContext());
    // What a server that died mid-send leaves behind.
    await crm.save({ ...claimed, status: 'sending', claimedBy: 'server-dead', leaseUntil: '2026-03-02T09:02:00.000Z', attempts: 1, messageId: 'fixed-1@guanxi-trading.cn' }, ADMIN_CTX);
    const live = outbox('server-live', { afterInterruption: 'resend' });
    assert.equal((await live.sendDue()).sent, 0, 'the claim still holds');
    clock.advance(120_000);
    assert.equal((await live.sendDue()).sent, 1);
    const sent = await crm.get('out-1');
    assert.equal(sent.claimedBy, 'server-live');
    assert.equal(sent.messageId, 'fixed-1@guanxi-trading.cn', 'sent again under the same Message-ID');
  }));

  for (const engine of ENGINES) {
    it(`holds a message its server was killed sending, after the SMTP server had it, for a person to resend or dismiss (${engine})`, () => withOutboxes(async ({ t, clock, outbox }) => {
      await t.store.database('crm').save(queued(1), saveContext());
      // A second SMTP server that has each message whole, then lets the test kill the sending
      // server before it answers: the message is delivered, the sender never learns it.
      let server: ReturnType<typeof spawn> | undefined;
      const killing = await startSmtpSink({
        onMessage: async () => {
          server!.kill('SIGKILL');
          if (server!.exitCode === null && server!.signalCode === null) await once(server!, 'exit');
        },
      });
      try {
        await t.store.database('names').save({ ...(await t.store.database('names').get('mailaccount-sales')), smtpPort: killing.port }, ADMIN_CTX);
        await t.handOver(async () => {
          server = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('./outbox-process.ts', import.meta.url)), JSON.stringify(t.location), 'server-killed', new Date(clock.now()).toISOString()], { stdio: ['ignore', 'pipe', 'inherit'] });
          await once(server, 'exit');
        });
      } finally {
        await killing.stop();
      }
      assert.equal(killing.received.length, 1, 'the SMTP server had the message before its sender was killed');
      const crm = t.store.database('crm');
      const left = await crm.get('out-1');
      assert.equal(left.status, 'sending', 'killed before it could mark the message sent');
      assert.equal(typeof left.messageId, 'string', 'its Message-ID was recorded before it was handed over');

      await t.store.database('names').save({ ...(await t.store.database('names').get('mailaccount-sales')), smtpPort: sink.port }, ADMIN_CTX);
      const live = outbox('server-live');
      assert.deepEqual(await live.sendDue(), { sent: 0, retrying: 0, failed: 0, uncertain: 0 }, 'the claim holds until its lease ends');
      clock.advance(121_000);
      assert.deepEqual(await live.sendDue(), { sent: 0, retrying: 0, failed: 0, uncertain: 1 });
      const held = await crm.get(left._id);
      assert.equal(held.status, 'uncertain');
      assert.equal(held.lastErrorCode, 'interrupted');
      assert.match(String(held.lastError), /^发送时服务器停止了，不能确定邮件是否已发出；请核实后重新发送或不再发送 \/ The server stopped while sending it: the message may or may not have gone out/);
      clock.advance(86_400_000);
      assert.equal((await live.sendDue()).sent, 0, 'not sent again by itself');
      assert.equal(sink.received.length, 0);

      // The person checks with the customer and resends; the same Message-ID goes out.
      await assert.rejects(crm.save({ ...held, status: 'queued', subject: 'changed' }, saveContext()), (error: unknown) => error instanceof GuanxiError && error.kind === 'invalid');
      await crm.save({ ...held, status: 'queued' }, saveContext());
      assert.equal((await live.sendDue()).sent, 1);
      assert.equal(sink.received.length, 1);
      assert.equal((await simpleParser(sink.received[0]!.raw)).messageId, (await simpleParser(killing.received[0]!.raw)).messageId);
      assert.equal((await crm.get('out-1')).status, 'sent');
    }, engine));
  }

  it('lets a person dismiss a message that needs checking, and nothing more', () => withOutboxes(async ({ store, clock, outbox }) => {
    const crm = store.database('crm');
    const mine = await crm.save(queued(1), saveContext());
    await crm.save({ ...mine, status: 'sending', claimedBy: 'server-dead', leaseUntil: '2026-03-02T09:00:00.000Z', attempts: 1, messageId: 'fixed-1@guanxi-trading.cn' }, ADMIN_CTX);
    const live = outbox('server-live');
    assert.equal((await live.sendDue()).uncertain, 1);
    const held = await crm.get('out-1');
    await assert.rejects(crm.save({ ...held, status: 'sent' }, saveContext()), (error: unknown) => error instanceof GuanxiError && error.kind === 'invalid');
    await crm.save({ ...held, status: 'dismissed' }, saveContext());
    clock.advance(86_400_000);
    assert.deepEqual(await live.sendDue(), { sent: 0, retrying: 0, failed: 0, uncertain: 0 });
    assert.equal(sink.received.length, 0);
    await assert.rejects(crm.save({ ...(await crm.get('out-1')), status: 'queued' }, saveContext()), (error: unknown) => error instanceof GuanxiError && error.kind === 'invalid', 'dismissed for good');
  }));

  it('files a sent message under its customer and schedules its follow-up', () => withOutboxes(async ({ store, outbox }) => {
    const crm = store.database('crm');
    await crm.save({ _id: 'customer-acme', form: 'Customer', name: '阿克米', category: 'existing', emailDomains: ['acme.de'] }, saveContext());
    await crm.save({ _id: 'contact-b1', form: 'Contact', name: 'Buyer One', customerId: 'customer-acme', emails: ['buyer1@acme.de'] }, saveContext());
    await crm.save(queued(1, { followUpAt: '2026-03-09T09:00:00.000Z' }), saveContext());
    assert.equal((await outbox('server-a').sendDue()).sent, 1);
    const sent = await crm.get('out-1');
    assert.equal(sent.customerId, 'customer-acme');
    assert.equal(sent.contactId, 'contact-b1');
    assert.equal(sent.timelineDate, sent.sentAt);
    assert.equal(sent.threadId, mailDocId(String(sent.messageId)), 'a reply naming this message will join its thread');
    const followUp = await crm.get(followUpId(mailDocId(String(sent.messageId))));
    assert.equal(followUp.status, 'pending');
    assert.equal(followUp.due, '2026-03-09T09:00:00.000Z');
    assert.deepEqual(followUp.owner, ['Li Lei']);
  }));

  it('lets a workstation queue a message but not mark it sent, receive mail, or change it once queued with the gateway', () => withOutboxes(async ({ store }) => {
    const crm = store.database('crm');
    const refused = async (doc: Doc) => {
      await assert.rejects(crm.save(doc, saveContext()), (error: unknown) => error instanceof GuanxiError && error.kind === 'invalid');
    };
    await refused(queued(1, { status: 'sent' }));
    await refused(queued(2, { direction: 'in', status: 'received' }));
    await refused(queued(3, { sentAt: '2026-03-02T09:00:00.000Z' }));
    const mine = await crm.save(queued(4), saveContext());
    await crm.save({ ...mine, status: 'sending', claimedBy: 'server-a' }, ADMIN_CTX);
    await refused({ ...(await crm.get('out-4')), subject: 'changed' });
  }));
});
