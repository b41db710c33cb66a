import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { findStale } from '../../design/gtd-review.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { validate } from '../../design/validate.js';

const wang = { name: '王芳', roles: ['[Sales]', '销售部'] };
const li = { name: '李雷', roles: ['[Sales]'] };
const zhou = { name: '周经理', roles: ['[Manager]'] };

function save(doc: Doc, oldDoc: Doc | null, user = wang, now = '2026-03-02T09:00:00.000Z'): Doc {
  return prepareForSave(doc, oldDoc, { user, now });
}

describe('GTD actions', () => {
  test('a captured line lands in its owner\'s inbox, seen by the owner alone', () => {
    const action = save({ form: 'Action', subject: '追溯与该客户的沟通记录' }, null);
    assert.deepEqual(validate(action, null, wang), []);
    assert.equal(action.status, 'inbox');
    assert.deepEqual(action.inboxOf, ['王芳']);
    assert.deepEqual(action.readers, ['王芳']);
  });

  test('delegating moves it into the delegate\'s inbox, lets them read and edit it, and keeps since when it waits', () => {
    const captured = save({ form: 'Action', subject: '寄样品' }, null);
    const waiting = save({ ...captured, status: 'waiting', delegatedTo: ['李雷'] }, captured);
    assert.deepEqual(validate(waiting, captured, wang), []);
    assert.deepEqual(waiting.inboxOf, ['李雷']);
    assert.deepEqual(waiting.readers, ['王芳', '李雷']);
    assert.deepEqual(waiting.authors, ['王芳', '李雷']);
    assert.equal(waiting.waitingSince, '2026-03-02');
    const later = save({ ...waiting, notes: '已催' }, waiting, li, '2026-03-20T09:00:00.000Z');
    assert.equal(later.waitingSince, '2026-03-02');
    const done = save({ ...later, status: 'done' }, later, li, '2026-03-21T09:00:00.000Z');
    assert.equal(done.doneAt, '2026-03-21T09:00:00.000Z');
    assert.equal(done.waitingSince, undefined);
    assert.deepEqual(done.inboxOf, []);
  });

  test('the delegate may finish the action but not take it over', () => {
    const captured = save({ form: 'Action', subject: '寄样品' }, null);
    const waiting = save({ ...captured, status: 'waiting', delegatedTo: ['李雷'] }, captured);
    const taken = save({ ...waiting, owner: ['李雷'] }, waiting, li);
    assert.deepEqual(validate(taken, waiting, li).map((e) => e.field), ['owner']);
    const handedOver = save({ ...waiting, owner: ['李雷'] }, waiting, wang);
    assert.deepEqual(validate(handedOver, waiting, wang), []);
  });

  test('waiting for nobody is refused with a reason in both languages', () => {
    const doc = save({ form: 'Action', subject: '等回复', status: 'waiting' }, null);
    const errors = validate(doc, null, wang);
    assert.deepEqual(errors.map((e) => e.field), ['delegatedTo']);
    assert.match(errors[0]!.message.zh, /委托/);
  });

  test('a context an administrator added in the CRM settings is taken, an unknown one is not', () => {
    const settings = { _id: 'crm-settings', form: 'CrmSettings', actionContexts: [{ zh: '仓库', en: 'Warehouse' }] };
    const doc = save({ form: 'Action', subject: '盘点样品', status: 'next', context: '仓库' }, null);
    assert.deepEqual(validate(doc, null, wang, (id) => (id === 'crm-settings' ? settings : null)), []);
    assert.deepEqual(validate(doc, null, wang).map((e) => e.field), ['context']);
  });
});

describe('the weekly review', () => {
  const project = (id: string, status = 'active'): Doc => ({ _id: id, form: 'ActionProject', subject: id, status });
  test('flags active projects without a next action and waiting-for items older than the limit', () => {
    const projects = [project('p1'), project('p2'), project('p3', 'someday')];
    const actions: Doc[] = [
      { _id: 'a1', form: 'Action', status: 'next', projectId: 'p1' },
      { _id: 'a2', form: 'Action', status: 'waiting', projectId: 'p2', waitingSince: '2026-02-20' },
      { _id: 'a3', form: 'Action', status: 'waiting', waitingSince: '2026-02-28' },
    ];
    const stale = findStale('2026-03-02', projects, actions, 7);
    assert.deepEqual(stale.projectsWithoutNext.map((p) => p._id), ['p2']);
    assert.deepEqual(stale.waitingTooLong.map((a) => a._id), ['a2']);
  });
});

describe('internal messages and bulletins', () => {
  test('a message to a department is readable by the sender and the department, and only the sender edits it', () => {
    const message = save({ form: 'Message', to: ['销售部', '李雷'], subject: '周五开会' }, null);
    assert.deepEqual(validate(message, null, wang), []);
    assert.deepEqual(message.readers, ['王芳', '销售部', '李雷']);
    assert.deepEqual(message.authors, ['王芳']);
  });

  test('nobody sends a message, or a read receipt, in someone else\'s name', () => {
    const forged = save({ form: 'Message', to: ['李雷'], subject: '放假', sender: ['周经理'] }, null);
    assert.deepEqual(validate(forged, null, wang).map((e) => e.field), ['sender']);
    const receipt = save({ form: 'Receipt', parent: 'm1', reader: ['李雷'], notify: ['王芳'] }, null);
    assert.deepEqual(validate(receipt, null, wang).map((e) => e.field), ['reader']);
    const own = save({ form: 'Receipt', parent: 'm1', notify: ['王芳'] }, null, li);
    assert.deepEqual(validate(own, null, li), []);
    assert.deepEqual(own.readers, ['李雷', '王芳']);
  });

  test('only people with the bulletin role or managers post bulletins', () => {
    const bulletin = (user: typeof wang) => save({ form: 'Bulletin', subject: '春节放假通知', expires: '2026-02-20' }, null, user);
    assert.deepEqual(validate(bulletin(zhou), null, zhou), []);
    assert.deepEqual(validate(bulletin(wang), null, wang).map((e) => e.field), ['poster']);
    const clerk = { name: '赵敏', roles: ['[Bulletin]'] };
    assert.deepEqual(validate(bulletin(clerk), null, clerk), []);
  });
});
