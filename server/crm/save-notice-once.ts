import type { Doc, SaveContext } from '../../design/form.js';
import { toGuanxiError } from '../../engine/errors.js';
import type { Database } from '../store/store.js';

/**
 * Saves a notice whose id names what it is about, so that it is made once: a conflict means this
 * server (before a restart or replay) or another one made it already. Returns whether this call did.
 */
export async function saveNoticeOnce(crm: Database, notice: Doc, ctx: SaveContext): Promise<boolean> {
  try {
    await crm.save(notice, ctx);
    return true;
  } catch (error) {
    if (toGuanxiError(error).kind !== 'conflict') throw error;
    return false;
  }
}
