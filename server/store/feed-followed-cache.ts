/**
 * Documents of one kind (the ids under a prefix) as last read, per database in this process, so
 * that what every request asks for (its session, its person's phantom index) does not read the
 * store each time. A document is dropped when the database's live changes feed shows it written,
 * whichever server wrote it, and at once when this server writes it. Until the feed runs, and
 * after it fails, every read goes to the store: the cache is trusted only while the feed is.
 */
export class FeedFollowedCache {
  private readonly cached = new Map<string, unknown>();
  /** The reads under way, and the drops seen meanwhile: a read that began before a write does not cache what it read. */
  private readonly reading = new Map<string, { count: number; drops: number }>();
  /** Bumped when the feed stops: a read that began while it ran may have missed a change. */
  private generation = 0;
  private following: Promise<boolean> | null = null;

  /**
   * `prefix`: the ids of the documents cached; the feed's other changes are passed over.
   * `soleWriter`: no other server writes these documents (a store this process opens itself), so
   * this server's own drops keep the cache exact and the feed is not read back.
   */
  constructor(private readonly pouch: PouchDB.Database, private readonly prefix: string, private readonly maxEntries: number, private readonly soleWriter: boolean) {}

  /** The document's content as `load` reads it, from memory when nothing wrote it since; `fresh` reads it anyway. */
  async read<T>(id: string, load: () => Promise<T>, fresh = false): Promise<T> {
    const following = await this.follow();
    if (following && !fresh && this.cached.has(id)) return this.cached.get(id) as T;
    const reading = this.reading.get(id) ?? { count: 0, drops: 0 };
    this.reading.set(id, reading);
    reading.count++;
    const [drops, generation] = [reading.drops, this.generation];
    try {
      const value = await load();
      if (following && this.following && generation === this.generation && reading.drops === drops) this.keep(id, value);
      return value;
    } finally {
      if (--reading.count === 0) this.reading.delete(id);
    }
  }

  /** Forgets a document this server has just written. */
  drop(id: string): void {
    this.cached.delete(id);
    const reading = this.reading.get(id);
    if (reading) reading.drops++;
  }

  private keep(id: string, value: unknown): void {
    // The oldest entry makes room: a flood of unknown ids costs store reads, never memory.
    if (!this.cached.has(id) && this.cached.size >= this.maxEntries) this.cached.delete(this.cached.keys().next().value as string);
    this.cached.set(id, value);
  }

  /** Starts following the store's feed from where it stands now; false when it cannot. */
  private follow(): Promise<boolean> {
    this.following ??= this.soleWriter ? Promise.resolve(true) : (async () => {
      try {
        const since = (await this.pouch.info()).update_seq;
        const feed = this.pouch.changes({ since, live: true, return_docs: false });
        let stopped = false;
        const stop = () => {
          if (stopped) return;
          stopped = true;
          this.pouch.removeListener('closed', stop);
          feed.cancel();
          this.following = null;
          this.generation++;
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

const caches = new WeakMap<PouchDB.Database, Map<string, FeedFollowedCache>>();

/** The cache of the documents under `prefix` of a database, one per database and prefix in this process. */
export function feedFollowedCacheOf(pouch: PouchDB.Database, prefix: string, { maxEntries = 10_000, soleWriter = false } = {}): FeedFollowedCache {
  let ofPouch = caches.get(pouch);
  if (!ofPouch) caches.set(pouch, (ofPouch = new Map()));
  let cache = ofPouch.get(prefix);
  if (!cache) ofPouch.set(prefix, (cache = new FeedFollowedCache(pouch, prefix, maxEntries, soleWriter)));
  return cache;
}
