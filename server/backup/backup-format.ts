import { DB_NAMES } from '../../design/databases.js';
import type { Store } from '../store/store.js';

/**
 * A backup is one gzip file of JSON lines: a header, then for each database a line naming it and
 * one line per leaf revision of each document (with its revision history and attachments inline),
 * and a last line with the counts, without which the file is taken as cut short.
 */
export const BACKUP_FORMAT = 'guanxi-backup';
export const BACKUP_VERSION = 1;

export type BackupLine =
  | { readonly format: typeof BACKUP_FORMAT; readonly version: number; readonly createdAt: string; readonly engine: string }
  | { readonly db: BackupDb }
  | { readonly doc: BackupDoc }
  | { readonly end: true; readonly counts: Readonly<Record<string, number>> };

export type BackupDoc = Record<string, unknown> & { readonly _id: string; readonly _rev: string };

/**
 * Every database, the servers' own last: a number that any record holds was taken (its claim
 * written) before the record was read, so the claims read after it cover it.
 */
export const BACKUP_DBS = [...DB_NAMES, 'gateway', 'server'] as const;
export type BackupDb = (typeof BACKUP_DBS)[number];

export function isBackupDb(name: unknown): name is BackupDb {
  return typeof name === 'string' && (BACKUP_DBS as readonly string[]).includes(name);
}

export function pouchOf(store: Store, db: BackupDb): PouchDB.Database {
  if (db === 'gateway') return store.gatewayPouch;
  if (db === 'server') return store.serverDocs.pouch;
  return store.database(db).pouch as unknown as PouchDB.Database;
}

/** What a backup leaves out: design documents (deployed from views/ on every start) and sessions (people sign in again). */
export function isBackedUp(db: BackupDb, id: string): boolean {
  if (id.startsWith('_design/') || id.startsWith('_local/')) return false;
  return !(db === 'server' && id.startsWith('session-'));
}
