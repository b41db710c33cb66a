import type { AdminLogEntry } from '../../design/access/admin-listing.js';
import type { Store } from '../store/store.js';
import { readLocal, updateLocal } from '../auth/local-docs.js';

/** Kept on the servers only (`_local`, never replicated), newest first, the last MAX_ENTRIES. */
const LOG_ID = '_local/admin-log';
const MAX_ENTRIES = 1000;

export async function appendAdminLog(store: Store, entry: AdminLogEntry): Promise<void> {
  await updateLocal<{ entries: AdminLogEntry[] }>(store.database('names').pouch, LOG_ID, (current) => ({
    entries: [entry, ...(current?.entries ?? [])].slice(0, MAX_ENTRIES),
  }));
}

export async function readAdminLog(store: Store): Promise<readonly AdminLogEntry[]> {
  return (await readLocal<{ entries: AdminLogEntry[] }>(store.database('names').pouch, LOG_ID))?.entries ?? [];
}
