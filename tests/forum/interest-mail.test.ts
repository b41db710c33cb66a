import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { savePerson } from '../../server/directory/directory-edits.js';
import { digestNoticeId, interestNoticeId } from '../../server/interest/interest-notice-docs.js';
import { createLogger } from '../../server/log.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { Outbox } from '../../server/mail/outbox.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { Scheduler } from '../../server/scheduler/scheduler.js';
import type { Store } from '../../server/store/store.js';
import { SEED_CTX, seedDirectory } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { SessionClient } from '../helpers/session-client.js';
import { configureSmtpAccount } from '../helpers/smtp-account.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { remoteDb } from '../helpers/sync-client.js';
import { tempDir, testConfig } from '../server/fixtures.js';

/**
 * Issue 7 end to end: an interest profile and a forum post saved by people through the sync
 * gateway of a real server, the server's interest job, the scheduler and the outbox, and what
 * arrives at a real SMTP server, read as the person's mail client would read it.
 */

const PASSWORD = 'correct horse battery';
const PUBLIC_URL = 'https://crm.example.com';
const logger = createLogger('silent');

/** Reads the forum and wants quotations (报价) and enquiries (询盘). */
const WANG = '王芳';
/** Writes the posts; his own profile matches them, but nobody is told about their own post. */
const ZHANG = '张三';
/** Interested in trade fairs only. */
const LI = '李四';
/** Interested in the floor price (底价), which only some may read. */
const ZHAO = '赵敏';
const ADDRESSES: Record<string, string> = {
  [WANG]: 'wang.fang@guanxi-trading.cn',
  [ZHANG]: 'zhang.san@guanxi-trading.cn',
  [LI]: 'li.si@guanxi-trading.cn',
  [ZHAO]: 'zhao.min@guanxi-trading.cn',
};

interface Guanxi {
  readonly dataDir: string;
  running: RunningServer;
  cleanup(): Promise<void>;
}

/** A fresh data directory with the company mailbox (read when the server starts), and a server on it. */
async function startGuanxi(sink: SmtpSink, clock: FakeClock, env: NodeJS.ProcessEnv): Promise<Guanxi> {
  const { dir, cleanup } = await tempDir('interest-mail');
  const dataDir = join(dir, 'data');
  await configureSmtpAccount(dataDir, sink, '关系贸易');
  const config = testConfig(dataDir, { PUBLIC_URL, DIGEST_HOUR_UTC: '0', ...env });
  const running = await startServer(config, { logger, now: clock.now });
  const guanxi: Guanxi = {
    dataDir,
    running,
    cleanup: async () => {
      await guanxi.running.close();
      await cleanup();
    },
  };
  await seedDirectory(running.store, running.directory, [WANG, ZHANG, LI, ZHAO].map((name) => ({ name, password: PASSWORD, access: { discussion: 'author' } })));
  for (const [name, email] of Object.entries(ADDRESSES)) await savePerson(running.store.database('names'), name, { email }, SEED_CTX);
  return guanxi;
}

/** Saves a document as `name` does at a workstation: prepared there, then written through the sync gateway. */
async function saveAs(running: RunningServer, clock: FakeClock, name: string, doc: Doc): Promise<Doc> {
  const session = new SessionClient(running.url);
  assert.equal((await session.signIn(name, PASSWORD)).status, 200);
  const remote = remoteDb(running.url, 'discussion', { cookie: session.cookie!, csrf: session.csrf! });
  try {
    const current = typeof doc._id === 'string' ? await remote.get(doc._id).catch(() => null) as Doc | null : null;
    const user = running.directory.userContext(name)!;
    const prepared = prepareForSave({ ...(current ?? {}), ...doc }, current, { now: new Date(clock.now()).toISOString(), user });
    assert.ok((await remote.put(prepared)).ok);
    return prepared;
  } finally {
    await remote.close();
  }
}

