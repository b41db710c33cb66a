import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import PouchDB from 'pouchdb';
import { DB_NAMES, type DbName } from '../../design/databases.js';
import { LevelViewIndex } from '../../engine/level-view-index.js';
import { pouchChangesFeed } from '../../engine/pouch-changes-feed.js';
import { viewById } from '../../views/catalog.js';
import { firstScreenViews } from '../../views/first-screen.js';
import { accessIndexOf } from '../gateway/access-index.js';
import type { CompiledView } from '../../views/compile-view.js';
import { StoreDatabase } from './database.js';
import { deployDesignDocs, type DeployReport } from './deploy-design-docs.js';
import { pouchWriter, SERVER_DB, ServerDocs } from './server-docs.js';
import type { Database, PouchDatabase, Store } from './store.js';
import { keepViewsWarm, type Warmer } from './warm-views.js';

/**
 * The default engine: PouchDB on LevelDB in a data directory, and the view indexes in a second
 * LevelDB beside each database. Nothing else needs to be installed or running.
 */
export class EmbeddedStore implements Store {
  readonly engine = 'embedded';

  private constructor(
    private readonly databases: Map<DbName, StoreDatabase>,
    private readonly viewLevels: ClassicLevel[],
    private readonly warmers: Warmer[],
    readonly gatewayPouch: PouchDB.Database,
    readonly serverDocs: ServerDocs,
    readonly deployed: ReadonlyMap<DbName, DeployReport>,
  ) {}

  static async open(dataDir: string): Promise<EmbeddedStore> {
    await mkdir(dataDir, { recursive: true });
    const databases = new Map<DbName, StoreDatabase>();
    const levels: ClassicLevel[] = [];
    const deployed = new Map<DbName, DeployReport>();
    const pouches: PouchDB.Database[] = [];
    const warmers: Warmer[] = [];
    try {
      for (const name of DB_NAMES) {
        const pouch = new PouchDB(join(dataDir, name)) as PouchDatabase;
        pouches.push(pouch);
        const level = new ClassicLevel(join(dataDir, `${name}.views`));
        await level.open();
        levels.push(level);
        const feed = pouchChangesFeed(pouch);
        const indexes = new Map<string, LevelViewIndex>();
        const indexOf = (view: CompiledView) => {
          let index = indexes.get(view.id);
          if (!index) indexes.set(view.id, (index = new LevelViewIndex(view, feed, level)));
          return index;
        };
        databases.set(name, new StoreDatabase(name, pouch, async (view) => {
          const index = indexOf(view);
          await index.refresh();
          return index;
        }));
        deployed.set(name, await deployDesignDocs(name, pouch));
        // A workstation opens on the home page and a database's first view, also while its replica is
        // still filling (from the server): those indexes are kept current from the start, and every
        // other view from its first query on (the scheduler's, every 30 s), all in one pass over the
        // changes. A view left cold read the changes alone after an import, and the runs of the other
        // views on the same store, the first screen's among them, waited behind it for seconds. So is
        // the access index kept current, which every view page a person reads asks first (database.ts).
        for (const id of firstScreenViews(name)) indexOf(viewById(id)!);
        const access = accessIndexOf(pouch);
        warmers.push(keepViewsWarm(pouch, async () => {
          await Promise.all([LevelViewIndex.refreshTogether([...indexes.values()]), access.catchUp()]);
        }));
      }
      const gateway = new PouchDB(join(dataDir, 'gateway'));
      pouches.push(gateway);
      const server = new PouchDB(join(dataDir, SERVER_DB));
      pouches.push(server);
      return new EmbeddedStore(databases, levels, warmers, gateway, new ServerDocs(server, pouchWriter(server)), deployed);
    } catch (error) {
      // Release what was opened, so that the data directory's locks are not held by a failed start.
      await Promise.allSettled(warmers.map((w) => w.stop()));
      await Promise.allSettled([...pouches.map((p) => p.close()), ...levels.map((l) => l.close())]);
      throw error;
    }
  }

  database(name: DbName): Database {
    return this.databases.get(name)!;
  }

  async close(): Promise<void> {
    await Promise.all(this.warmers.map((warmer) => warmer.stop()));
    await Promise.all([...this.databases.values()].map((db) => db.pouch.close()));
    await Promise.all(this.viewLevels.map((level) => level.close()));
    await this.gatewayPouch.close();
    await this.serverDocs.pouch.close();
  }
}
