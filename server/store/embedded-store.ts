import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import PouchDB from 'pouchdb';
import { DB_NAMES, type DbName } from '../../design/databases.js';
import { LevelViewIndex } from '../../engine/level-view-index.js';
import { pouchChangesFeed } from '../../engine/pouch-changes-feed.js';
import { StoreDatabase } from './database.js';
import { deployDesignDocs } from './deploy-design-docs.js';
import type { Database, PouchDatabase, Store } from './store.js';

/**
 * The default engine: PouchDB on LevelDB in a data directory, and the view indexes in a second
 * LevelDB beside each database. Nothing else needs to be installed or running.
 */
export class EmbeddedStore implements Store {
  readonly engine = 'embedded';

  private constructor(
    private readonly databases: Map<DbName, StoreDatabase>,
    private readonly viewLevels: ClassicLevel[],
    readonly gatewayPouch: PouchDB.Database,
  ) {}

  static async open(dataDir: string): Promise<EmbeddedStore> {
    await mkdir(dataDir, { recursive: true });
    const databases = new Map<DbName, StoreDatabase>();
    const levels: ClassicLevel[] = [];
    for (const name of DB_NAMES) {
      const pouch = new PouchDB(join(dataDir, name)) as PouchDatabase;
      const level = new ClassicLevel(join(dataDir, `${name}.views`));
      await level.open();
      levels.push(level);
      const indexes = new Map<string, LevelViewIndex>();
      databases.set(name, new StoreDatabase(name, pouch, async (view) => {
        let index = indexes.get(view.id);
        if (!index) indexes.set(view.id, (index = new LevelViewIndex(view, pouchChangesFeed(pouch), level)));
        await index.refresh();
        return index;
      }));
      await deployDesignDocs(name, pouch);
    }
    return new EmbeddedStore(databases, levels, new PouchDB(join(dataDir, 'gateway')));
  }

  database(name: DbName): Database {
    return this.databases.get(name)!;
  }

  async close(): Promise<void> {
    await Promise.all([...this.databases.values()].map((db) => db.pouch.close()));
    await Promise.all(this.viewLevels.map((level) => level.close()));
    await this.gatewayPouch.close();
  }
}
