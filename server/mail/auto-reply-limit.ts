import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import { readLocal } from '../auth/local-docs.js';
import type { PouchDatabase } from '../store/store.js';

export const AUTO_REPLY_DAYS = 4;
const DAY = 86_400_000;

/**
 * Takes the right to auto-reply to `address` at `now`, at most once per `days` (RFC 3834 §3.1.1,
 * as vacation responders do): false when it was answered within the period. The last answer's
 * time is a `_local` document per sender, written with the revision read, so of two servers (or
 * two messages in one batch) only one wins; it never replicates to workstations.
 */
export async function claimAutoReply(pouch: PouchDatabase, address: string, now: Date, days = AUTO_REPLY_DAYS): Promise<boolean> {
  const id = `_local/auto-replied-${hexOfUtf8(address.toLowerCase())}`;
  const last = await readLocal<{ at: string }>(pouch, id);
  if (last && Date.parse(last.at) + days * DAY > now.getTime()) return false;
  try {
    await pouch.put({ _id: id, at: now.toISOString(), ...(last ? { _rev: last._rev } : {}) });
    return true;
  } catch (error) {
    if ((error as { status?: unknown }).status === 409) return false;
    throw error;
  }
}
