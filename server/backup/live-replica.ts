import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import PouchDB from 'pouchdb';
import { redactCredentials, type ReplicaTarget } from '../config.js';
import { claimNumbersHeld } from '../crm/claim-numbers-held.js';
import type { Logger } from '../log.js';
import { openCouchDatabase } from '../store/couch-store.js';
import type { Store } from '../store/store.js';
import { BACKUP_DBS, isBackedUp, pouchOf, type BackupDb } from './backup-format.js';

/**
 * The mark a live replica's server database carries: a store that finds it when it opens was
 * somebody's replica, and is being started on in its place (see promoteReplica).
 */
export const REPLICA_MARK = 'replica-of';

export interface ReplicaStatus {
  readonly db: BackupDb;
  /** `active` while copying, `paused` when caught up (or waiting to retry), `error` when it gave up. */
  readonly state: 'starting' | 'active' | 'paused' | 'error';
  readonly docsWritten: number;
  readonly lastWrittenAt?: string;
  readonly lastError?: string;
}

export interface LiveReplica {
  status(): ReplicaStatus[];
  close(): Promise<void>;
}

/**
 * Copies every database of the embedded store, continuously, into a CouchDB or another data
 * directory: what a backup holds (design documents and sessions left out), with every revision,
 * conflict and attachment, resuming from its checkpoint after a restart and retrying, with a
 * growing pause, while the target cannot be reached. Closing copies what is still pending.
 */
export function startLiveReplica(store: Store, target: ReplicaTarget, prefix: string, logger: Logger, now = () => new Date()): LiveReplica {
  const statuses = new Map<BackupDb, ReplicaStatus>(BACKUP_DBS.map((db) => [db, { db, state: 'starting', docsWritten: 0 }]));
  const set = (db: BackupDb, change: Partial<ReplicaStatus>) => statuses.set(db, { ...statuses.get(db)!, ...change });
  const stop = new AbortController();
  const targets: PouchDB.Database[] = [];
  const replications: PouchDB.Replication.Replication<object>[] = [];
  const begin = async () => {
    // The office works on while its replica's CouchDB cannot be reached: keep trying.
    for (let wait = 1000; ; wait = Math.min(wait * 2, 60_000)) {
      try {
        for (const db of BACKUP_DBS) targets.push(await openTarget(target, prefix, db));
        await markAsReplica(targets[BACKUP_DBS.indexOf('server')]!, now().toISOString());
        break;
      } catch (error) {
        await Promise.all(targets.splice(0).map((pouch) => pouch.close().catch(() => undefined)));
        logger.warn({ target: describeTarget(target), err: error }, 'live replica: cannot open the target, trying again');
        for (const db of BACKUP_DBS) set(db, { lastError: describe(error) });
        await delay(wait, undefined, { signal: stop.signal });
      }
    }
    BACKUP_DBS.forEach((db, i) => replications.push(replicate(db, pouchOf(store, db), targets[i]!)));
    logger.info({ target: describeTarget(target) }, 'live replica started');
  };
  const replicate = (db: BackupDb, source: PouchDB.Database, to: PouchDB.Database) => PouchDB.replicate(source, to, { ...copied(db), live: true, retry: true })
    .on('change', (info) => set(db, { state: 'active', docsWritten: statuses.get(db)!.docsWritten + info.docs_written, lastWrittenAt: now().toISOString() }))
    .on('active', () => set(db, { state: 'active' }))
    .on('paused', (error) => {
      // Paused with an error: the target cannot be reached, and PouchDB tries again.
      if (error) logger.warn({ db, err: error }, 'live replica: target unreachable, retrying');
      set(db, { state: 'paused', ...(error ? { lastError: describe(error) } : {}) });
    })
    .on('denied', (error) => {
      logger.error({ db, err: error }, 'live replica: a document was refused by the target');
      set(db, { lastError: describe(error) });
    })
    .on('error', (error) => {
      logger.error({ db, err: error }, 'live replica stopped');
      set(db, { state: 'error', lastError: describe(error) });
    });
  const started = begin().catch((error: unknown) => {
    if (!stop.signal.aborted) logger.error({ err: error }, 'live replica failed to start');
  });
  return {
    status: () => [...statuses.values()],
    async close() {
      stop.abort();
      await started;
      for (const replication of replications) replication.cancel();
      await Promise.all(replications.map((replication) => replication.catch(() => undefined)));
      // A last pass, so that a replica is current after a graceful stop: the moment to start on it.
      if (replications.length > 0) {
        await Promise.all(BACKUP_DBS.map((db, i) => PouchDB.replicate(pouchOf(store, db), targets[i]!, copied(db)).catch((error: unknown) => {
          logger.warn({ db, err: error }, 'live replica: the last changes before stopping could not be copied');
        })));
      }
      await Promise.all(targets.map((pouch) => pouch.close()));
    },
  };
}

/**
 * When a store opens that was a live replica, the server starting on it takes over: numbering
 * goes on after every number its records hold (a record may have arrived before its number's
 * claim), and the mark is removed. The old server must be stopped first.
 */
export async function promoteReplica(store: Store, logger: Logger): Promise<void> {
  const mark = await store.serverDocs.read<{ startedAt?: string }>(REPLICA_MARK);
  if (!mark) return;
  await claimNumbersHeld(store);
  await store.serverDocs.remove(REPLICA_MARK);
  logger.warn({ replicaSince: mark.startedAt }, 'this store was a live replica: it is now the store, and numbering goes on after the numbers its records hold');
}

/** What of a database the replica holds: what a backup holds. */
function copied(db: BackupDb): PouchDB.Replication.ReplicateOptions {
  return { filter: (doc: { _id: string }) => isBackedUp(db, doc._id) } as PouchDB.Replication.ReplicateOptions;
}

async function openTarget(target: ReplicaTarget, prefix: string, db: BackupDb): Promise<PouchDB.Database> {
  if (target.kind === 'directory') {
    await mkdir(target.path, { recursive: true });
    return new PouchDB(join(target.path, db));
  }
  return openCouchDatabase(target.url, `${prefix}${db}`);
}

async function markAsReplica(server: PouchDB.Database, startedAt: string): Promise<void> {
  const existing = await server.get(REPLICA_MARK).catch(() => undefined);
  await server.put({ ...(existing ?? {}), _id: REPLICA_MARK, startedAt });
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'object' && error && 'reason' in error ? String(error.reason) : String(error);
  return redactCredentials(text);
}

function describeTarget(target: ReplicaTarget): string {
  return target.kind === 'directory' ? target.path : redactCredentials(target.url);
}
