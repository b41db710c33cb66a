/**
 * Whether a store is one this process opens itself (the embedded engine: LevelDB locks its
 * directory to one process; an in-memory store is the process's own) rather than one reached over
 * HTTP. No other server writes to such a store, so a cache of it is kept current by this server's
 * own writes, without reading its changes feed back; and a handful of documents is read one `get`
 * each, which there costs a quarter of PouchDB's keyed `allDocs` (a LevelDB iterator per key),
 * where over HTTP one request for all is cheaper.
 */
export function isLocalStore(pouch: PouchDB.Database | { readonly adapter?: string }): boolean {
  const { adapter } = pouch as { adapter?: string };
  return adapter !== undefined && adapter !== 'http' && adapter !== 'https';
}

/** Each of these documents read with one `get` (the way for a local store), absent or deleted ones undefined. */
export function getEach<T extends object>(pouch: PouchDB.Database, ids: readonly string[], options: PouchDB.Core.GetOptions = {}): Promise<((T & PouchDB.Core.GetMeta & PouchDB.Core.IdMeta) | undefined)[]> {
  return Promise.all(ids.map((id) => pouch.get<T>(id, options).catch((error: { status?: number }) => {
    if (error.status === 404) return undefined;
    throw error;
  })));
}
