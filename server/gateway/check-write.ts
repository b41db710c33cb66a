import { isDeepStrictEqual } from 'node:util';
import { canRead, decideWrite } from '../../design/access/document-access.js';
import type { SettingsLookup } from '../../design/configured-choices.js';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { validate } from '../../design/validate.js';
import type { SyncContext } from './sync-context.js';

export type WriteCheck =
  | { readonly verdict: 'write' }
  /** The document exists but this user may not see it: answer as if written, store nothing. */
  | { readonly verdict: 'hidden' }
  /** Deleting what does not exist, or what the user may not see: the same answer for both. */
  | { readonly verdict: 'missing' }
  | { readonly verdict: 'refuse'; readonly reason: string };

const PINYIN_ITEMS = ['$sort', '$pinyin', '$initials'] as const;

/**
 * Whether a revision a workstation sends may be stored: checked against the server's winning
 * revision and the user's access now, whatever revision history the client claims. A workstation
 * saves through design/ too, so the document arrives complete; the gateway checks it and never
 * changes it (its revision id is the hash of its content). Configured choices come from `settings`.
 */
export function checkWrite(ctx: SyncContext, current: Doc | null | undefined, next: Doc, heldBefore: boolean, settings: SettingsLookup): WriteCheck {
  const exists = current !== undefined && (current !== null || heldBefore);
  const hidden = current !== null && current !== undefined && !canRead(ctx.access, current);
  if (next._deleted && (!exists || hidden)) return { verdict: 'missing' };
  if (hidden) return { verdict: 'hidden' };
  const decision = decideWrite(ctx.access, current ?? null, next);
  if (!decision.allowed) return { verdict: 'refuse', reason: decision.reason };
  if (next._deleted) return { verdict: 'write' };

  const errors = validate(next, current ?? null, ctx.user, settings);
  if (errors.length > 0) return { verdict: 'refuse', reason: errors.map((e) => `${e.field}: ${e.message.en}`).join('; ') };
  const stamps = checkStamps(ctx, current ?? null, next);
  return stamps ? { verdict: 'refuse', reason: stamps } : { verdict: 'write' };
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
