import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import { flagOverdueComplaints } from '../../server/complaints/flag-overdue-complaints.js';
import { ENGINES, openTestStore, type TestStore } from '../helpers/test-store.js';

const NOW = '2026-03-10T12:00:00.000Z';
const complaint = (id: string, status: string, received: string, manager: string[]): Doc => ({
  _id: id, form: 'Complaint', subject: `投诉 ${id}`, customerId: 'c1', customerName: '宁波海顺贸易', category: 'delivery',
  aboutKind: 'department', about: '物流部', description: '货物晚到两周', manager, status, received,
});

for (const engine of ENGINES) {
  describe(`overdue complaints: ${engine}`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
    });
    after(async () => {
      await t.cleanup();
    });

    test('complaints open past the limit are flagged and their managers notified, once', async () => {
      const crm = t.store.database('crm');
      const ctx = { now: '2026-03-01T00:00:00.000Z', user: SERVER_USER };
      for (const doc of [
        complaint('late-new', 'new', '2026-03-06T11:00:00.000Z', ['张经理']),
        complaint('late-review', 'review', '2026-03-05T00:00:00.000Z', ['张经理', '李经理']),
        complaint('recent', 'assigned', '2026-03-09T12:00:00.000Z', ['张经理']),
        complaint('just-in-time', 'new', '2026-03-07T12:00:01.000Z', ['张经理']),
        complaint('solved-long-ago', 'solved', '2026-02-01T00:00:00.000Z', ['张经理']),
        complaint('closed-long-ago', 'closed', '2026-02-01T00:00:00.000Z', ['张经理']),
      ]) await crm.save(doc, ctx);

      assert.deepEqual((await flagOverdueComplaints(t.store, NOW, 72)).sort(), ['late-new', 'late-review']);
      const notice = await crm.get('complaint-overdue-late-review');
      assert.deepEqual([notice.form, notice.kind, notice.recipients, notice.linkDb, notice.linkId], ['Notice', 'complaint', ['张经理', '李经理'], 'crm', 'late-review']);
      assert.match(String(notice.subject), /Complaint open 132 h: 投诉 late-review/);
      assert.equal((await crm.get('late-new')).overdueNotifiedAt, NOW);
      assert.equal((await crm.get('recent')).overdueNotifiedAt, undefined);

      assert.deepEqual(await flagOverdueComplaints(t.store, '2026-03-10T13:00:00.000Z', 72), ['just-in-time'], 'each complaint once; the next one when its time comes');
      const byStatus = await crm.view('complaints-by-status');
      const flagged = byStatus.rows.flatMap((row) => (row.kind === 'document' && row.values.at(-1) ? [row.id] : []));
      assert.deepEqual(flagged.sort(), ['just-in-time', 'late-new', 'late-review'], 'the views show which are overdue');
    });
  });
}
