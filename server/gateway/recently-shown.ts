const PER_FEED = 20_000;
const FEEDS = 200;

/**
 * The revisions the changes feed has just shown a user as readable. Replication asks for them by
 * `_bulk_get` right after, and they are known to exist and to have been readable a moment ago, so
 * they are read from the store without checking the document again. Kept per user, database and
 * access epoch (a change of access starts afresh), in memory, bounded; a miss takes the full check.
 */
export class RecentlyShown {
  private readonly feeds = new Map<string, Set<string>>();

  remember(feed: string, id: string, rev: string): void {
    let shown = this.feeds.get(feed);
    if (!shown) {
      if (this.feeds.size >= FEEDS) this.feeds.delete(this.feeds.keys().next().value!);
      this.feeds.set(feed, (shown = new Set()));
    }
    shown.add(`${id}\n${rev}`);
    if (shown.size > PER_FEED) shown.delete(shown.values().next().value!);
  }

  has(feed: string, id: string, rev: string): boolean {
    return this.feeds.get(feed)?.has(`${id}\n${rev}`) ?? false;
  }
}

export function feedKey(db: string, user: string, epoch: string): string {
  return `${db}\n${user}\n${epoch}`;
}
