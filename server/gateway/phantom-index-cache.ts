import { isLocalStore } from './local-store.js';

/**
 * The phantom indexes (`phantoms:<db>:<user hex>`, see phantoms.ts) last read, per gateway store,
 * so that a workstation's requests (each `_changes`, `_bulk_get`, `_revs_diff`, `GET /db` asks for
 * its person's index, nearly always absent) do not read the store each time. An index is dropped
 * when the gateway store's changes feed shows it written, whichever server wrote it, and at once
 * when this server writes it. Until the feed runs, and after it fails, every read goes to the store.
 * A store no other server writes (local-store.ts) is not followed: this server's own drops suffice,
 * and the feed would be read once more for every document a workstation is sent (its manifest entry).
 */
export class PhantomIndexCache {
  private readonly cached = new Map<string, unknown>();
  /** Bumped at each drop, so that a read that began before a write does not cache what it read. */
  private readonly versions = new Map<string, number>();
  private following: Promise<boolean> | null = null;

  /** `prefix`: the ids of the documents cached; the feed's other changes are passed over. */
  constructor(private readonly pouch: PouchDB.Database, private readonly prefix: string) {}

  /** The document's content as `load` reads it, from memory when nothing wrote it since; `fresh` reads it anyway. */
  async read<T>(id: string, load: () => Promise<T>, fresh = false): Promise<T> {
    const following = await this.follow();
    if (following && !fresh && this.cached.has(id)) return this.cached.get(id) as T;
    const version = this.versions.get(id) ?? 0;
    const value = await load();
    if (following && this.following && (this.versions.get(id) ?? 0) === version) this.cached.set(id, value);
    return value;
  }

  /** Forgets a document this server has just written. */
  drop(id: string): void {
    this.cached.delete(id);
    this.versions.set(id, (this.versions.get(id) ?? 0) + 1);
  }

  /** Starts following the store's feed from where it stands now; false when it cannot. */
  private follow(): Promise<boolean> {
    this.following ??= isLocalStore(this.pouch) ? Promise.resolve(true) : (async () => {
      try {
        const since = (await this.pouch.info()).update_seq;
        const feed = this.pouch.changes({ since, live: true, return_docs: false });
        const stop = () => {
          feed.cancel();
          this.following = null;
          this.cached.clear();
        };
        feed.on('change', ({ id }) => id.startsWith(this.prefix) && this.drop(id));
        feed.on('error', stop);
        this.pouch.once('closed', stop);
        return true;
      } catch {
        this.following = null;
        return false;
      }
    })();
    return this.following;
  }
}

const caches = new WeakMap<PouchDB.Database, PhantomIndexCache>();

/** The cache of the documents under `prefix` of a gateway store, one per store in this process. */
export function phantomIndexCacheOf(pouch: PouchDB.Database, prefix: string): PhantomIndexCache {
  let cache = caches.get(pouch);
  if (!cache) caches.set(pouch, (cache = new PhantomIndexCache(pouch, prefix)));
  return cache;
}
