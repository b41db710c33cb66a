import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import { mergeServerConflicts } from '../../server/crm/merge-server-conflicts.js';
import { rebaseDraft } from '../../client/controllers/rebase-draft.js';
import { openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';

describe('an offline edit meeting the server’s numbering', () => {
  let t: TestStore;
  before(async () => {
    t = await openTestStore('embedded');
  });
  after(async () => {
    await t.cleanup();
  });

  /** Two children of one revision, as replication leaves them: the server's and a person's. */
  async function branches(id: string, person: string) {
    const crm = t.store.database('crm');
    const base = await crm.save({ _id: id, form: 'Deal', name: '样品订单', customerId: 'c1', owner: ['王芳'] }, saveContext(undefined, '王芳'));
    const [hash] = [base._rev.slice(2)];
    const server = { ...base, number: 'D0007', modifiedBy: SERVER_USER.name, _rev: `2-${'a'.repeat(32)}`, _revisions: { start: 2, ids: ['a'.repeat(32), hash] } };
    const edit = { ...base, status: 'won', wonDate: '2026-03-05', modifiedBy: person, _rev: `2-${'b'.repeat(32)}`, _revisions: { start: 2, ids: ['b'.repeat(32), hash] } };
    await crm.pouch.bulkDocs([server, edit] as never[], { new_edits: false });
    return crm;
  }

  test('the person’s version wins and keeps the server’s number; the conflict is gone', async () => {
    const crm = await branches('m1', '王芳');
    await mergeServerConflicts(crm, 'm1', () => ({ user: SERVER_USER, now: '2026-03-06T00:00:00.000Z' }));
    const doc = (await crm.pouch.get('m1', { conflicts: true })) as Doc & { _conflicts?: string[] };
    assert.deepEqual([doc.status, doc.number, doc._conflicts], ['won', 'D0007', undefined]);
  });

  test('two people’s edits stay a conflict for people to resolve', async () => {
    const crm = t.store.database('crm');
    const base = await crm.save({ _id: 'm2', form: 'Deal', name: '样品订单', customerId: 'c1' }, saveContext(undefined, '王芳'));
    const hash = base._rev.slice(2);
    await crm.pouch.bulkDocs([
      { ...base, amount: 1, modifiedBy: '王芳', _rev: `2-${'c'.repeat(32)}`, _revisions: { start: 2, ids: ['c'.repeat(32), hash] } },
      { ...base, amount: 2, modifiedBy: '李雷', _rev: `2-${'d'.repeat(32)}`, _revisions: { start: 2, ids: ['d'.repeat(32), hash] } },
    ] as never[], { new_edits: false });
    await mergeServerConflicts(crm, 'm2', () => ({ user: SERVER_USER, now: '2026-03-06T00:00:00.000Z' }));
    assert.equal(((await crm.pouch.get('m2', { conflicts: true })) as { _conflicts?: string[] })._conflicts?.length, 1);
  });
});

test('a draft saved after a newer revision arrived: the person’s changes on top of it, the rest as it now is', () => {
  const base = { _id: 'x', _rev: '1-a', name: '旧名', city: '宁波', tags: ['A'] };
  const latest = { _id: 'x', _rev: '2-b', name: '旧名', city: '宁波', code: 'C0001', tags: ['A'] };
  const draft = { _id: 'x', _rev: '1-a', name: '新名', tags: ['A'] };
  assert.deepEqual(rebaseDraft(draft, base, latest), { _id: 'x', _rev: '2-b', name: '新名', code: 'C0001', tags: ['A'] });
});
