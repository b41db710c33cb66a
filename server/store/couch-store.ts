import nano from 'nano';
import PouchDB from 'pouchdb';
import { DB_NAMES, type DbName } from '../../design/databases.js';
import { CouchViewSource } from './couch-view-source.js';
import { StoreDatabase } from './database.js';
import { deployDesignDocs, type DeployReport } from './deploy-design-docs.js';
import { couchWriter, SERVER_DB, ServerDocs } from './server-docs.js';
import type { Database, PouchDatabase, Store } from './store.js';

/** Only CouchDB administrators (the Guanxi servers) may open the databases directly. */
const ADMIN_ONLY = { admins: { names: [], roles: ['_admin'] }, members: { names: [], roles: ['_admin'] } };

/**
 * Apache CouchDB 3 (one node or a cluster): PouchDB's HTTP adapter for data, nano for
 * administration. Several Guanxi servers can stand in front of the same CouchDB.
 */
export class CouchStore implements Store {
  readonly engine = 'couchdb';

  private constructor(
    private readonly databases: Map<DbName, StoreDatabase>,
    readonly gatewayPouch: PouchDB.Database,
    readonly serverDocs: ServerDocs,
    readonly deployed: ReadonlyMap<DbName, DeployReport>,
  ) {}

  /** `url` is the server's address with an administrator's credentials. `prefix` namespaces the databases. */
  static async open(url: string, prefix = 'guanxi-'): Promise<CouchStore> {
    const databases = new Map<DbName, StoreDatabase>();
    const deployed = new Map<DbName, DeployReport>();
    const dbUrl = (name: string) => couchDatabaseUrl(url, `${prefix}${name}`);
    const open = (name: string) => openCouchDatabase(url, `${prefix}${name}`);
    for (const name of DB_NAMES) {
      const pouch = (await open(name)) as PouchDatabase;
      databases.set(name, new StoreDatabase(name, pouch, async (view) => new CouchViewSource(view, pouch)));
      deployed.set(name, await deployDesignDocs(name, pouch));
    }
    const gateway = await open('gateway');
    const serverDocs = new ServerDocs(await open(SERVER_DB), couchWriter(dbUrl(SERVER_DB)));
    return new CouchStore(databases, gateway, serverDocs, deployed);
  }

  database(name: DbName): Database {
    return this.databases.get(name)!;
  }

  async close(): Promise<void> {
    await Promise.all([...this.databases.values()].map((db) => db.pouch.close()));
    await this.gatewayPouch.close();
    await this.serverDocs.pouch.close();
  }
}

export function couchDatabaseUrl(url: string, dbName: string): string {
  return `${url.replace(/\/+$/, '')}/${dbName}`;
}

/** A database of the CouchDB at `url` (administrator credentials), made if missing, that only CouchDB administrators may open. */
export async function openCouchDatabase(url: string, dbName: string): Promise<PouchDB.Database> {
  const admin = nano(url);
  try {
    await admin.db.create(dbName);
  } catch (error) {
    // Another Guanxi server in front of the same CouchDB may have made it first.
    if ((error as { statusCode?: number }).statusCode !== 412) throw error;
  }
  await admin.request({ db: dbName, path: '_security', method: 'PUT', body: ADMIN_ONLY });
  return new PouchDB(couchDatabaseUrl(url, dbName), { skip_setup: true });
}
