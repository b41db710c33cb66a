import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { createLogger } from '../../server/log.js';
import { StaticDirectory } from '../../server/directory/static-directory.js';
import { digestNoticeId, interestNoticeId } from '../../server/interest/interest-notice-docs.js';
import { InterestNotifier } from '../../server/interest/interest-notifier.js';
import type { Store } from '../../server/store/store.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { ENGINES, openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';

const directory = new StaticDirectory({
  people: [{ name: '王芳' }, { name: '张三' }, { name: 'Anna Schmidt' }, { name: '离职者', status: 'left' }, { name: '李四', roles: ['[Sales]'] }],
  acls: [{ db: 'discussion', defaultEntry: { name: '-Default-', level: 'author' }, entries: [] }],
});

async function profile(store: Store, owner: string, fields: Doc): Promise<void> {
  await store.database('discussion').save({ form: 'InterestProfile', owner: [owner], ...fields }, saveContext('2026-03-01T08:00:00.000Z', owner));
}

async function post(store: Store, author: string, fields: Doc, at = '2026-03-10T09:00:00.000Z'): Promise<string> {
  return (await store.database('discussion').save({ form: 'Topic', subject: '无题', ...fields }, saveContext(at, author)))._id;
}

async function noticesOf(store: Store): Promise<Doc[]> {
  const { rows } = await store.database('crm').pouch.allDocs({ include_docs: true });
  return rows.flatMap((row) => (row.doc?.form === 'Notice' ? [row.doc] : []));
}

