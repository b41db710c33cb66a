import PouchDB from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import idbAdapter from 'pouchdb-adapter-idb';
import replication from 'pouchdb-replication';

/**
 * PouchDB as the workstation uses it: IndexedDB for the replica, HTTP for the gateway, and
 * replication. No map/reduce plugin: views are the compiled code of views/, run by engine/'s index.
 */
export const Pouch = PouchDB.plugin(idbAdapter).plugin(httpAdapter).plugin(replication);

/** A stored document as PouchDB hands it over, with the conflicts asked for. */
export type StoredDoc = PouchDB.Core.ExistingDocument<Record<string, unknown>> & { _conflicts?: string[] };
