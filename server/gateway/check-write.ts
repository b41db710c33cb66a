import { isDeepStrictEqual } from 'node:util';
import { canRead, decideWrite } from '../../design/access/document-access.js';
import type { SettingsLookup } from '../../design/configured-choices.js';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { validate } from '../../design/validate.js';
import type { SyncContext } from './sync-context.js';

export type WriteCheck =
  | { readonly verdict: 'write' }
  /** The document exists but this user may not see it: answer as a write on a free id would be answered, store nothing. */
  | { readonly verdict: 'hidden' }
  /** Deleting what does not exist, or what the user may not see: the same answer for both. */
  | { readonly verdict: 'missing' }
  /** An edit (a `_rev`) of a document that does not exist, or that the user may not see. */
  | { readonly verdict: 'conflict' }
  | { readonly verdict: 'refuse'; readonly reason: string };

const PINYIN_ITEMS = ['$sort', '$pinyin', '$initials'] as const;

/**
 * Whether a revision a workstation sends may be stored: checked against the server's winning
 * revision and the user's access now, whatever revision history the client claims. A workstation
 * saves through design/ too, so the document arrives complete; the gateway checks it and never
 * changes it (its revision id is the hash of its content). Configured choices come from `settings`.
 *
 * A document the user may not read is judged exactly as an id that never existed, every check in
 * the same order (rights, validation, stamps, then the revision), so that no answer tells them apart.
 */
export function checkWrite(ctx: SyncContext, current: Doc | null | undefined, next: Doc, heldBefore: boolean, settings: SettingsLookup, newEdits: boolean): WriteCheck {
  const hidden = current !== null && current !== undefined && !canRead(ctx.access, current);
  // A deletion the user never held is, to them, an id that never existed.
  const seen = hidden || (current === null && !heldBefore) ? undefined : current;
  const exists = seen !== undefined;
  if (next._deleted && !exists) return { verdict: 'missing' };
  const decision = decideWrite(ctx.access, seen ?? null, next);
  if (!decision.allowed) return { verdict: 'refuse', reason: decision.reason };
  if (next._deleted) return { verdict: 'write' };

  const errors = validate(next, seen ?? null, ctx.user, settings);
  if (errors.length > 0) return { verdict: 'refuse', reason: errors.map((e) => `${e.field}: ${e.message.en}`).join('; ') };
  const stamps = checkStamps(ctx, seen ?? null, next);
  if (stamps) return { verdict: 'refuse', reason: stamps };
  if (seen === undefined && newEdits && next._rev !== undefined) return { verdict: 'conflict' };
  return hidden ? { verdict: 'hidden' } : { verdict: 'write' };
}

/** Who created and changed a document, and its pinyin keys, are the server's to vouch for. */
function checkStamps(ctx: SyncContext, current: Doc | null, next: Doc): string | null {
  if (next.modifiedBy !== ctx.user.name) return `modifiedBy must be ${ctx.user.name}`;
  const creator = current ? current.createdBy : ctx.user.name;
  if (next.createdBy !== creator) return `createdBy must be ${String(creator)}`;
  if (current && next.created !== current.created) return 'created may not change';
  const expected = prepareForSave(next, current, { now: String(next.modified), user: ctx.user });
  const wrong = PINYIN_ITEMS.find((item) => !isDeepStrictEqual(next[item] ?? {}, expected[item] ?? {}));
  return wrong ? `${wrong} does not match the document's fields` : null;
}
