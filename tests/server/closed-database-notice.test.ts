import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { aclDocId } from '../../design/access/directory-ids.js';
import type { Doc } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import { closedDatabaseNoticeId, noticeClosedDatabases } from '../../server/directory/closed-database-notice.js';
import { ensureDefaultAcls } from '../../server/directory/default-acls.js';
import { openTestStore, type TestStore } from '../helpers/test-store.js';

const ctx = { user: SERVER_USER, now: '2026-03-06T00:00:00.000Z' };

describe('an install whose forum and library only administrators can open', () => {
  let t: TestStore;
  before(async () => {
    t = await openTestStore('embedded');
  });
  after(async () => {
    await t.cleanup();
  });

  test('the old create-admin left the forum No Access and nobody was told: its Managers get one notice in both languages; a library opened to staff gets none', async () => {
    const names = t.store.database('names');
    // As create-admin made them before default ACLs: No Access, the administrator as Manager.
    await names.save({ _id: aclDocId('discussion'), form: 'ACL', db: 'discussion', defaultLevel: 'noAccess', entries: [{ name: 'Admin', level: 'manager' }] }, ctx);
    await names.save({ _id: aclDocId('library'), form: 'ACL', db: 'library', defaultLevel: 'noAccess', entries: [{ name: 'Admin', level: 'manager' }, { name: '外贸一部', level: 'reader' }] }, ctx);
    await ensureDefaultAcls(names, ctx);

    assert.deepEqual(await noticeClosedDatabases(t.store, ctx), ['discussion']);
    const notice = await t.store.database('crm').get(closedDatabaseNoticeId('discussion')) as Doc;
    assert.deepEqual([notice.kind, notice.recipients], ['upgrade', ['Admin']]);
    assert.match(String(notice.subject), /只有管理员能打开论坛 Only administrators can open the forum/);
    assert.match(String(notice.body), /默认级别改为“作者”[\s\S]*set the default to Author/);
    assert.equal((await names.get(aclDocId('discussion'))).defaultLevel, 'noAccess', 'the ACL itself is left as its Managers made it');

    assert.deepEqual(await noticeClosedDatabases(t.store, ctx), [], 'told once, at the next start too');
  });

  test('a fresh install (default ACLs) gets no notice', async () => {
    const fresh = await openTestStore('embedded');
    try {
      await ensureDefaultAcls(fresh.store.database('names'), ctx);
      assert.deepEqual(await noticeClosedDatabases(fresh.store, ctx), []);
    } finally {
      await fresh.cleanup();
    }
  });
});
