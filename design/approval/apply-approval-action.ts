import type { Doc } from '../form.js';
import { MANAGER_ROLE } from '../forms/crm-fields.js';
import type { Label } from '../label.js';
import type { UserContext } from '../user.js';
import type { ApprovalActionName, ApprovalDef, ApprovalStep, RouteStage } from './approval-def.js';
import type { ResolvedRoute } from './resolve-route.js';

export interface ApprovalAction {
  readonly action: ApprovalActionName;
  readonly note?: string;
}

export interface ApprovalContext {
  readonly user: UserContext;
  /** The server's clock: every step is stamped with it. */
  readonly now: string;
  /** Who stands in for whom today (approver → delegate), from the delegations in force. */
  readonly delegates: ReadonlyMap<string, string>;
  /** For `submit`: the route the server resolved in the directory, and the amount it compared. */
  readonly route?: ResolvedRoute;
  readonly amount?: { readonly amount: number; readonly currency: string } | null;
  /** For `submit`: the CRM settings document, which the form's `required` reads. */
  readonly crmSettings?: Doc | null;
}

export type ApprovalOutcome = { readonly ok: true; readonly doc: Doc } | { readonly ok: false; readonly reason: Label };

/**
 * Applies one step of a document's approval, or says why this person may not take it now. Pure:
 * the server calls it with the signed-in person, its own clock and the delegations in force, then
 * saves the result.
 *
 * - the filer submits a draft or a returned document (the route is resolved anew), withdraws it
 *   while it waits, and urges the approvers it waits for (so may a manager);
 * - an approver of the current stage — or whoever stands in for them while they are away —
 *   approves, returns it with a comment, or rejects it with the reason; a stage where one decides
 *   goes on at the first approval, a parallel one when all have approved;
 * - after the last stage it is approved, and with a completion step (finance pays an expense
 *   claim) someone with that role completes it.
 */
export function applyApprovalAction(doc: Doc, def: ApprovalDef, step: ApprovalAction, ctx: ApprovalContext): ApprovalOutcome {
  const status = doc.approvalStatus ?? 'draft';
  const { user, now } = ctx;
  const refuse = (zh: string, en: string): ApprovalOutcome => ({ ok: false, reason: { zh, en } });
  const note = step.note?.trim() ?? '';
  const route = routeOf(doc);
  const index = typeof doc.stage === 'number' ? doc.stage : 0;
  const current = route[index];
  const entry = (action: ApprovalStep['action'], extra: Partial<ApprovalStep> = {}): ApprovalStep =>
    ({ action, by: user.name, at: now, ...(note ? { note } : {}), ...extra });
  const next = (changes: Doc, ...entries: ApprovalStep[]): ApprovalOutcome =>
    ({ ok: true, doc: { ...doc, ...changes, approvalHistory: [...historyOf(doc), ...entries] } });
  const isFiler = user.name === doc.createdBy;

  switch (step.action) {
    case 'submit': {
      if (status !== 'draft' && status !== 'returned') return refuse('只有草稿或被退回的文档可以提交审批', 'Only a draft or a returned document can be submitted');
      if (!isFiler) return refuse('只有申请人可以提交审批', 'Only the person who filed it may submit it');
      if (def.required && !def.required(doc, ctx.crmSettings ?? null)) return refuse('这份文档无需审批', 'It does not need approval');
      const resolved = ctx.route;
      if (!resolved) return refuse('审批路线尚未确定', 'The route has not been worked out');
      if (!resolved.ok) return { ok: false, reason: resolved.reason };
      const skipped = resolved.skipped.map((label) => ({ action: 'skip' as const, by: user.name, at: now, stage: label }));
      const amount = ctx.amount ? { amountBase: ctx.amount.amount, baseCurrency: ctx.amount.currency } : { amountBase: undefined, baseCurrency: undefined };
      const base = { ...amount, route: resolved.stages, stage: 0, submittedAt: now, decidedAt: undefined, filerDepartment: resolved.department };
      const first = resolved.stages[0];
      if (!first) return next({ ...base, approvalStatus: 'approved', waitingFor: [], decidedAt: now }, entry('submit'), ...skipped);
      return next({ ...base, approvalStatus: 'pending', waitingFor: waitingFor(first, ctx.delegates) }, entry('submit'), ...skipped);
    }
    case 'withdraw':
      if (status !== 'pending') return refuse('只有审批中的文档可以撤回', 'Only a document awaiting approval can be withdrawn');
      if (!isFiler) return refuse('只有申请人可以撤回', 'Only the person who filed it may withdraw it');
      return next({ approvalStatus: 'draft', waitingFor: [], stage: undefined }, entry('withdraw'));
    case 'urge':
      if (status !== 'pending') return refuse('只有审批中的文档可以催办', 'Only a document awaiting approval can be urged');
      if (!isFiler && !user.roles.includes(MANAGER_ROLE)) return refuse('只有申请人或经理可以催办', 'Only the person who filed it or a manager may urge');
      return next({}, entry('urge', current ? { stage: current.label } : {}));
    case 'approve':
    case 'return':
    case 'reject': {
      if (status !== 'pending' || !current) return refuse('该文档不在审批中', 'The document is not awaiting approval');
      const acting = actingFor(current, user.name, ctx.delegates);
      if (!acting) return refuse('您不是当前环节的审批人', 'You are not an approver at the current stage');
      const by = acting === user.name ? {} : { for: acting };
      if (step.action !== 'approve') {
        if (!note) return step.action === 'return' ? refuse('请写明退回的原因', 'Write why it is returned') : refuse('请写明驳回的原因', 'Write why it is rejected');
        return next({ approvalStatus: step.action === 'return' ? 'returned' : 'rejected', waitingFor: [], decidedAt: step.action === 'reject' ? now : undefined },
          entry(step.action, { ...by, stage: current.label }));
      }
      const approved: RouteStage = { ...current, approved: [...current.approved, { by: user.name, ...by, at: now }] };
      const stages = route.map((s, i) => (i === index ? approved : s));
      const stageDone = current.decide === 'any' || approved.approvers.every((a) => approved.approved.some((d) => (d.for ?? d.by) === a));
      const record = entry('approve', { ...by, stage: current.label });
      if (!stageDone) return next({ route: stages, waitingFor: waitingFor(approved, ctx.delegates) }, record);
      const following = stages[index + 1];
      if (following) return next({ route: stages, stage: index + 1, waitingFor: waitingFor(following, ctx.delegates) }, record);
      return next({ route: stages, approvalStatus: 'approved', waitingFor: [], decidedAt: now }, record);
    }
    case 'complete':
      if (!def.completion) return refuse('该表单没有办结步骤', 'This form has no completion step');
      if (status !== 'approved') return refuse('只有已批准的文档可以办结', 'Only an approved document can be completed');
      if (!user.roles.includes(def.completion.role)) return refuse(`只有 ${def.completion.role} 可以办结`, `Only ${def.completion.role} may complete it`);
      return next({ approvalStatus: 'completed', completedAt: now }, entry('complete'));
  }
}

