import type { Doc, FieldError } from '../../design/form.js';
import { fieldError } from '../../design/field-error.js';
import { formByName } from '../../design/forms/index.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { validate } from '../../design/validate.js';
import type { LocalDatabase } from './local-database.js';
import { newDocId } from './new-doc-id.js';

export type SaveOutcome =
  | { readonly ok: true; readonly id: string; readonly rev: string }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * Items PouchDB hands out that are not part of a revision's content. `_attachments` stays: its
 * stubs carry the document's files over to the new revision, which would lose them otherwise.
 */
const READ_ONLY = ['_conflicts', '_revisions', '_revs_info'] as const;

/**
 * A save on the workstation: what design/ adds on every save (stamps, defaults, pinyin keys), as
 * the signed-in user, then the same validation the gateway runs (with the choices configured in the
 * replica's settings), then the local write. What the
 * gateway may still refuse (access changed meanwhile) shows in the status indicator.
 */
export async function saveDocument(db: LocalDatabase, draft: Doc, previous: Doc | null): Promise<SaveOutcome> {
  const content: Doc = { ...draft, _id: draft._id ?? fixedIdOf(draft) ?? newDocId() };
  for (const item of READ_ONLY) delete content[item];
  if (previous?._rev) content._rev = previous._rev;
  const prepared = prepareForSave(content, previous, { user: db.user, now: new Date().toISOString() });
  const errors = validate(prepared, previous, db.user, db.settings);
  if (errors.length > 0) return { ok: false, errors };
  try {
    const { id, rev } = await db.pouch.put(prepared as PouchDB.Core.PutDocument<Record<string, unknown>>);
    db.outbox.saved(id, rev);
    return { ok: true, id, rev };
  } catch (error) {
    if ((error as { status?: number }).status === 409) {
      return { ok: false, errors: [fieldError('_rev', 'rule', '此文档已被他人更改，请重新打开后再编辑。', 'This document was changed meanwhile: reopen it and edit again.')] };
    }
    throw error;
  }
}

/** Deletes revisions (a document, or the losing sides of a conflict) and records them for sending. */
export async function deleteRevisions(db: LocalDatabase, id: string, revs: readonly string[]): Promise<void> {
  const results = await db.pouch.bulkDocs(revs.map((rev) => ({ _id: id, _rev: rev, _deleted: true })));
  for (const result of results) {
    if ('error' in result && result.error) throw new Error(`${id}: ${String(result.message ?? result.error)}`);
    if ('rev' in result && result.rev) db.outbox.saved(id, result.rev);
  }
}

/** A settings document is made under its form's one id, so that everything finds it. */
function fixedIdOf(draft: Doc): string | undefined {
  return typeof draft.form === 'string' ? formByName(draft.form)?.fixedId : undefined;
}
