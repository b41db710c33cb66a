import { APPROVAL_WORKFLOW_FIELDS } from '../../design/approval/approval-fields.js';
import { COMPLAINT_WORKFLOW_FIELDS } from '../../design/forms/complaint.js';
import { formByName } from '../../design/forms/index.js';
import type { Doc } from '../../design/form.js';
import { isWrittenField } from './mail-drafts.js';

const WORKFLOW: ReadonlySet<string> = new Set(COMPLAINT_WORKFLOW_FIELDS);
/** Shown as the complaint's timeline (gx-complaint-steps), not as fields. */
const HISTORY: ReadonlySet<string> = new Set(['steps', 'handling', 'overdueNotifiedAt']);
/** Where a notice or internal message points (database and id): followed by its action, never shown as an id. */
const LINK_ITEMS: ReadonlySet<string> = new Set(['linkDb', 'linkId']);
/** Shown by an element of their own: a received message's HTML in a sandboxed frame (gx-mail-html). */
const SHOWN_APART: ReadonlySet<string> = new Set(['html', 'inlineImages']);
const APPROVAL_WORKFLOW: ReadonlySet<string> = new Set(APPROVAL_WORKFLOW_FIELDS);
/** Recipients named by id through the API: a person picks groups instead, and never reads ids. */
const ID_LISTS: Readonly<Record<string, string>> = { FaxBatch: 'customerIds', MassMailing: 'contactIds' };
/** Shown as the route and the timeline of the approval (gx-approval-steps). */
const APPROVAL_SHOWN_APART: ReadonlySet<string> = new Set(['route', 'stage', 'approvalHistory', 'remindedAt']);

/**
 * Whether the document pane shows a field: a form offers only what the person may write (not
 * computed fields, nor the server's stamps and counts, nor a complaint's workflow fields, which
 * its steps change on the server), and a complaint's history
 * reads as a timeline rather than as raw records.
 */
export function isShownField(doc: Doc, field: string, editing: boolean): boolean {
  if (LINK_ITEMS.has(field) && (doc.form === 'Message' || doc.form === 'Notice')) return false;
  if (typeof doc.form === 'string' && ID_LISTS[doc.form] === field) return false;
  if (doc.form === 'Complaint') return editing ? !WORKFLOW.has(field) && !isDerived(doc, field) : !HISTORY.has(field);
  // A report's comments are its managers' (gx-report-comment adds them), not its writer's to edit.
  if (doc.form === 'WorkReport' && editing && field === 'comments') return false;
  if (hasApproval(doc)) return editing ? !APPROVAL_WORKFLOW.has(field) && !isDerived(doc, field) : !APPROVAL_SHOWN_APART.has(field);
  return editing ? isWrittenField(doc, field) && !isDerived(doc, field) : !SHOWN_APART.has(field);
}

function hasApproval(doc: Doc): boolean {
  return typeof doc.form === 'string' && formByName(doc.form)?.approval !== undefined;
}

/** Computed on every save, or written by the server alone: nothing a person could type would stay. */
function isDerived(doc: Doc, field: string): boolean {
  const form = typeof doc.form === 'string' ? formByName(doc.form) : undefined;
  return form?.fields[field]?.computed !== undefined || (form?.serverFields?.includes(field) ?? false);
}
