import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyComplaintAction, availableComplaintActions, type ComplaintAction } from '../../design/complaint-actions.js';
import type { Doc } from '../../design/form.js';
import type { UserContext } from '../../design/user.js';

const filer: UserContext = { name: '王芳', roles: [] };
const manager: UserContext = { name: '张经理', roles: ['[Manager]'] };
const engineer: UserContext = { name: '李工', roles: ['售后部'] };
const named: UserContext = { name: '赵敏', roles: [] };
const AT = '2026-03-10T08:00:00.000Z';
const filed: Doc = { _id: 'k1', form: 'Complaint', status: 'new', createdBy: '王芳', needsReview: false, manager: ['张经理'] };

function take(doc: Doc, user: UserContext, step: ComplaintAction): Doc {
  const outcome = applyComplaintAction(doc, step, user, AT);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.reason.en);
  return outcome.doc;
}

describe('complaint steps', () => {
  test('without review the filer passes it on, to a department and a named person', () => {
    assert.deepEqual(availableComplaintActions(filed, filer), ['submitForReview', 'assign']);
    const assigned = take(filed, filer, { action: 'assign', department: ' 售后部 ', handler: ['赵敏', ' '] });
    assert.deepEqual([assigned.status, assigned.department, assigned.handler], ['assigned', '售后部', ['赵敏']]);
    assert.deepEqual(availableComplaintActions(assigned, engineer), ['handle', 'solve'], 'a member of the department');
    assert.deepEqual(availableComplaintActions(assigned, named), ['handle', 'solve'], 'the person named');
    assert.deepEqual(availableComplaintActions(assigned, filer), []);
    assert.deepEqual(availableComplaintActions(assigned, manager), [], 'a manager does not handle it for the department');
  });

  test('a manager returns a complaint under review to its filer, who may submit it again', () => {
    const inReview = take({ ...filed, needsReview: true }, filer, { action: 'submitForReview' });
    assert.deepEqual(availableComplaintActions(inReview, filer), []);
    assert.deepEqual(availableComplaintActions(inReview, manager), ['approve', 'returnToFiler']);
    const returned = take(inReview, manager, { action: 'returnToFiler', note: '请补充照片' });
    assert.equal(returned.status, 'new');
    assert.deepEqual(availableComplaintActions(returned, filer), ['submitForReview']);
    assert.deepEqual(availableComplaintActions(returned, manager), ['submitForReview', 'assign'], 'a manager may pass it on without a second review');
    assert.deepEqual((returned.steps as { action: string; by: string; note?: string }[]).map((s) => [s.action, s.by, s.note]), [
      ['submitForReview', '王芳', undefined], ['returnToFiler', '张经理', '请补充照片'],
    ]);
  });

  test('blank answers are refused with a reason in both languages, and nothing changes', () => {
    const assigned = take(filed, filer, { action: 'assign', department: '售后部' });
    for (const [step, zh] of [
      [{ action: 'handle', note: '   ' }, '请填写处理记录'],
      [{ action: 'solve' }, '请填写解决方案'],
    ] as const) {
      const outcome = applyComplaintAction(assigned, step, engineer, AT);
      assert.deepEqual(outcome.ok ? null : outcome.reason.zh, zh);
    }
    const solved = take(assigned, engineer, { action: 'solve', solution: '换货' });
    const blank = applyComplaintAction(solved, { action: 'close', summary: '' }, manager, AT);
    assert.equal(blank.ok, false);
    assert.equal(take(solved, manager, { action: 'close', summary: '已结案' }).closedAt, AT);
    assert.equal(applyComplaintAction({ ...solved, status: 'closed' }, { action: 'close', summary: 'x' }, manager, AT).ok, false, 'closed is final');
  });
});