for (const engine of ENGINES) {
  describe(`interest notices: ${engine}`, () => {
    let t: TestStore;
    let clock: FakeClock;
    let notifier: InterestNotifier;
    before(async () => {
      t = await openTestStore(engine);
    });
    after(async () => {
      await t.cleanup();
    });
    beforeEach(async () => {
      clock = fakeClock('2026-03-10T09:30:00.000Z');
      notifier = new InterestNotifier({ store: t.store, directory, logger: createLogger('silent'), now: clock.now, digestHourUtc: 0 });
      await notifier.catchUp();
    });
    afterEach(async () => {
      await notifier.close();
      // Each test starts with no profiles and no notices.
      for (const doc of await noticesOf(t.store)) await t.store.database('crm').pouch.remove(doc._id!, doc._rev!);
      const { rows } = await t.store.database('discussion').pouch.allDocs({ include_docs: true });
      for (const row of rows) if (row.doc?.form === 'InterestProfile') await t.store.database('discussion').pouch.remove(row.doc._id, row.doc._rev);
    });

    test('a matching post becomes one notice to the person, with why and a link; the author and others get none', async () => {
      await profile(t.store, '王芳', { words: ['报价'], delivery: 'each' });
      await profile(t.store, '张三', { words: ['报价'], delivery: 'each' });
      await profile(t.store, 'Anna Schmidt', { categories: ['展会'], delivery: 'each' });
      const id = await post(t.store, '张三', { subject: '汉堡客户询问球阀报价', body: '需要 DN50 的报价单', category: ['询盘'] });
      assert.equal(await notifier.catchUp(), 1);

      const notices = await noticesOf(t.store);
      assert.deepEqual(notices.map((n) => [n._id, n.recipients, n.kind, n.linkDb, n.linkId]), [
        [interestNoticeId('王芳', id), ['王芳'], 'interest', 'discussion', id],
      ]);
      const [notice] = notices;
      assert.match(String(notice!.subject), /汉堡客户询问球阀报价/);
      assert.match(String(notice!.body), /关键词 Word: 报价/);
      assert.match(String(notice!.body), new RegExp(`#/discussion/all-documents/${id}`));
      assert.ok((notice!.readers as string[]).includes('王芳'));

      assert.equal(await notifier.catchUp(), 0, 'a second run finds nothing new');
      await t.store.database('discussion').save({ ...(await t.store.database('discussion').get(id)), body: '更新：需要报价' }, saveContext('2026-03-10T10:00:00.000Z', '张三'));
      assert.equal(await notifier.catchUp(), 0, 'an edited post is not announced again');
      assert.equal((await noticesOf(t.store)).length, 1);
    });

    test('responses match by their thread\'s category and by a followed thread, responses to responses too', async () => {
      const topic = await post(t.store, '李四', { subject: '广交会展位', category: ['展会'] });
      await profile(t.store, '王芳', { categories: ['展会'], delivery: 'each' });
      await profile(t.store, 'Anna Schmidt', { threads: [topic], delivery: 'each' });
      const reply = (await t.store.database('discussion').save({ form: 'Response', parent: topic, subject: 'Re: 展位' }, saveContext('2026-03-10T10:00:00.000Z', '张三')))._id;
      const deeper = (await t.store.database('discussion').save({ form: 'Response', parent: reply, subject: 'Re: Re: 展位' }, saveContext('2026-03-10T11:00:00.000Z', '李四')))._id;
      await notifier.catchUp();
      const got = (await noticesOf(t.store)).map((n) => `${String((n.recipients as string[])[0])} ${String(n.linkId)}`).sort();
      assert.deepEqual(got, [
        `Anna Schmidt ${deeper}`, `Anna Schmidt ${reply}`,
        `王芳 ${deeper}`, `王芳 ${reply}`, `王芳 ${topic}`,
      ].sort());
    });

    test('no notice about a post the person may not read, nor to someone who has left', async () => {
      await profile(t.store, '王芳', { words: ['机密'], delivery: 'each' });
      await profile(t.store, '李四', { words: ['机密'], delivery: 'each' });
      await profile(t.store, '离职者', { words: ['机密'], delivery: 'each' });
      const secret = await post(t.store, '张三', { subject: '机密：底价', readers: ['[Sales]'] });
      await notifier.catchUp();
      assert.deepEqual((await noticesOf(t.store)).map((n) => [n.recipients, n.linkId]), [[['李四'], secret]]);
    });

    test('a daily digest gathers the day\'s matches in one notice due at the digest hour', async () => {
      await profile(t.store, '王芳', { words: ['报价', 'ISO'], delivery: 'digest' });
      const first = await post(t.store, '张三', { subject: '新报价' });
      const ignored = await post(t.store, '张三', { subject: 'isolate the fault' });
      await notifier.catchUp();
      clock.advance(3 * 3600_000);
      const second = await post(t.store, 'Anna Schmidt', { subject: 'ISO 9001 certificate renewed' });
      await notifier.catchUp();

      const notices = await noticesOf(t.store);
      assert.equal(notices.length, 1);
      const digest = notices[0]!;
      assert.equal(digest._id, digestNoticeId('王芳', '2026-03-11T00:00:00.000Z'));
      assert.equal(digest.due, '2026-03-11T00:00:00.000Z');
      const lines = String(digest.body).split('\n');
      assert.equal(lines.length, 2);
      assert.ok(lines[0]!.endsWith(first) && lines[1]!.endsWith(second));
      assert.ok(!String(digest.body).includes(ignored));

      clock.advance(24 * 3600_000);
      await post(t.store, '张三', { subject: '明天的报价' });
      await notifier.catchUp();
      assert.deepEqual((await noticesOf(t.store)).map((n) => n.due).sort(), ['2026-03-11T00:00:00.000Z', '2026-03-12T00:00:00.000Z']);
    });

    test('history is not announced: the first run starts from now; a restart goes on from its checkpoint; it follows changes live', async () => {
      await profile(t.store, '王芳', { words: ['样品'], delivery: 'each' });
      const before = await post(t.store, '张三', { subject: '样品寄出' });
      await notifier.close();
      const restarted = new InterestNotifier({ store: t.store, directory, logger: createLogger('silent'), now: clock.now });
      restarted.start();
      await expectEventually(async () => (await noticesOf(t.store)).some((n) => n.linkId === before));
      const live = await post(t.store, '张三', { subject: '第二批样品' });
      await expectEventually(async () => (await noticesOf(t.store)).some((n) => n.linkId === live));
      await restarted.close();
    });
  });
}
