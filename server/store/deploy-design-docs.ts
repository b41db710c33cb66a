import { isDeepStrictEqual } from 'node:util';
import type { DbName } from '../../design/databases.js';
import { viewsOf } from '../../views/catalog.js';
import type { DesignDoc } from '../../views/compile-view.js';
import type { PouchDatabase } from './store.js';

export interface DeployReport {
  readonly written: string[];
  readonly removed: string[];
  readonly unchanged: string[];
}

type StoredDesignDoc = Partial<DesignDoc> & { _id: string; _rev: string; _deleted?: boolean };

/**
 * Puts the design documents compiled from views/ into a database. One that has not changed is
 * left alone, so its index is not rebuilt; one whose view was removed from views/ is deleted.
 */
export async function deployDesignDocs(db: DbName, pouch: PouchDatabase): Promise<DeployReport> {
  const wanted = new Map(viewsOf(db).map((view) => [view.designDocId, view.designDoc]));
  const { rows } = await pouch.allDocs({ startkey: '_design/', endkey: '_design/\uffff', include_docs: true });
  const existing = new Map(rows.map((row) => [row.id, row.doc as unknown as StoredDesignDoc]));
  const report: DeployReport = { written: [], removed: [], unchanged: [] };
  const writes: StoredDesignDoc[] = [];
  for (const [id, ddoc] of wanted) {
    const current = existing.get(id);
    if (current && isDeepStrictEqual({ ...current, _rev: undefined }, { ...ddoc, _rev: undefined })) {
      report.unchanged.push(id);
    } else {
      writes.push({ ...ddoc, _rev: current?._rev } as StoredDesignDoc);
      report.written.push(id);
    }
  }
  for (const [id, current] of existing) {
    if (!wanted.has(id) && current.guanxi) {
      writes.push({ _id: id, _rev: current._rev, _deleted: true });
      report.removed.push(id);
    }
  }
  if (writes.length > 0) {
    const results = await pouch.bulkDocs(writes as never[]);
    const failed = results.filter((r) => 'error' in r && r.error);
    if (failed.length > 0) throw new Error(`design documents not deployed to ${db}: ${JSON.stringify(failed)}`);
  }
  return report;
}
