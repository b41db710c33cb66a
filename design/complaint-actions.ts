import type { Doc } from './form.js';
import type { Label } from './label.js';
import type { UserContext } from './user.js';

/** A step someone takes on a complaint, as the server receives it. */
export interface ComplaintAction {
  readonly action: 'submitForReview' | 'approve' | 'returnToFiler' | 'assign' | 'handle' | 'solve' | 'close';
  readonly note?: string;
  readonly department?: string;
  readonly handler?: readonly string[];
  readonly solution?: string;
  readonly summary?: string;
}

export const COMPLAINT_ACTIONS: readonly ComplaintAction['action'][] = ['submitForReview', 'approve', 'returnToFiler', 'assign', 'handle', 'solve', 'close'];

/** Each step's name, and what the person taking it is asked for (the field of ComplaintAction). */
export const COMPLAINT_STEP_FORMS: Readonly<Record<ComplaintAction['action'], { readonly label: Label; readonly asks: 'note' | 'department' | 'solution' | 'summary'; readonly prompt: Label }>> = {
  submitForReview: { label: { zh: '提交经理审核', en: 'Submit for review' }, asks: 'note', prompt: { zh: '说明（可不填）', en: 'Note (optional)' } },
  approve: { label: { zh: '审核通过并转交', en: 'Approve and pass on' }, asks: 'department', prompt: { zh: '处理部门', en: 'Department to handle it' } },
  returnToFiler: { label: { zh: '退回', en: 'Return' }, asks: 'note', prompt: { zh: '退回原因', en: 'Why it is returned' } },
  assign: { label: { zh: '转交处理', en: 'Pass on' }, asks: 'department', prompt: { zh: '处理部门', en: 'Department to handle it' } },
  handle: { label: { zh: '添加处理记录', en: 'Record handling' }, asks: 'note', prompt: { zh: '处理记录', en: 'What was done' } },
  solve: { label: { zh: '已解决', en: 'Solved' }, asks: 'solution', prompt: { zh: '解决方案', en: 'Solution' } },
  close: { label: { zh: '关闭投诉', en: 'Close' }, asks: 'summary', prompt: { zh: '总结', en: 'Summary' } },
};

/** One line of a complaint's history: what was done, by whom, when (the server's clock). */
export interface ComplaintStep {
  readonly action: ComplaintAction['action'];
  readonly by: string;
  readonly at: string;
  readonly note?: string;
  /** Where an approval or hand-over sent it, so that the history reads on its own. */
  readonly department?: string;
  readonly handler?: readonly string[];
}

export type ActionOutcome = { readonly ok: true; readonly doc: Doc } | { readonly ok: false; readonly reason: Label };

export const MANAGER_ROLE = '[Manager]';

/**
 * Applies one step to a complaint, or says why this person may not take it now. Pure: the server
 * calls it with the signed-in user and its own clock, then saves the result.
 *
 * - the filer (or anyone who may edit it) passes a new complaint on, or to a manager for review
 *   when it needs one; only a manager approves (and passes it on) or returns it;
 * - only the assigned department's members or the named handlers record handling and the solution;
 * - the filer or a manager closes a solved complaint with a summary.
 */
export function applyComplaintAction(doc: Doc, step: ComplaintAction, user: UserContext, now: string): ActionOutcome {
  const status = doc.status ?? 'new';
  const refuse = (zh: string, en: string): ActionOutcome => ({ ok: false, reason: { zh, en } });
  const isManager = user.roles.includes(MANAGER_ROLE);
  const next = (changes: Doc, routed: Partial<ComplaintStep> = {}): ActionOutcome => {
    const entry: ComplaintStep = { action: step.action, by: user.name, at: now, ...(step.note?.trim() ? { note: step.note.trim() } : {}), ...routed };
    return { ok: true, doc: { ...doc, ...changes, steps: [...stepsOf(doc), entry] } };
  };

  switch (step.action) {
    case 'submitForReview':
      if (status !== 'new') return refuse('只有新登记的投诉可以提交审核', 'Only a new complaint can be submitted for review');
      return next({ status: 'review' });
    case 'approve':
    case 'assign': {
      if (step.action === 'approve' ? status !== 'review' : status !== 'new') {
        return step.action === 'approve'
          ? refuse('该投诉不在待审核状态', 'The complaint is not awaiting review')
          : refuse('只有新登记的投诉可以转交处理', 'Only a new complaint can be passed on');
      }
      if (step.action === 'approve' && !isManager) return refuse('只有经理可以审核投诉', 'Only a manager may approve a complaint');
      if (step.action === 'assign' && doc.needsReview === true && !isManager) {
        return refuse('该投诉须先经经理审核', 'This complaint must be reviewed by a manager before it is passed on');
      }
      const department = step.department?.trim() ?? '';
      const handler = (step.handler ?? []).map((n) => n.trim()).filter((n) => n !== '');
      if (department === '' && handler.length === 0) return refuse('请指定处理部门或处理人', 'Name the department or person to handle it');
      return next({ status: 'assigned', department: department || undefined, handler }, { ...(department ? { department } : {}), ...(handler.length > 0 ? { handler } : {}) });
    }
    case 'returnToFiler':
      if (status !== 'review') return refuse('该投诉不在待审核状态', 'The complaint is not awaiting review');
      if (!isManager) return refuse('只有经理可以退回投诉', 'Only a manager may return a complaint');
      return next({ status: 'new' });
    case 'handle':
    case 'solve': {
      if (status !== 'assigned') return refuse('该投诉不在处理中', 'The complaint is not being handled');
      if (!isAssignedTo(doc, user)) return refuse('只有被指派的部门或处理人可以处理该投诉', 'Only the assigned department or person may handle this complaint');
      if (step.action === 'handle') {
        if (!step.note?.trim()) return refuse('请填写处理记录', 'Write what was done');
        return next({ handling: [...recordsOf(doc), { by: user.name, at: now, note: step.note.trim() }] });
      }
      if (!step.solution?.trim()) return refuse('请填写解决方案', 'Write the solution');
      return next({ status: 'solved', solution: step.solution.trim() });
    }
    case 'close': {
      if (status !== 'solved') return refuse('只有已解决的投诉可以关闭', 'Only a solved complaint can be closed');
      if (!isManager && user.name !== doc.createdBy) return refuse('只有登记人或经理可以关闭投诉', 'Only the person who filed it or a manager may close a complaint');
      if (!step.summary?.trim()) return refuse('请填写总结', 'Write a summary');
      return next({ status: 'closed', summary: step.summary.trim(), closedAt: now });
    }
  }
}

/** The steps this person may take on the complaint now (whatever they will be asked to write). */
export function availableComplaintActions(doc: Doc, user: UserContext): ComplaintAction['action'][] {
  const filled = { note: '-', department: '-', solution: '-', summary: '-' };
  return COMPLAINT_ACTIONS.filter((action) => applyComplaintAction(doc, { action, ...filled }, user, '').ok);
}

/** A member of the department (a group, so among the user's roles and groups) or a named handler. */
export function isAssignedTo(doc: Doc, user: UserContext): boolean {
  const handlers = Array.isArray(doc.handler) ? doc.handler : [];
  return handlers.includes(user.name) || (typeof doc.department === 'string' && user.roles.includes(doc.department));
}

function stepsOf(doc: Doc): ComplaintStep[] {
  return Array.isArray(doc.steps) ? (doc.steps as ComplaintStep[]) : [];
}

function recordsOf(doc: Doc): object[] {
  return Array.isArray(doc.handling) ? (doc.handling as object[]) : [];
}
