import type { Access } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import type { Doc, SaveContext } from '../../design/form.js';
import type { ErrorBody } from '../../engine/errors.js';
import type { ViewPage, ViewPageRequest } from '../../engine/view-page.js';
import type { DeployReport } from './deploy-design-docs.js';
import type { ServerDocs } from './server-docs.js';

export type StoredDoc = Doc & { _id: string; _rev: string };
export type PouchDatabase = PouchDB.Database<Doc>;

export type SaveResult = { ok: true; id: string; rev: string } | ({ ok: false; id: string | null } & ErrorBody);

/** One Guanxi database (names, crm, discussion, library) on whichever engine the store runs. */
export interface Database {
  readonly name: DbName;
  /** The engine's PouchDB: replication-level access for the sync gateway. */
  readonly pouch: PouchDatabase;
  get(id: string): Promise<StoredDoc>;
  /** The document, or null when there is none (an id no document can have included); other failures throw. */
  find(id: string): Promise<StoredDoc | null>;
  /** Validates and saves one document; creates it when it has no `_rev`. */
  save(doc: Doc, ctx: SaveContext): Promise<StoredDoc>;
  /** Saves each document on its own: one refused document leaves the others saved. */
  saveMany(docs: readonly Doc[], ctx: SaveContext): Promise<SaveResult[]>;
  remove(id: string, rev: string, ctx: SaveContext): Promise<void>;
  /** A page of a view; with a viewer, only the rows (and totals) of documents they may read. */
  view(viewId: string, request?: ViewPageRequest, viewer?: Access): Promise<ViewPage>;
  info(): Promise<{ docCount: number; updateSeq: string }>;
}

export interface Store {
  readonly engine: 'embedded' | 'couchdb';
  database(name: DbName): Database;
  /** What opening the store did to each database's design documents. */
  readonly deployed: ReadonlyMap<DbName, DeployReport>;
  /** The sync gateway's own bookkeeping (what each workstation holds); never replicated to anyone. */
  readonly gatewayPouch: PouchDB.Database;
  /** What only the servers keep (credentials, sessions, counters, mail passwords): never replicated to anyone. */
  readonly serverDocs: ServerDocs;
  close(): Promise<void>;
}
