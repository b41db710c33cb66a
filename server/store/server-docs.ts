import { createError, toGuanxiError } from '../../engine/errors.js';

/**
 * What the servers keep for themselves (credentials, sessions, counters, claims, mail passwords and
 * cursors): ordinary documents of a database no workstation replicates. Not `_local` documents:
 * Apache CouchDB does not check their revisions, so a read-modify-write of one can lose an update.
 */
export const SERVER_DB = 'server';

type Stored<T> = T & { readonly _id: string; readonly _rev: string };

/**
 * How a write ended. `uncertain`: a CouchDB cluster stored it on fewer nodes than its write
 * quorum (202 Accepted), so a competing write may have reached the others and either may win.
 */
export type WriteOutcome = 'ok' | 'conflict' | 'uncertain';

/** Writes one document (an update when it has `_rev`, a creation when not) and says how it ended. */
export type WriteOne = (doc: Record<string, unknown> & { _id: string }) => Promise<WriteOutcome>;

/** Where a value lived before it moved here, read while it has not been written here yet. */
export interface Legacy {
  readonly pouch: PouchDB.Database;
  readonly id: string;
}

const MAX_TRIES = 10;

function hasStatus(error: unknown, status: number): boolean {
  return (error as { status?: unknown } | null)?.status === status;
}

/** The embedded engine's writes: PouchDB checks the revision of every ordinary document. */
export function pouchWriter(pouch: PouchDB.Database): WriteOne {
  return async (doc) => {
    try {
      await pouch.put(doc);
      return 'ok';
    } catch (error) {
      if (hasStatus(error, 409)) return 'conflict';
      throw toGuanxiError(error);
    }
  };
}

/**
 * Apache CouchDB's writes, over HTTP so that 201 (written on a quorum of the nodes) can be told
 * from 202 (accepted by fewer), which PouchDB's HTTP adapter answers alike.
 */
export function couchWriter(dbUrl: string): WriteOne {
  const url = new URL(dbUrl);
  const authorization = url.username ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}` : undefined;
  url.username = '';
  url.password = '';
  const base = url.toString().replace(/\/+$/, '');
  return async (doc) => {
    const answer = await fetch(`${base}/${encodeURIComponent(doc._id)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(doc),
    });
    // A deletion is answered 200 where a write is answered 201 (both: on a quorum of the nodes).
    if (answer.status === 201 || answer.status === 200) return 'ok';
    if (answer.status === 202) return 'uncertain';
    if (answer.status === 409) return 'conflict';
    const body = (await answer.json().catch(() => ({}))) as { error?: string; reason?: string };
    throw toGuanxiError({ status: answer.status, name: body.error, reason: body.reason ?? `CouchDB answered ${answer.status}` });
  };
}

export class ServerDocs {
  constructor(readonly pouch: PouchDB.Database, private readonly writeOne: WriteOne) {}

  async read<T extends object>(id: string, legacy?: Legacy): Promise<Stored<T> | undefined> {
    const stored = await getOrUndefined<T>(this.pouch, id);
    if (stored || !legacy) return stored;
    const old = await getOrUndefined<T>(legacy.pouch, legacy.id);
    // Offered without a revision: the first write here creates the document.
    return old && ({ ...old, _id: id, _rev: undefined } as unknown as Stored<T>);
  }

  /**
   * Reads, changes and writes one document; when another request or server wrote it meanwhile
   * (a conflict, or a cluster write that did not reach its quorum), reads and changes it again.
   * `change` returns undefined to leave it as it is. Returns the document as it now stands.
   */
  async update<T extends object>(id: string, change: (current: T | undefined) => T | undefined, legacy?: Legacy): Promise<T | undefined> {
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const current = await this.read<T>(id, legacy);
      const next = change(current);
      if (next === undefined) return current;
      const { _rev: _stale, _id: _named, ...content } = next as T & { _rev?: string; _id?: string };
      if (await this.writeOne({ ...content, _id: id, ...(current?._rev ? { _rev: current._rev } : {}) }) === 'ok') return next;
    }
    throw createError('conflict', `${id} kept changing under this write; gave up after ${MAX_TRIES} tries`);
  }

  /**
   * Creates the document unless it exists; true only when this write alone created it (a
   * cluster write short of its quorum counts as not created, though the document now exists).
   */
  async create(id: string, content: Record<string, unknown>): Promise<boolean> {
    return await this.writeOne({ ...content, _id: id }) === 'ok';
  }

  async remove(id: string): Promise<void> {
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const current = await this.read(id);
      if (!current) return;
      if (await this.writeOne({ _id: id, _rev: current._rev, _deleted: true }) === 'ok') return;
    }
    throw createError('conflict', `${id} kept changing under this removal; gave up after ${MAX_TRIES} tries`);
  }

  /** The greatest id from `low` to `high`, or undefined when there is none. */
  async lastIdBetween(low: string, high: string): Promise<string | undefined> {
    const { rows } = await this.pouch.allDocs({ startkey: high, endkey: low, descending: true, limit: 1 });
    return rows[0]?.id;
  }
}

async function getOrUndefined<T extends object>(pouch: PouchDB.Database, id: string): Promise<Stored<T> | undefined> {
  try {
    return (await pouch.get(id)) as unknown as Stored<T>;
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw toGuanxiError(error);
  }
}
