import type { SettingsLookup } from '../../design/configured-choices.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { validate } from '../../design/validate.js';
import { createError, toGuanxiError, type ErrorBody, type ErrorKind } from '../../engine/errors.js';
import { checkDocId, newDocId } from './doc-id.js';
import type { StoredDoc } from './store.js';

/** What a write becomes: the document to store, or why it is refused. */
export type Prepared = { readonly doc: Doc } | { readonly refused: ErrorBody & { readonly kind: ErrorKind } };

/**
 * Checks one write against the stored version it replaces (`null`: deleted, `undefined`: none),
 * computes what a save adds, and validates the result (choices configured in `settings`).
 */
export function prepareWrite(doc: Doc, old: StoredDoc | null | undefined, ctx: SaveContext, settings: SettingsLookup): Prepared {
  try {
    return { doc: prepare(doc, old, ctx, settings) };
  } catch (error) {
    const refused = toGuanxiError(error);
    return { refused: { kind: refused.kind, ...refused.toJSON() } };
  }
}

function prepare(doc: Doc, old: StoredDoc | null | undefined, ctx: SaveContext, settings: SettingsLookup): Doc {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw createError('bad_request', 'A document must be a JSON object');
  const id = doc._id === undefined ? newDocId(Date.parse(ctx.now) || Date.now()) : checkDocId(doc._id);
  if (doc._rev !== undefined) {
    if (old === undefined) throw createError('conflict', `Document ${id} does not exist, so revision ${doc._rev} cannot be updated`);
    if (old === null && !doc._deleted) throw createError('conflict', `Document ${id} was deleted`);
    if (old && old._rev !== doc._rev) throw createError('conflict', `Document ${id} was changed by someone else (now at ${old._rev})`);
  }
  if (doc._deleted) return { _id: id, _rev: doc._rev, _deleted: true };
  const next = prepareForSave(doc, old ?? null, ctx);
  next._id = id;
  const errors = validate(next, old ?? null, ctx.user, settings);
  if (errors.length > 0) throw createError('invalid', errors.map((e) => e.message.en).join('; '), errors);
  return next;
}
