import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import { pouchWriter, ServerDocs } from '../store/server-docs.js';

const PREFIX = 'quarantine:';
const RECENT = 10;

/** One person's writes to documents they may not see: how many, and the last few. */
export interface QuarantineRecord {
  readonly user: string;
  readonly count: number;
  readonly recent: readonly { readonly db: string; readonly id: string; readonly at: string }[];
}

/**
 * Counts writes to hidden documents, one record per person in the gateway's database: what they
 * sent is not kept, so nobody can grow the store by writing to ids they cannot see.
 */
export async function countHiddenWrites(pouch: PouchDB.Database, user: string, db: string, ids: readonly string[], at = new Date().toISOString()): Promise<void> {
  // Another write of the same person's counted first: the update counts on top of theirs.
  await new ServerDocs(pouch, pouchWriter(pouch)).update<QuarantineRecord>(PREFIX + hexOfUtf8(user), (current) => ({
    user,
    count: (current?.count ?? 0) + ids.length,
    recent: [...ids.slice(-RECENT).map((id) => ({ db, id, at })).reverse(), ...(current?.recent ?? [])].slice(0, RECENT),
  }));
}

/** Everyone's records, most writes first, for an administrator. */
export async function readQuarantine(pouch: PouchDB.Database): Promise<QuarantineRecord[]> {
  const { rows } = await pouch.allDocs({ startkey: PREFIX, endkey: `${PREFIX}\uffff`, include_docs: true });
  return rows
    .map((row) => row.doc as unknown as QuarantineRecord)
    .map(({ user, count, recent }) => ({ user, count, recent }))
    .sort((a, b) => b.count - a.count);
}
