import { COMPLAINT_WORKFLOW_FIELDS } from '../../design/forms/complaint.js';
import type { Doc } from '../../design/form.js';
import { isWrittenField } from './mail-drafts.js';

const WORKFLOW: ReadonlySet<string> = new Set(COMPLAINT_WORKFLOW_FIELDS);
/** Shown as the complaint's timeline (gx-complaint-steps), not as fields. */
const HISTORY: ReadonlySet<string> = new Set(['steps', 'handling', 'overdueNotifiedAt']);

/**
 * Whether the document pane shows a field: a form offers only what the person may write (a
 * complaint's workflow fields are the server's, changed by its steps), and a complaint's history
 * reads as a timeline rather than as raw records.
 */
export function isShownField(doc: Doc, field: string, editing: boolean): boolean {
  if (doc.form === 'Complaint') return editing ? !WORKFLOW.has(field) : !HISTORY.has(field);
  return !editing || isWrittenField(doc, field);
}