/**
 * Opens a link from a mail as the workstation does (`<public url>/#/<db>/<view>/<id>`): the route
 * names the post, which the person's session then reads through the gateway.
 */
async function openLink(running: RunningServer, name: string, link: string): Promise<{ status: number; subject?: string }> {
  const { origin, pathname, hash } = new URL(link);
  assert.equal(`${origin}${pathname}`, `${PUBLIC_URL}/`, 'the workstation is served at the root');
  const [db, view, id, ...rest] = hash.replace(/^#\//, '').split('/');
  assert.deepEqual([db, view, rest], ['discussion', 'all-documents', []]);
  const session = new SessionClient(running.url);
  assert.equal((await session.signIn(name, PASSWORD)).status, 200);
  const answer = await session.request('GET', `/sync/${db}/${id!}`);
  return { status: answer.status, ...(typeof answer.body?.subject === 'string' ? { subject: answer.body.subject } : {}) };
}

/** The interest job has read every change of the forum (its checkpoint is at the end). */
async function notifierCaughtUp(store: Store): Promise<void> {
  const pouch = store.database('discussion').pouch;
  await expectEventually(async () => {
    const { update_seq } = await pouch.info();
    const checkpoint = await pouch.get<{ seq: string | number }>('_local/interest-notifier');
    return String(checkpoint.seq) === String(update_seq);
  }, { timeoutMs: 10_000 });
}

/** Mail as the recipient's mail client shows it. */
async function mailsTo(sink: SmtpSink, address: string): Promise<{ to: string[]; subject: string; text: string }[]> {
  const mails = sink.received.filter((m) => m.to.includes(address));
  return Promise.all(mails.map(async (m) => {
    const parsed = await simpleParser(m.raw);
    const to = ([] as AddressObject[]).concat(parsed.to ?? []).flatMap((a) => a.value.map((v) => String(v.address)));
    return { to, subject: parsed.subject ?? '', text: parsed.text ?? '' };
  }));
}

/** The link to the workstation in a line of a mail. */
function linkIn(text: string, postId: string): string {
  const link = text.split(/\s+/).find((word) => word.endsWith(`/${postId}`));
  assert.ok(link, `a link to ${postId} in:\n${text}`);
  return link;
}

async function profile(running: RunningServer, clock: FakeClock, owner: string, fields: Doc): Promise<void> {
  await saveAs(running, clock, owner, { _id: `profile-${Buffer.from(owner).toString('hex')}`, form: 'InterestProfile', owner: [owner], ...fields });
}

describe('interest profiles: matching forum posts reach the person by mail', () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
  });
  after(() => sink.stop());
  beforeEach(() => {
    sink.received.length = 0;
  });

  test('one at a time: the server on its own mails one notice to the person it concerns, once, and nothing to anyone else', async () => {
    const clock = fakeClock('2026-03-10T09:30:00.000Z');
    // The mail gateway as the server starts it, its scheduler ticking every second on the real clock.
    const guanxi = await startGuanxi(sink, clock, { SCHEDULER_CRON: '* * * * * *' });
    try {
      const { running } = guanxi;
      assert.equal(running.mail?.sending, true);
      await profile(running, clock, WANG, { words: ['报价'], categories: ['询盘'], delivery: 'each' });
      await profile(running, clock, ZHANG, { words: ['报价'], delivery: 'each' });
      await profile(running, clock, LI, { words: ['展会'], delivery: 'each' });
      await profile(running, clock, ZHAO, { words: ['底价'], delivery: 'each' });
      await notifierCaughtUp(running.store);

      const quote = await saveAs(running, clock, ZHANG, {
        _id: 'topic-hamburg-quote', form: 'Topic', subject: '汉堡客户询问球阀报价', category: ['询盘'],
        body: '汉堡贸易有限公司需要 DN50 不锈钢球阀 2000 只的 FOB 宁波报价，请本周内回复。',
      });
      const secret = await saveAs(running, clock, ZHANG, {
        _id: 'topic-floor-price', form: 'Topic', subject: '机密：球阀底价', body: '底价 USD 12.50，不得外传。', readers: [ZHANG, WANG],
      });

      await expectEventually(() => sink.received.length >= 1, { timeoutMs: 15_000 });
      const [mail, ...more] = await mailsTo(sink, ADDRESSES[WANG]!);
      assert.equal(more.length, 0);
      assert.deepEqual(mail!.to, [ADDRESSES[WANG]]);
      assert.equal(mail!.subject, '[Guanxi] 论坛新帖 New post: 汉堡客户询问球阀报价');
      assert.match(mail!.text, /汉堡客户询问球阀报价 — 张三/);
      assert.match(mail!.text, /关键词 Word: 报价/);
      assert.match(mail!.text, /类别 Category: 询盘/);
      assert.match(mail!.text, /DN50 不锈钢球阀 2000 只的 FOB 宁波报价/);
      const link = linkIn(mail!.text, String(quote._id));
      assert.equal(link, `${PUBLIC_URL}/#/discussion/all-documents/${String(quote._id)}`);
      assert.deepEqual(await openLink(running, WANG, link), { status: 200, subject: '汉堡客户询问球阀报价' });

      // Run the jobs again: the post is edited (a change the job reads), a second scheduler
      // (another server) ticks, and the server restarts on the same data.
      await saveAs(running, clock, ZHANG, { _id: quote._id, body: '更新：客户追加 500 只，请一并报价。' });
      await notifierCaughtUp(running.store);
      const crm = running.store.database('crm');
      const other = new Outbox({ store: running.store, book: new AddressBook(crm.pouch), serverId: 'other-server', logger, accounts: async () => (await loadMailSettings(running.store)).accounts });
      try {
        await new Scheduler({ store: running.store, serverId: 'other-server', logger, outbox: other, publicUrl: PUBLIC_URL }).tick();
      } finally {
        await other.close();
      }
      await running.close();
      guanxi.running = await startServer(testConfig(guanxi.dataDir, { PUBLIC_URL, SCHEDULER_CRON: '* * * * * *' }), { logger, now: clock.now });
      await notifierCaughtUp(guanxi.running.store);
      const restarted = guanxi.running.store.database('crm');
      await expectEventually(async () => (await restarted.get(`noticemail-${interestNoticeId(WANG, String(quote._id))}`)).status === 'sent');

      const notices = (await restarted.pouch.allDocs({ include_docs: true })).rows.flatMap((row) => (row.doc?.form === 'Notice' ? [row.doc as Doc] : []));
      assert.deepEqual(notices.map((n) => [n._id, n.recipients, n.linkId]), [[interestNoticeId(WANG, String(quote._id)), [WANG], quote._id]],
        'no notice to the author, to a profile that does not match, nor about a post the person may not read');
      assert.equal(typeof notices[0]!.mailedAt, 'string');
      assert.equal(sink.received.length, 1, 'exactly one mail');
      for (const name of [ZHANG, LI, ZHAO]) assert.deepEqual(await mailsTo(sink, ADDRESSES[name]!), [], `${name} receives nothing`);
      assert.equal((await openLink(guanxi.running, ZHAO, `${PUBLIC_URL}/#/discussion/all-documents/${String(secret._id)}`)).status, 404,
        '赵敏 may not read the post her profile matched');
    } finally {
      await guanxi.cleanup();
    }
  });

  test('daily digest: both matching posts in one mail, sent when the digest hour comes and not before, once', async () => {
    const clock = fakeClock('2026-03-10T09:30:00.000Z');
    // The interest job runs in the server on the test's clock; the scheduler and outbox are started
    // as the mail gateway starts them, but tick on that clock too, so the digest's hour can be reached.
    const guanxi = await startGuanxi(sink, clock, { MAIL_GATEWAY: 'off' });
    const { running } = guanxi;
    const { store } = running;
    const outbox = new Outbox({
      store, book: new AddressBook(store.database('crm').pouch), serverId: 'test-server', logger, now: () => new Date(clock.now()),
      accounts: async () => (await loadMailSettings(store)).accounts,
    });
    const scheduler = new Scheduler({ store, serverId: 'test-server', logger, outbox, publicUrl: PUBLIC_URL });
    const tick = () => scheduler.tick(new Date(clock.now()));
    try {
      await profile(running, clock, WANG, { words: ['报价'], categories: ['询盘'], delivery: 'digest' });
      await profile(running, clock, LI, { words: ['展会'], delivery: 'digest' });
      await profile(running, clock, ZHAO, { words: ['报价'], delivery: 'digest' });
      await notifierCaughtUp(store);

      const quote = await saveAs(running, clock, ZHANG, { _id: 'topic-quote', form: 'Topic', subject: '汉堡客户询问球阀报价', body: '需要 DN50 的报价单。' });
      const digestId = digestNoticeId(WANG, '2026-03-11T00:00:00.000Z');
      await expectEventually(async () => String((await store.database('crm').get(digestId)).body).includes(String(quote._id)));
      await tick();
      clock.advance(3 * 3600_000);
      const enquiry = await saveAs(running, clock, ZHANG, { _id: 'topic-enquiry', form: 'Topic', subject: '德国客户询盘：不锈钢保温杯', category: ['询盘'], body: '5000 只，要求 LFGB 认证。' });
      const secret = await saveAs(running, clock, ZHANG, { _id: 'topic-secret', form: 'Topic', subject: '报价底线', body: '不低于 USD 12.50', readers: [ZHANG, WANG] });
      const unrelated = await saveAs(running, clock, ZHANG, { _id: 'topic-lunch', form: 'Topic', subject: '周五聚餐', body: '地点待定' });
      await notifierCaughtUp(store);

      clock.advance(11 * 3600_000 + 29 * 60_000 + 59_000); // 23:59:59 on the 10th
      await tick();
      assert.equal(sink.received.length, 0, 'not before the digest hour');

      clock.advance(31_000); // 00:00:30 on the 11th
      await tick();
      await tick();
      clock.advance(3600_000);
      await tick();

      const digests = await mailsTo(sink, ADDRESSES[WANG]!);
      assert.equal(digests.length, 1, 'one digest, once');
      const [digest] = digests;
      assert.equal(digest!.subject, '[Guanxi] 论坛摘要 Forum digest 2026-03-11');
      const lines = digest!.text.trim().split('\n');
      assert.equal(lines.length, 3);
      assert.match(lines[0]!, /^汉堡客户询问球阀报价 — 张三 \(关键词 Word: 报价\)/);
      assert.match(lines[1]!, /^德国客户询盘：不锈钢保温杯 — 张三 \(类别 Category: 询盘\)/);
      assert.match(lines[2]!, /^报价底线 — 张三 \(关键词 Word: 报价\)/, '王芳 may read the restricted post');
      assert.ok(!digest!.text.includes(String(unrelated._id)));
      for (const post of [quote, enquiry]) {
        assert.deepEqual(await openLink(running, WANG, linkIn(digest!.text, String(post._id))), { status: 200, subject: post.subject });
      }

      const zhao = await mailsTo(sink, ADDRESSES[ZHAO]!);
      assert.equal(zhao.length, 1);
      assert.ok(zhao[0]!.text.includes(String(quote._id)) && !zhao[0]!.text.includes(String(secret._id)), '赵敏 is not told about the post she may not read');
      assert.deepEqual(await mailsTo(sink, ADDRESSES[LI]!), [], 'nothing matched 李四');
      assert.deepEqual(await mailsTo(sink, ADDRESSES[ZHANG]!), [], 'nobody is told about their own posts');
      assert.equal(sink.received.length, 2);
    } finally {
      await outbox.close();
      await guanxi.cleanup();
    }
  });
});
