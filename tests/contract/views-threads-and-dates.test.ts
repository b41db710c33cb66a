import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import type { ViewRow } from '../../engine/view-page.js';
import { ENGINES, openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';

const deals: Doc[] = [
  { _id: 'd1', name: '集装箱采购', opened: '2026-01-15', status: 'won', amount: 1000 },
  { _id: 'd2', name: 'Solar panels', opened: '2026-02-03', status: 'tracking', amount: 250.5 },
  { _id: 'd3', name: '阀门订单', opened: '2026-02-20', status: 'tracking', amount: 100 },
  { _id: 'd4', name: 'Bicycles', opened: '2025-12-01', status: 'tracking' },
  { _id: 'd5', name: '钢管', opened: '2026-02-20', status: 'won', amount: 40 },
].map((doc) => ({ form: 'Deal', customerId: 'c1', ...doc }));

function summary(rows: ViewRow[]): string[] {
  return rows.map((row) => (row.kind === 'category'
    ? `${String(row.title)}: ${row.count} / ${row.sums.join(',')}`
    : `${'>'.repeat(row.depth)}${row.id}`));
}

for (const engine of ENGINES) {
  describe(`views with dates and threads: ${engine}`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
    });
    after(async () => {
      await t.cleanup();
    });

    test('descending dates: newest first inside each status, newest month first', async () => {
      const crm = t.store.database('crm');
      assert.ok((await crm.saveMany(deals, saveContext())).every((r) => r.ok));
      assert.deepEqual(summary((await crm.view('deals-by-status')).rows), [
        'tracking: 3 / 350.5', 'd3', 'd2', 'd4',
        'won: 2 / 1040', 'd5', 'd1',
      ]);
      assert.deepEqual(summary((await crm.view('deals-by-month')).rows), [
        '2026-02: 3 / 390.5', 'd3', 'd5', 'd2', // 阀门 fa, 钢管 gang, Solar
        '2026-01: 1 / 1000', 'd1',
        '2025-12: 1 / 0', 'd4',
      ]);
    });

    test('responses are shown indented under their parents, oldest first, never as rows of their own', async () => {
      const discussion = t.store.database('discussion');
      const post = (id: string, at: string, extra: Doc) => discussion.save({ _id: id, subject: id, ...extra }, saveContext(at));
      await post('topic-a', '2026-03-01T08:00:00.000Z', { form: 'Topic', category: ['市场'] });
      await post('topic-b', '2026-03-02T08:00:00.000Z', { form: 'Topic', category: ['产品'] });
      await post('re-a1', '2026-03-01T09:00:00.000Z', { form: 'Response', parent: 'topic-a' });
      await post('re-a2', '2026-03-03T09:00:00.000Z', { form: 'Response', parent: 'topic-a' });
      await post('re-a1-1', '2026-03-04T09:00:00.000Z', { form: 'Response', parent: 're-a1' });
      await assert.rejects(post('orphan', '2026-03-04T09:00:00.000Z', { form: 'Response' }), { error: 'invalid' });

      assert.deepEqual(summary((await discussion.view('all-documents')).rows), ['topic-b', 'topic-a', '>re-a1', '>>re-a1-1', '>re-a2']);
      assert.deepEqual(summary((await discussion.view('topics-by-category')).rows), [
        '产品: 1 / ', 'topic-b',
        '市场: 1 / ', 'topic-a', '>re-a1', '>>re-a1-1', '>re-a2',
      ]);
      const firstPage = await discussion.view('all-documents', { limit: 2 });
      assert.deepEqual(summary(firstPage.rows), ['topic-b', 'topic-a', '>re-a1', '>>re-a1-1', '>re-a2'], 'a thread is not split across pages');
      assert.equal((await discussion.view('all-documents', { after: firstPage.next })).rows.length, 0);
    });
  });
}
