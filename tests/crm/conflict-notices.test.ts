import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { receiptId } from '../../design/forms/message.js';
import { SERVER_USER } from '../../design/user.js';
import { CrmFollower } from '../../server/crm/crm-follower.js';
import { conflictNoticeId } from '../../server/crm/notify-conflicts.js';
import { digestNoticeId } from '../../server/interest/interest-notice-docs.js';
import { createLogger } from '../../server/log.js';
import type { Database } from '../../server/store/store.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { ENGINES, openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';

const now = () => '2026-03-06T00:00:00.000Z';

/** Two children of one revision, as replication leaves them after two people edited apart. */
async function conflict(crm: Database, base: Doc, edits: readonly [Doc, Doc]): Promise<void> {
  const hash = String(base._rev).slice(2);
  await crm.pouch.bulkDocs(edits.map((edit, i) => {
    const own = String(i + 1).repeat(32);
    return { ...base, ...edit, _rev: `2-${own}`, _revisions: { start: 2, ids: [own, hash] } };
  }) as never[], { new_edits: false });
}

/** Whether the followers' checkpoint is at the last change of the feed (seqs compared as the feed gives them). */
async function caughtUp(crm: Database): Promise<void> {
  const checkpoint = (await crm.pouch.get('_local/crm-follower')) as { since?: string | number };
  const [last] = (await crm.pouch.changes({ descending: true, limit: 1 })).results;
  assert.equal(String(checkpoint.since), String(last!.seq));
}

async function conflictNotices(crm: Database): Promise<Doc[]> {
  const { rows } = await crm.pouch.allDocs({ startkey: 'conflict-', endkey: 'conflict-\uffff', include_docs: true });
  return rows.map((row) => row.doc as unknown as Doc);
}

for (const engine of ENGINES) {
  describe(`conflicting edits are not silent (${engine})`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
    });
    after(async () => {
      await t.cleanup();
    });

    test('two leaves of a forum digest (two servers adding to it on different nodes) become one digest with every line, and nobody is told of a conflict', async () => {
      const crm = t.store.database('crm');
      const follower = new CrmFollower(crm, t.store.serverDocs, createLogger('silent'), now);
      try {
        const id = digestNoticeId('王芳', '2026-03-07T00:00:00.000Z');
        const base = await crm.save({ _id: id, form: 'Notice', kind: 'interest', recipients: ['王芳'], subject: '论坛摘要 Forum digest 2026-03-07', body: '球阀报价 #/discussion/all-documents/p1', due: '2026-03-07T00:00:00.000Z' }, { user: SERVER_USER, now: now() });
        await conflict(crm, base, [
          { body: '球阀报价 #/discussion/all-documents/p1\n展会安排 #/discussion/all-documents/p2' },
          { body: '球阀报价 #/discussion/all-documents/p1\n样品寄送 #/discussion/all-documents/p3' },
        ]);
        const digest = await expectEventually(async () => {
          const doc = (await crm.pouch.get(id, { conflicts: true })) as Doc & { _conflicts?: string[] };
          assert.equal(doc._conflicts, undefined, 'one leaf left');
          return doc;
        });
        assert.deepEqual(String(digest.body).split('\n').map((line) => line.slice(-2)).sort(), ['p1', 'p2', 'p3']);
        await expectEventually(() => caughtUp(crm));
        assert.equal((await conflictNotices(crm)).length, 0);
      } finally {
        await follower.close();
      }
    });

    test('both people get one notice linking to the record, however often and by however many servers the feed is read', async () => {
      const crm = t.store.database('crm');
      const follower = new CrmFollower(crm, t.store.serverDocs, createLogger('silent'), now);
      try {
        const base = await crm.save({ _id: 'deal-conflict', form: 'Deal', name: '杭州瑞丰阀门样品订单', customerId: 'c1', owner: ['王芳'] }, saveContext(undefined, '王芳'));
        await conflict(crm, base, [{ amount: 1000, modifiedBy: '王芳' }, { amount: 2000, modifiedBy: '李雷' }]);
        const notice = await expectEventually(async () => {
          const found = await conflictNotices(crm);
          assert.equal(found.length, 1);
          return found[0]!;
        });
        const { _conflicts: losing } = (await crm.pouch.get('deal-conflict', { conflicts: true })) as { _conflicts?: string[] };
        assert.equal(notice._id, conflictNoticeId('deal-conflict', losing![0]!));
        assert.deepEqual([...(notice.recipients as string[])].sort(), ['李雷', '王芳'].sort());
        assert.deepEqual([notice.kind, notice.linkDb, notice.linkId], ['conflict', 'crm', 'deal-conflict']);
        assert.match(String(notice.subject), /修改冲突.*杭州瑞丰阀门样品订单/);
        assert.match(String(notice.body), /王芳/);
        // Only the people in it read it.
        assert.deepEqual([...(notice.readers as string[])].sort(), [SERVER_USER.name, '李雷', '王芳'].sort());
      } finally {
        await follower.close();
      }
      // A replay from the start of the feed, by two servers at once, makes no second notice.
      await crm.pouch.get('_local/crm-follower').then((doc) => crm.pouch.remove(doc)).catch(() => undefined);
      const again = [new CrmFollower(crm, t.store.serverDocs, createLogger('silent'), now), new CrmFollower(crm, t.store.serverDocs, createLogger('silent'), now)];
      try {
        await expectEventually(() => caughtUp(crm));
      } finally {
        await Promise.all(again.map((follower) => follower.close()));
      }
      assert.equal((await conflictNotices(crm)).length, 1);
    });

    test('a conflict with the server’s own revision is merged, not announced; a notice or a message read on two devices is no news', async () => {
      const crm = t.store.database('crm');
      const follower = new CrmFollower(crm, t.store.serverDocs, createLogger('silent'), now);
      try {
        const deal = await crm.save({ _id: 'deal-merged', form: 'Deal', name: '阀门订单', customerId: 'c1', owner: ['王芳'] }, saveContext(undefined, '王芳'));
        await conflict(crm, deal, [{ number: 'D0007', modifiedBy: SERVER_USER.name }, { status: 'won', modifiedBy: '王芳' }]);
        const notice = await crm.save({ _id: 'urge-1', form: 'Notice', kind: 'urge', recipients: ['王芳'], subject: '催办' }, saveContext(undefined, '李雷'));
        await conflict(crm, notice, [{ readAt: '2026-03-05T01:00:00.000Z', modifiedBy: '王芳' }, { readAt: '2026-03-05T02:00:00.000Z', modifiedBy: '李雷' }]);
        const receipt = await crm.save({ _id: receiptId('msg-1', '王芳'), form: 'Receipt', parent: 'msg-1', reader: ['王芳'], notify: ['李雷'] }, saveContext(undefined, '王芳'));
        await conflict(crm, receipt, [{ readAt: '2026-03-05T01:00:00.000Z', modifiedBy: '王芳' }, { readAt: '2026-03-05T02:00:00.000Z', modifiedBy: '王芳' }]);
        await expectEventually(async () => {
          const merged = (await crm.pouch.get('deal-merged', { conflicts: true })) as Doc & { _conflicts?: string[] };
          assert.deepEqual([merged.number, merged.status, merged._conflicts], ['D0007', 'won', undefined]);
          await caughtUp(crm);
        });
      } finally {
        await follower.close();
      }
      const ids = (await conflictNotices(crm)).map((doc) => doc.linkId);
      assert.ok(!ids.includes('deal-merged') && !ids.includes('urge-1') && !ids.includes(receiptId('msg-1', '王芳')), `no notice expected, found ${ids.join(', ')}`);
    });
  });
}