/** The approver of this stage the person acts for: themselves, or someone away whom they stand in for. */
export function actingFor(stage: RouteStage, name: string, delegates: ReadonlyMap<string, string>): string | null {
  const open = stage.approvers.filter((a) => !stage.approved.some((d) => (d.for ?? d.by) === a));
  if (open.includes(name)) return name;
  return open.find((a) => delegates.get(a) === name) ?? null;
}

/** Who the stage waits for: the approvers who have not approved yet, and whoever stands in for them. */
export function waitingFor(stage: RouteStage, delegates: ReadonlyMap<string, string>): string[] {
  const open = stage.approvers.filter((a) => !stage.approved.some((d) => (d.for ?? d.by) === a));
  return [...new Set(open.flatMap((a) => [a, ...(delegates.has(a) ? [delegates.get(a)!] : [])]))];
}

/**
 * The steps the workstation offers this person now. The server decides with the delegations in
 * force; here the document's `waitingFor` (approvers and stand-ins as of its last step) stands in,
 * and the replica's CRM settings for the server's.
 */
export function availableApprovalActions(doc: Doc, def: ApprovalDef, user: UserContext, crmSettings: Doc | null = null): ApprovalActionName[] {
  const status = doc.approvalStatus ?? 'draft';
  const isFiler = user.name === doc.createdBy;
  const waiting = Array.isArray(doc.waitingFor) && doc.waitingFor.includes(user.name);
  const actions: ApprovalActionName[] = [];
  if ((status === 'draft' || status === 'returned') && isFiler && (!def.required || def.required(doc, crmSettings))) actions.push('submit');
  if (status === 'pending' && waiting) actions.push('approve', 'return', 'reject');
  if (status === 'pending' && (isFiler || user.roles.includes(MANAGER_ROLE))) actions.push('urge');
  if (status === 'pending' && isFiler) actions.push('withdraw');
  if (status === 'approved' && def.completion && user.roles.includes(def.completion.role)) actions.push('complete');
  return actions;
}

export function routeOf(doc: Doc): RouteStage[] {
  return Array.isArray(doc.route) ? (doc.route as RouteStage[]) : [];
}

export function historyOf(doc: Doc): ApprovalStep[] {
  return Array.isArray(doc.approvalHistory) ? (doc.approvalHistory as ApprovalStep[]) : [];
}
