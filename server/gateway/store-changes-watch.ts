/**
 * Waiting for a database's next change, for every `_changes` request that waits (longpoll,
 * continuous) at once: one live feed of the store per database in this process, however many
 * workstations wait, instead of one each (with 50 live workstations a write woke 50 feeds, each
 * reading the store, and on Apache CouchDB each waiting request held a connection of its own).
 *
 * Changes are counted as the feed delivers them: a request takes a mark before it reads the store,
 * and waits for the count to pass it, so a change that lands between its read and its wait is not
 * missed. No sequence is compared (Apache CouchDB's are opaque).
 */
export interface ChangesWatch {
  /** Taken before reading the store: `wait` ends at once if a change came since. */
  mark(): number;
  /**
   * Resolves when a change came after `mark`, when `stillCurrent` turns false (the user's access
   * changed), when the client goes away, or after `ms`; whichever comes first.
   */
  wait(mark: number, ms: number, stillCurrent: () => boolean, aborted: AbortSignal): Promise<void>;
  /** The request is done waiting: the feed stops when nobody watches. */
  release(): void;
}

class StoreChanges {
  private feed: PouchDB.Core.Changes<object> | null = null;
  private starting: Promise<void> | null = null;
  /** Changes delivered, and feed failures (after which everyone reads again). */
  private count = 0;
  private watchers = 0;
  private readonly waiting = new Set<() => void>();

  constructor(private readonly pouch: PouchDB.Database) {}

  async watch(): Promise<ChangesWatch> {
    this.watchers++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (--this.watchers === 0) this.stop();
    };
    try {
      await this.start();
    } catch (error) {
      release();
      throw error;
    }
    return { mark: () => this.count, wait: (mark, ms, stillCurrent, aborted) => this.wait(mark, ms, stillCurrent, aborted), release };
  }

  private start(): Promise<void> {
    if (this.feed) return Promise.resolve();
    this.starting ??= (async () => {
      // From the store's position now: whatever lands after it is delivered.
      const since = (await this.pouch.info()).update_seq;
      if (this.watchers === 0 || this.feed) return;
      const feed = this.pouch.changes({ since, live: true, return_docs: false });
      feed.on('change', () => this.changed());
      feed.on('error', () => {
        // Everyone waiting reads the store again; the next wait starts a new feed.
        if (this.feed === feed) this.feed = null;
        this.changed();
      });
      this.feed = feed;
    })().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private stop(): void {
    this.feed?.cancel();
    this.feed = null;
  }

  private changed(): void {
    this.count++;
    for (const wake of [...this.waiting]) wake();
  }

  private async wait(mark: number, ms: number, stillCurrent: () => boolean, aborted: AbortSignal): Promise<void> {
    if (!this.feed) await this.start();
    if (this.count !== mark || aborted.aborted) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        aborted.removeEventListener('abort', done);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      const poll = setInterval(() => !stillCurrent() && done(), 250);
      aborted.addEventListener('abort', done);
      this.waiting.add(done);
    });
  }
}

const watched = new WeakMap<PouchDB.Database, StoreChanges>();

/** Starts watching a database's changes (one shared feed per database); release the watch when done. */
export function watchStoreChanges(pouch: PouchDB.Database): Promise<ChangesWatch> {
  let changes = watched.get(pouch);
  if (!changes) watched.set(pouch, (changes = new StoreChanges(pouch)));
  return changes.watch();
}
