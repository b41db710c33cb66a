import { BACKUP_DBS, pouchOf } from '../../server/backup/backup-format.js';
import type { Store } from '../../server/store/store.js';

/**
 * Every revision of every document of every database, as a backup or a replica should copy them:
 * leaves with history and attachments, keyed `db/id`; only the ids in `ids` when given.
 */
export async function storeContents(store: Store, ids?: ReadonlySet<string>): Promise<Map<string, unknown>> {
  const all = new Map<string, unknown>();
  for (const db of BACKUP_DBS) {
    const pouch = pouchOf(store, db);
    const { results } = await pouch.changes({ since: 0, style: 'all_docs' });
    for (const { id } of results) {
      // The servers' own documents that background jobs rewrite (the scheduler's last run…) may change under the test; the counters may not.
      if (id.startsWith('_design/') || (db === 'server' && !id.startsWith('counter-')) || (ids && !ids.has(`${db}/${id}`))) continue;
      const leaves = await pouch.get(id, { open_revs: 'all', revs: true, attachments: true } as never) as unknown as { ok: { _rev: string } }[];
      all.set(`${db}/${id}`, leaves.map((leaf) => leaf.ok).sort((a, b) => a._rev.localeCompare(b._rev)));
    }
  }
  return all;
}
