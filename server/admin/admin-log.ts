import { randomBytes } from 'node:crypto';
import type { AdminLogEntry } from '../../design/access/admin-listing.js';
import type { Store } from '../store/store.js';

/**
 * Kept on the servers only (the server database, never replicated), one document per entry so
 * that changes made at once on several servers are all kept; read newest first.
 */
const PREFIX = 'admin-log-';
const MAX_ENTRIES = 1000;

export async function appendAdminLog(store: Store, entry: AdminLogEntry): Promise<void> {
  // The time first, so that the ids sort as the entries were made; the random part keeps two apart.
  await store.serverDocs.create(`${PREFIX}${entry.at}-${randomBytes(6).toString('hex')}`, { ...entry });
}

export async function readAdminLog(store: Store): Promise<readonly AdminLogEntry[]> {
  const { rows } = await store.serverDocs.pouch.allDocs({ startkey: `${PREFIX}\uffff`, endkey: PREFIX, descending: true, limit: MAX_ENTRIES, include_docs: true });
  return rows.flatMap((row) => {
    if (!row.doc) return [];
    const { _id: _a, _rev: _b, ...entry } = row.doc as unknown as AdminLogEntry & { _id: string; _rev: string };
    return [entry];
  });
}
