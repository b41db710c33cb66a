import { fieldError } from '../field-error.js';
import type { Doc, FieldDef, FieldError } from '../form.js';
import { choices } from '../forms/choices.js';
import { SERVER_USER, type UserContext } from '../user.js';
import type { ApprovalDef, RouteStage } from './approval-def.js';

/** draft → pending → approved (→ completed); pending → returned (→ pending again) or rejected. */
export const APPROVAL_STATUSES = choices({
  draft: ['草稿', 'Draft'],
  pending: ['审批中', 'Awaiting approval'],
  returned: ['已退回', 'Returned'],
  rejected: ['已驳回', 'Rejected'],
  approved: ['已批准', 'Approved'],
  completed: ['已办结', 'Completed'],
});

/**
 * The fields only approval steps change. Steps are taken through the server, which stamps who took
 * them and when with its own clock, so that nobody approves offline, through the gateway, in
 * someone else's name, or backdated; the server saves them as `[Server]`.
 */
export const APPROVAL_WORKFLOW_FIELDS = [
  'approvalStatus', 'route', 'stage', 'waitingFor', 'approvalHistory', 'amountBase', 'baseCurrency',
  'filerDepartment', 'submittedAt', 'decidedAt', 'completedAt', 'remindedAt',
] as const;

/** Statuses in which the filer may still change what the document asks for. */
const EDITABLE: ReadonlySet<unknown> = new Set([undefined, 'draft', 'returned']);

/** Whether a document with a route is with its approvers (or done): its filer changes it no more. */
export function isLockedForApproval(doc: Doc): boolean {
  return !EDITABLE.has(doc.approvalStatus);
}

/**
 * The fields every form with an approval route has, spread into its `fields`. By default its
 * access is the route's: the filer edits, the filer, the route and the form's readers read. A form
 * whose documents take their access from elsewhere (a quotation from its deal) keeps its own with
 * `{ ownAccess: true }`: its readers, when they restrict it, gain the route's people.
 */
export function approvalFields(def: ApprovalDef, { ownAccess = false } = {}): Record<string, FieldDef> {
  return {
    approvalStatus: { type: 'choice', label: { zh: '审批状态', en: 'Approval' }, sortable: true, choices: APPROVAL_STATUSES, default: 'draft' },
    waitingFor: { type: 'names', label: { zh: '待审批人', en: 'Waiting for' }, sortable: true },
    route: { type: 'objects', label: { zh: '审批路线', en: 'Route' } },
    stage: { type: 'number', label: { zh: '当前环节', en: 'Current stage' } },
    approvalHistory: { type: 'objects', label: { zh: '审批记录', en: 'Approval history' } },
    amountBase: { type: 'number', label: { zh: '折合本位币', en: 'In base currency' } },
    baseCurrency: { type: 'text', label: { zh: '本位币', en: 'Base currency' }, maxLength: 3 },
    filerDepartment: { type: 'text', label: { zh: '申请部门', en: 'Department' }, sortable: true, maxLength: 100 },
    submittedAt: { type: 'datetime', label: { zh: '提交时间', en: 'Submitted' } },
    decidedAt: { type: 'datetime', label: { zh: '批准时间', en: 'Decided' } },
    completedAt: { type: 'datetime', label: { zh: '办结时间', en: 'Completed' } },
    remindedAt: { type: 'datetime', label: { zh: '提醒时间', en: 'Reminded' } },
    ...(ownAccess ? {
      // Empty readers (everyone reads) stay empty; none yet leaves them to the form's defaults.
      readers: { type: 'readers', label: { zh: '读者', en: 'Readers' }, computed: (doc) => (list(doc.readers).length === 0 ? doc.readers : [...new Set([...list(doc.readers), ...approvalReaders(doc, def)])]) },
    } satisfies Record<string, FieldDef> : {
      /** The filer, everyone on the route and whoever stands in for them, and the form's own readers. */
      readers: { type: 'readers', label: { zh: '读者', en: 'Readers' }, computed: (doc) => approvalReaders(doc, def) },
      /** Only the filer edits it (while it is a draft or returned); the server takes the steps. */
      authors: { type: 'authors', label: { zh: '作者', en: 'Authors' }, computed: (doc) => (typeof doc.createdBy === 'string' ? [doc.createdBy] : []) },
    } satisfies Record<string, FieldDef>),
  };
}

function approvalReaders(doc: Doc, def: ApprovalDef): string[] {
  const route = Array.isArray(doc.route) ? (doc.route as RouteStage[]) : [];
  const names = [doc.createdBy, ...route.flatMap((s) => [...s.approvers, ...s.approved.map((a) => a.by)]), ...list(doc.waitingFor), ...(def.readers ?? [])];
  return [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))];
}

/**
 * A person may not write the workflow fields, and may change nothing else of a document once it is
 * submitted (until it comes back to them): what was approved is what was asked for.
 */
export function approvalRules(doc: Doc, oldDoc: Doc | null, user: UserContext): FieldError[] {
  if (SERVER_USER.roles.every((role) => user.roles.includes(role))) return [];
  const stepErrors = APPROVAL_WORKFLOW_FIELDS
    .filter((field) => !sameValue(doc[field], oldDoc ? oldDoc[field] : field === 'approvalStatus' ? 'draft' : undefined))
    .map((field) => fieldError(field, 'rule', '审批步骤须通过服务器办理（由服务器记录时间和办理人）',
      'Approval steps are taken through the server, which records who took them and when'));
  if (stepErrors.length > 0 || !oldDoc || !isLockedForApproval(oldDoc)) return stepErrors;
  const changed = Object.keys({ ...doc, ...oldDoc }).some((key) => !key.startsWith('$') && !STAMPS.has(key) && !sameValue(doc[key], oldDoc[key]))
    || !sameValue(fileDigests(doc), fileDigests(oldDoc));
  return changed ? [lockedError()] : [];
}

function lockedError(): FieldError {
  return fieldError('approvalStatus', 'rule', '已提交审批的文档不能再修改或删除；请审批人退回后再改', 'A document submitted for approval cannot be changed or deleted; it can be once an approver returns it');
}

/** What every save changes, or the store keeps: not what the person asked for. */
const STAMPS: ReadonlySet<string> = new Set(['_rev', '_revisions', '_conflicts', '_attachments', 'modified', 'modifiedBy', 'readers', 'authors']);

/** The files by name and content (a stub and the same file sent in full are the same receipt). */
function fileDigests(doc: Doc): string[] {
  const files = doc._attachments && typeof doc._attachments === 'object' ? (doc._attachments as Record<string, { digest?: unknown }>) : {};
  return Object.entries(files).map(([name, file]) => `${name} ${String(file?.digest ?? '')}`).sort();
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function sameValue(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
  return (empty(a) && empty(b)) || JSON.stringify(a) === JSON.stringify(b);
}
