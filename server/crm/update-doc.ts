import type { Doc, SaveContext } from '../../design/form.js';
import { GuanxiError } from '../../engine/errors.js';
import type { Database, StoredDoc } from '../store/store.js';

const MAX_ATTEMPTS = 10;

/**
 * Read, change, write, and on a conflict (someone saved in between) read again and redo the
 * change on what they saved: MVCC instead of locks, so several servers may do it at once.
 * `change` returns null when there is nothing (left) to do.
 */
export async function updateDoc(db: Database, id: string, change: (doc: StoredDoc) => Doc | null, ctx: () => SaveContext): Promise<StoredDoc | null> {
  for (let attempt = 1; ; attempt++) {
    const current = await db.get(id);
    const next = change(current);
    if (!next) return null;
    try {
      return await db.save(next, ctx());
    } catch (error) {
      if (!(error instanceof GuanxiError && error.kind === 'conflict') || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
