import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import type { ViewRow } from '../../engine/view-page.js';
import { StaticDirectory } from '../../server/directory/static-directory.js';
import { ENGINES, openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';

function summary(rows: ViewRow[]): string[] {
  return rows.map((row) => (row.kind === 'category' ? `${String(row.title)}: ${row.count}` : `${'>'.repeat(row.depth)}${row.id}`));
}

for (const engine of ENGINES) {
  describe(`forum views: ${engine}`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
      const discussion = t.store.database('discussion');
      const post = (id: string, at: string, author: string, extra: Doc) =>
        discussion.save({ _id: id, subject: `主题 ${id}`, ...extra }, saveContext(at, author));
      await post('t-price', '2026-03-01T08:00:00.000Z', '张三', { form: 'Topic', category: ['报价'], customerId: 'cust-1', customerName: '汉堡贸易' });
      await post('t-fair', '2026-03-02T08:00:00.000Z', 'Anna Schmidt', { form: 'Topic', category: ['展会', '市场'] });
      await post('r-1', '2026-03-02T09:00:00.000Z', '李四', { form: 'Response', parent: 't-price' });
      await post('r-1-1', '2026-03-03T09:00:00.000Z', '张三', { form: 'Response', parent: 'r-1' });
      await post('r-2', '2026-03-04T09:00:00.000Z', '阿明', { form: 'Response', parent: 't-fair' });
    });
    after(async () => {
      await t.cleanup();
    });

    test('All Documents: topics newest first, responses and responses to responses indented under them', async () => {
      const page = await t.store.database('discussion').view('all-documents');
      assert.deepEqual(summary(page.rows), ['t-fair', '>r-2', 't-price', '>r-1', '>>r-1-1']);
      const topic = page.rows.find((row) => row.kind === 'document' && row.id === 't-price');
      assert.deepEqual(topic?.kind === 'document' && topic.values.slice(1, 3), ['主题 t-price', ['张三']]);
    });

    test('By Category: a topic with two categories is under each, with its whole thread', async () => {
      assert.deepEqual(summary((await t.store.database('discussion').view('topics-by-category')).rows), [
        '报价: 1', 't-price', '>r-1', '>>r-1-1', // bao
        '市场: 1', 't-fair', '>r-2', // shi
        '展会: 1', 't-fair', '>r-2', // zhan
      ]);
    });

    test('By Author: every post under its author, authors in pinyin order with Latin names among them', async () => {
      assert.deepEqual(summary((await t.store.database('discussion').view('posts-by-author')).rows), [
        '阿明: 1', 'r-2', // a ming
        'Anna Schmidt: 1', 't-fair', // anna
        '李四: 1', 'r-1', // li si
        '张三: 2', 'r-1-1', 't-price', // zhang san, newest first
      ]);
    });

    test('My Posts: each person sees only their own posts, with no category header', async () => {
      const directory = new StaticDirectory({
        people: [{ name: '张三' }, { name: '王五' }],
        acls: [{ db: 'discussion', defaultEntry: { name: '-Default-', level: 'reader' }, entries: [] }],
      });
      const myPosts = (name: string) => t.store.database('discussion').view('my-posts', {}, directory.accessFor(name, 'discussion'));
      const mine = await myPosts('张三');
      assert.deepEqual(summary(mine.rows), ['r-1-1', 't-price']);
      assert.equal(mine.total.count, 2);
      const page = await t.store.database('discussion').view('my-posts', { limit: 1 }, directory.accessFor('张三', 'discussion'));
      assert.deepEqual(summary((await t.store.database('discussion').view('my-posts', { after: page.next }, directory.accessFor('张三', 'discussion'))).rows), ['t-price']);
      assert.deepEqual(summary((await myPosts('王五')).rows), [], 'someone who has posted nothing sees nothing');
      assert.deepEqual(summary((await t.store.database('discussion').view('my-posts')).rows), [], 'nor does the server itself');
    });

    test('the author is the one who posted, whatever the post claims', async () => {
      const discussion = t.store.database('discussion');
      const saved = await discussion.save({ form: 'Topic', subject: '冒名', author: ['王五'] }, saveContext('2026-03-05T08:00:00.000Z', '赵六'));
      assert.deepEqual(saved.author, ['赵六']);
      const edited = await discussion.save({ ...saved, body: '改过' }, saveContext('2026-03-05T09:00:00.000Z', '管理员'));
      assert.deepEqual(edited.author, ['赵六'], 'an edit by someone else keeps the author');
      await discussion.remove(edited._id, edited._rev, saveContext());
    });
  });
}
