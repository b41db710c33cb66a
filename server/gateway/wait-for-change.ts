import type { StoreSeq } from './since-token.js';

/**
 * Resolves when the store has a change after `since`, when `stillCurrent` turns false (the user's
 * access changed), when the client goes away, or after `ms`; whichever comes first.
 */
export function waitForChange(pouch: PouchDB.Database, since: StoreSeq, ms: number, stillCurrent: () => boolean, aborted: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const feed = pouch.changes({ since, live: true, return_docs: false });
    const done = (): void => {
      clearTimeout(timer);
      clearInterval(poll);
      aborted.removeEventListener('abort', done);
      feed.cancel();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const poll = setInterval(() => !stillCurrent() && done(), 250);
    feed.on('change', done);
    feed.on('error', done);
    aborted.addEventListener('abort', done);
  });
}
