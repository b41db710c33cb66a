import type { Access, Person } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import type { Doc } from '../../design/form.js';
import type { UserContext } from '../../design/user.js';
import type { Logger } from '../log.js';
import type { PouchDatabase, Store } from '../store/store.js';
import { readDirectoryDoc, type DirectoryRecord } from './directory-records.js';
import type { Directory } from './directory.js';
import { StaticDirectory } from './static-directory.js';

const RETRY_FEED_MS = 1000;

/**
 * The directory of the store's `names` database, in memory: loaded at start, then kept current by
 * following the database's changes, so that on every server in front of the same store a change
 * of people, groups or ACLs applies as soon as the store has it.
 */
export class StoreDirectory implements Directory {
  /** The directory's reading of each document of `names`, by document id. */
  private readonly records = new Map<string, DirectoryRecord>();
  /** Rebuilt on first use after a change: a burst of changes costs one rebuild. */
  private snapshot: StaticDirectory | null = null;
  private readonly leaveListeners = new Set<(userName: string) => void>();
  private since: string | number = 0;
  private feed: PouchDB.Core.Changes<Doc> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(private readonly pouch: PouchDatabase, private readonly logger: Logger) {}

  static async open(store: Store, logger: Logger): Promise<StoreDirectory> {
    const pouch = store.database('names').pouch;
    const directory = new StoreDirectory(pouch, logger);
    // Following starts from the sequence before the load, so that nothing saved meanwhile is missed;
    // a change seen twice is harmless, since each carries the whole document.
    directory.since = (await pouch.info()).update_seq;
    const { rows } = await pouch.allDocs({ include_docs: true });
    for (const row of rows) directory.apply(row.id, row.doc);
    directory.follow();
    return directory;
  }

  accessFor(userName: string, db: DbName): Access {
    return this.current.accessFor(userName, db);
  }

  accessEpoch(userName: string, db: DbName): string {
    return this.current.accessEpoch(userName, db);
  }

  person(userName: string): Person | undefined {
    return this.current.person(userName);
  }

  userContext(userName: string): UserContext | undefined {
    return this.current.userContext(userName);
  }

  onLeave(listener: (userName: string) => void): () => void {
    this.leaveListeners.add(listener);
    return () => this.leaveListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.feed?.cancel();
    this.leaveListeners.clear();
  }

  private get current(): StaticDirectory {
    if (!this.snapshot) {
      const records = [...this.records.values()];
      this.snapshot = new StaticDirectory({
        people: records.flatMap((r) => (r.kind === 'person' ? [r.person] : [])),
        groups: records.flatMap((r) => (r.kind === 'group' ? [r.group] : [])),
        acls: records.flatMap((r) => (r.kind === 'acl' ? [r.acl] : [])),
      });
    }
    return this.snapshot;
  }

  private follow(): void {
    const feed = this.pouch.changes({ live: true, since: this.since, include_docs: true, return_docs: false });
    feed.on('change', (change) => {
      this.since = change.seq;
      this.apply(change.id, change.deleted ? undefined : change.doc);
    });
    feed.on('error', (error: unknown) => {
      if (this.closed) return;
      // Until it follows again, this server answers from what it last saw.
      this.logger.error({ err: error }, `directory: the changes feed of names failed; following again in ${RETRY_FEED_MS} ms`);
      this.retry = setTimeout(() => this.follow(), RETRY_FEED_MS);
      this.retry.unref();
    });
    this.feed = feed;
  }

  private apply(id: string, doc: Doc | undefined): void {
    const before = this.records.get(id);
    const after = doc && !doc._deleted ? readDirectoryDoc(doc) : null;
    if (after) this.records.set(id, after);
    else this.records.delete(id);
    this.snapshot = null;
    const wasActive = before?.kind === 'person' && before.person.status === 'active';
    const isActive = after?.kind === 'person' && after.person.status === 'active';
    if (wasActive && !isActive) for (const listener of this.leaveListeners) listener(before.person.name);
  }
}
