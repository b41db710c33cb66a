import { SERVER_USER } from '../../design/user.js';
import { BACKUP_DBS, pouchOf } from '../../server/backup/backup-format.js';
import type { Store } from '../../server/store/store.js';

const CTX = { user: SERVER_USER, now: '2026-03-01T08:00:00.000Z' };
export const PRICE_LIST = '泵 100 元\n阀 200 元\n';

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

/** In the library: a conflict (two leaves), a deleted document, an edited one, a file with Chinese in its name and content. */
export async function writeLibraryHistory(store: Store): Promise<void> {
  const library = store.database('library');
  await library.pouch.bulkDocs([
    { _id: 'conflicted', form: 'Product', name: '甲泵', _rev: '1-aaaa' },
    { _id: 'conflicted', form: 'Product', name: '乙泵', _rev: '1-bbbb' },
  ] as never, { new_edits: false });
  const gone = await library.save({ _id: 'gone', form: 'Product', name: '停产的阀' }, CTX);
  await library.remove('gone', gone._rev, CTX);
  const edited = await library.save({ _id: 'edited', form: 'Product', name: '初稿' }, CTX);
  await library.save({ ...edited, name: '定稿' }, CTX);
  await library.pouch.put({
    _id: 'price-list', form: 'StandardDocument', title: '价目表',
    _attachments: { '价目表.txt': { content_type: 'text/plain', data: Buffer.from(PRICE_LIST).toString('base64') } },
  } as never);
}
