import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { BACKUP_DBS, BACKUP_FORMAT, BACKUP_VERSION, isBackedUp, pouchOf, type BackupDb, type BackupLine } from './backup-format.js';
import type { Store } from '../store/store.js';

const BATCH = 200;

/**
 * Writes a backup of every database to `out` while the servers go on working: each document
 * whole, with every leaf revision (conflicts and deletions included), its revision history and
 * its attachments. Returns how many revisions of each database it wrote.
 */
export async function writeBackup(store: Store, out: Writable, now = new Date()): Promise<Record<string, number>> {
  const gzip = createGzip();
  gzip.pipe(out);
  const write = async (line: BackupLine) => {
    if (!gzip.write(`${JSON.stringify(line)}\n`)) await once(gzip, 'drain');
  };
  await write({ format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: now.toISOString(), engine: store.engine });
  const counts: Record<string, number> = {};
  for (const db of BACKUP_DBS) {
    await write({ db });
    counts[db] = 0;
    for await (const doc of leafRevisions(pouchOf(store, db), db)) {
      await write({ doc });
      counts[db]++;
    }
  }
  await write({ end: true, counts });
  const finished = once(out, 'finish');
  gzip.end();
  await finished;
  return counts;
}

/** Every leaf revision of every document, deleted ones included, as replication would copy them. */
async function* leafRevisions(pouch: PouchDB.Database, db: BackupDb): AsyncGenerator<Record<string, unknown> & { _id: string; _rev: string }> {
  // A document changed during the backup comes again later in the feed and is written again as it
  // then is; restoring both revisions merges them into one revision tree, as replication does.
  let since: string | number = 0;
  for (;;) {
    const batch: PouchDB.Core.ChangesResponse<object> = await pouch.changes({ since, limit: BATCH, style: 'all_docs' });
    if (batch.results.length === 0) return;
    since = batch.last_seq;
    const fresh = batch.results.filter((change) => isBackedUp(db, change.id));
    if (fresh.length === 0) continue;
    // Each leaf the feed named, in one request; `_bulk_get` gives each with its history and attachments.
    const { results } = await pouch.bulkGet({ docs: fresh.flatMap((change) => change.changes.map(({ rev }) => ({ id: change.id, rev }))), revs: true, attachments: true });
    for (const { docs } of results) {
      for (const answer of docs) if ('ok' in answer) yield answer.ok as unknown as Record<string, unknown> & { _id: string; _rev: string };
    }
  }
}
