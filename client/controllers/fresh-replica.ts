import { BrowserLevel } from 'browser-level';
import type { UserContext } from '../../design/user.js';
import { keptFilesName } from './kept-files.js';
import { Pouch } from './pouch.js';
import { readStored, userKey, writeStored } from './user-storage.js';

/** Where a user's replica of a database lives: the PouchDB and its view indexes (IndexedDB). */
export function replicaName(userName: string, dbName: string): string {
  return `guanxi-${userKey(userName)}-${dbName}`;
}

export function filledKey(userName: string, dbName: string): string {
  return `guanxi.filled.${userKey(userName)}.${dbName}`;
}

const askedKey = (userName: string, dbName: string) => `guanxi.fresh.${userKey(userName)}.${dbName}`;

/**
 * Frees the space of what the settings no longer keep: the replica is made afresh at the next
 * start (IndexedDB's PouchDB has no purge), and the replication fills it with what is kept now and
 * what is pinned. Nothing is deleted on the server. Asked only with nothing waiting to be sent.
 */
export function askFreshReplica(userName: string, dbName: string): void {
  writeStored(askedKey(userName, dbName), true);
}

/** Before a replica opens: drops it if a fresh one was asked for. */
export async function makeFreshIfAsked(user: UserContext, dbName: string): Promise<void> {
  if (!readStored(askedKey(user.name, dbName), false)) return;
  const name = replicaName(user.name, dbName);
  await new Pouch(name, { adapter: 'idb' }).destroy();
  await BrowserLevel.destroy(`${name}-views`);
  await new Pouch(keptFilesName(name), { adapter: 'idb' }).destroy();
  localStorage.removeItem(filledKey(user.name, dbName));
  localStorage.removeItem(askedKey(user.name, dbName));
}
