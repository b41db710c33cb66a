import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApprovalDef } from '../../design/approval/approval-def.js';
import { applyApprovalAction, availableApprovalActions } from '../../design/approval/apply-approval-action.js';
import { resolveRoute, type RouteDirectory } from '../../design/approval/resolve-route.js';
import { EXPENSE_APPROVAL } from '../../design/forms/expense-claim.js';
import { REQUEST_APPROVAL } from '../../design/forms/office-request.js';
import { QUOTATION_APPROVAL } from '../../design/forms/quotation.js';

const directory: RouteDirectory = {
  people: [
    { name: '王芳', roles: [], department: '销售部' },
    { name: '刘主管', roles: [], department: '销售部' },
    { name: '周总', roles: ['[Director]'] },
    { name: '吴总', roles: ['[Director]'] },
    { name: '孙工', roles: [], department: '技术部' },
    { name: '无部门', roles: [] },
  ],
  groups: [{ name: '销售部', head: ['刘主管'] }, { name: '技术部', head: [] }],
};

const refusal = (route: ReturnType<typeof resolveRoute>) => (route.ok ? '' : route.reason.en);

describe('approval routes resolved in the directory', () => {
  test('the threshold adds the director stage only over ¥5,000, where any one director decides', () => {
    const small = resolveRoute(EXPENSE_APPROVAL, {}, '王芳', directory, 5000);
    assert.deepEqual(small.ok && small.stages.map((s) => s.approvers), [['刘主管']], 'exactly ¥5,000 is not over');
    const large = resolveRoute(EXPENSE_APPROVAL, {}, '王芳', directory, 5000.01);
    assert.deepEqual(large.ok && large.stages.map((s) => [s.approvers, s.decide]), [[['刘主管'], 'any'], [['周总', '吴总'], 'any']]);
    assert.deepEqual(large.ok && large.department, '销售部');
  });

  test('what would leave a document waiting forever is refused with the reason', () => {
    assert.equal(refusal(resolveRoute(EXPENSE_APPROVAL, {}, '无部门', directory, 100)), 'You have no department in the directory, so there is no department head to approve');
    assert.equal(refusal(resolveRoute(EXPENSE_APPROVAL, {}, '孙工', directory, 100)), 'The department 技术部 has no head (the head of its group in the directory)');
    const noDirector = { ...directory, people: directory.people.filter((p) => !p.roles.includes('[Director]')) };
    assert.equal(refusal(resolveRoute(EXPENSE_APPROVAL, {}, '王芳', noDirector, 9000)), 'Nobody can approve at the stage "Director"');
    assert.equal(refusal(resolveRoute(REQUEST_APPROVAL, { approvers: [] }, '王芳', directory, null)), 'Nobody can approve at the stage "Approval"');
  });

  test('nobody approves their own document: a director filing a large claim is left out of the director stage', () => {
    const route = resolveRoute(EXPENSE_APPROVAL, {}, '周总', { ...directory, people: [...directory.people.filter((p) => p.name !== '周总'), { name: '周总', roles: ['[Director]'], department: '销售部' }] }, 9000);
    assert.deepEqual(route.ok && route.stages.map((s) => s.approvers), [['刘主管'], ['吴总']]);
  });

  test('in parallel a stage waits for everyone; one who approves twice counts once', () => {
    const def: ApprovalDef = { stages: [{ label: { zh: '会签', en: 'Joint' }, approvers: { people: ['周总', '吴总'] }, decide: 'all' }] };
    const route = resolveRoute(def, {}, '王芳', directory, null);
    const ctx = (name: string, at: string) => ({ user: { name, roles: [] }, now: at, delegates: new Map<string, string>() });
    const submitted = applyApprovalAction({ createdBy: '王芳' }, def, { action: 'submit' }, { ...ctx('王芳', 't1'), route });
    assert.ok(submitted.ok);
    const once = applyApprovalAction(submitted.doc, def, { action: 'approve' }, ctx('周总', 't2'));
    assert.ok(once.ok);
    assert.deepEqual([once.doc.approvalStatus, once.doc.waitingFor], ['pending', ['吴总']]);
    const twice = applyApprovalAction(once.doc, def, { action: 'approve' }, ctx('周总', 't3'));
    assert.deepEqual(twice.ok ? '' : twice.reason.en, 'You are not an approver at the current stage');
    const done = applyApprovalAction(once.doc, def, { action: 'approve' }, ctx('吴总', 't4'));
    assert.deepEqual(done.ok && [done.doc.approvalStatus, done.doc.decidedAt], ['approved', 't4']);
  });

  test('a quotation is submitted only above the allowed discount of the CRM settings, and not once sent', () => {
    const filer = { name: '王芳', roles: [] };
    const quotation = (discountPercent: number, status = 'draft') => ({ form: 'Quotation', createdBy: '王芳', status, approvalStatus: 'draft', discountPercent });
    const settings = { allowedDiscountPercent: 12 };
    assert.deepEqual(availableApprovalActions(quotation(12), QUOTATION_APPROVAL, filer, settings), [], 'exactly the allowed discount needs none');
    assert.deepEqual(availableApprovalActions(quotation(12.5), QUOTATION_APPROVAL, filer, settings), ['submit']);
    assert.deepEqual(availableApprovalActions(quotation(11), QUOTATION_APPROVAL, filer, null), ['submit'], 'without settings 10% is allowed');
    assert.deepEqual(availableApprovalActions(quotation(15, 'sent'), QUOTATION_APPROVAL, filer, settings), [], 'a sent one stays as it went');
    const refused = applyApprovalAction(quotation(15, 'sent'), QUOTATION_APPROVAL, { action: 'submit' }, { user: filer, now: 't1', delegates: new Map(), crmSettings: settings });
    assert.equal(!refused.ok && refused.reason.en, 'It does not need approval');
  });
});
