import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { CrmFollower } from '../../server/crm/crm-follower.js';
import { escalationNoticeId } from '../../server/crm/notify-escalation.js';
import { createLogger } from '../../server/log.js';
import type { Database } from '../../server/store/store.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { ENGINES, openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';

const now = () => '2026-03-06T00:00:00.000Z';

async function escalationNotices(crm: Database): Promise<Doc[]> {
  const { rows } = await crm.pouch.allDocs({ startkey: 'escalated-', endkey: 'escalated-\uffff', include_docs: true });
  return rows.map((row) => row.doc as unknown as Doc);
}

for (const engine of ENGINES) {
  describe(`support escalated to technical support reaches them (${engine})`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
    });
    after(async () => {
      await t.cleanup();
    });

    test('nobody was told of an escalation, and a restricted request stayed hidden from the engineer: now a notice, and they read and answer it', async () => {
      const crm = t.store.database('crm');
      const follower = new CrmFollower(crm, t.store.serverDocs, createLogger('silent'), now);
      try {
        // Opened from a customer only 王芳 reads: the request has her as its only reader.
        const asked = await crm.save({ _id: 'support-pump', form: 'Support', customerId: 'c1', customerName: '杭州瑞丰阀门有限公司', question: '水泵异响怎么处理？', details: 'CP-65 运行半年后出现异响', readers: ['王芳'] }, saveContext(undefined, '王芳'));
        await crm.save({ ...asked, status: 'escalated', escalatedTo: ['张工'] }, saveContext(undefined, '王芳'));
        const notice = await expectEventually(async () => {
          const found = await escalationNotices(crm);
          assert.equal(found.length, 1);
          return found[0]!;
        });
        assert.equal(notice._id, escalationNoticeId('support-pump', '张工'));
        assert.deepEqual([notice.kind, notice.recipients, notice.linkDb, notice.linkId], ['support', ['张工'], 'crm', 'support-pump']);
        assert.match(String(notice.body), /王芳 将客户“杭州瑞丰阀门有限公司”的问题转给您：水泵异响怎么处理？/);
        assert.ok((notice.readers as string[]).includes('张工'));
        const request = await expectEventually(async () => {
          const doc = await crm.get('support-pump');
          assert.ok((doc.readers as string[]).includes('张工') && (doc.authors as string[]).includes('张工'), JSON.stringify([doc.readers, doc.authors]));
          return doc;
        });

        // Edited again and escalated to a second engineer as well: one more notice, for them only.
        await crm.save({ ...request, escalatedTo: ['张工', '李工'], details: '已更换轴承，仍有异响' }, saveContext(undefined, '王芳'));
        await expectEventually(async () => assert.deepEqual((await escalationNotices(crm)).map((n) => (n.recipients as string[])[0]).sort(), ['张工', '李工'].sort()));
      } finally {
        await follower.close();
      }
    });

    test('a request answered without escalation notifies nobody', async () => {
      const crm = t.store.database('crm');
      const follower = new CrmFollower(crm, t.store.serverDocs, createLogger('silent'), now);
      try {
        await crm.save({ _id: 'support-answered', form: 'Support', customerId: 'c1', question: '交货期多久？', status: 'answered', answer: '三十天', escalatedTo: ['张工'] }, saveContext(undefined, '王芳'));
        await crm.save({ _id: 'support-marker', form: 'Support', customerId: 'c1', question: '标记', status: 'escalated', escalatedTo: ['周工'] }, saveContext(undefined, '王芳'));
        await expectEventually(async () => assert.ok((await escalationNotices(crm)).some((n) => n.linkId === 'support-marker'), 'the escalation notice is there'));
        assert.ok(!(await escalationNotices(crm)).some((n) => n.linkId === 'support-answered'));
      } finally {
        await follower.close();
      }
    });
  });
}
