import { createError, toGuanxiError } from '../../engine/errors.js';
import type { PouchDatabase } from '../store/store.js';

/**
 * `_local` documents are never replicated and never listed in `_changes` or `_all_docs`: the
 * place for what must stay on the servers (credentials, sessions), shared by every server in
 * front of the same store.
 */
type Stored<T> = T & { readonly _id: string; readonly _rev: string };

const MAX_TRIES = 10;

function hasStatus(error: unknown, status: number): boolean {
  return (error as { status?: unknown } | null)?.status === status;
}

export async function readLocal<T extends object>(pouch: PouchDatabase, id: string): Promise<Stored<T> | undefined> {
  try {
    return (await pouch.get(id)) as unknown as Stored<T>;
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw toGuanxiError(error);
  }
}

/**
 * Reads, changes and writes one document; when another request or server wrote it meanwhile
 * (a conflict), reads and changes it again. `change` returns undefined to leave it as it is.
 * Returns the document as it now stands.
 */
export async function updateLocal<T extends object>(pouch: PouchDatabase, id: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const current = await readLocal<T>(pouch, id);
    const next = change(current);
    if (next === undefined) return current;
    const { _rev: _stale, ...content } = next as T & { _rev?: string };
    try {
      await pouch.put({ ...content, _id: id, ...(current ? { _rev: current._rev } : {}) });
      return next;
    } catch (error) {
      if (!hasStatus(error, 409)) throw toGuanxiError(error);
    }
  }
  throw createError('conflict', `${id} kept changing under this write; gave up after ${MAX_TRIES} tries`);
}

export async function removeLocal(pouch: PouchDatabase, id: string): Promise<void> {
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const current = await readLocal(pouch, id);
    if (!current) return;
    try {
      await pouch.remove(id, current._rev);
      return;
    } catch (error) {
      if (hasStatus(error, 404)) return;
      if (!hasStatus(error, 409)) throw toGuanxiError(error);
    }
  }
  throw createError('conflict', `${id} kept changing under this removal; gave up after ${MAX_TRIES} tries`);
}
