const PER_FEED = 20_000;
const FEEDS = 200;

/**
 * The revisions the changes feed has just shown a user as readable. Replication asks for them by
 * `_bulk_get` right after, and they are known to exist and to have been readable a moment ago, so
 * they are read from the store without checking the document again. Kept per user, database and
 * access epoch (a change of access starts afresh), in memory, bounded; a miss takes the full check.
 */
export class RecentlyShown {
  private readonly feeds = new Map<string, Generations>();

  remember(feed: string, id: string, rev: string): void {
    let shown = this.feeds.get(feed);
    if (!shown) {
      if (this.feeds.size >= FEEDS) this.feeds.delete(this.feeds.keys().next().value!);
      this.feeds.set(feed, (shown = { current: new Set(), previous: new Set() }));
    }
    // In two generations of half the bound each, the older dropped whole: taking the oldest entry
    // out of one Set, one at a time, made V8 step over every entry taken out before it (until the
    // table was rebuilt), microseconds per document once a first replica passed the bound.
    if (shown.current.size >= PER_FEED / 2) [shown.previous, shown.current] = [shown.current, new Set()];
    shown.current.add(`${id}\n${rev}`);
  }

  has(feed: string, id: string, rev: string): boolean {
    const shown = this.feeds.get(feed);
    const key = `${id}\n${rev}`;
    return shown !== undefined && (shown.current.has(key) || shown.previous.has(key));
  }
}

/** A feed's revisions shown, the latest in `current`. */
interface Generations {
  current: Set<string>;
  previous: Set<string>;
}

export function feedKey(db: string, user: string, epoch: string): string {
  return `${db}\n${user}\n${epoch}`;
}
