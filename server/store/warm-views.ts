/** A background task that keeps something current, stopped before what it works on closes. */
export interface Warmer {
  stop(): Promise<void>;
}

/**
 * Keeps view indexes of a database current in the background — once at start, then again after
 * each burst of writes (runs are coalesced: writes during a run cause one more) — so that the next
 * query, a new workstation's first screen, finds its index built instead of indexing every change
 * since the last one. Apache CouchDB does this for its own indexes (its "ken" daemon); the embedded
 * engine's indexes need it here.
 */
export function keepViewsWarm(pouch: PouchDB.Database, refresh: () => Promise<void>): Warmer {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        // A failed run is left to the next query of the view, which refreshes too and reports it.
        await refresh().catch(() => undefined);
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  const feed = pouch.changes({ live: true, since: 'now', return_docs: false }).on('change', run);
  run();
  return {
    async stop() {
      stopped = true;
      feed.cancel();
      await running;
    },
  };
}
