import type { DbName } from '../../design/databases.js';
import type { IndexAnswer, IndexRequest } from './views-worker-protocol.js';

/** The built worker (scripts/build-client.ts), beside app.js; kept offline by the service worker. */
const WORKER_URL = '/views-worker.js';

let shared: ViewsWorker | null | undefined;

/**
 * The page's side of client/views-worker.ts: one worker for every replica of the page. Null where
 * no worker can start (then the page indexes its views itself).
 */
export function viewsWorker(): ViewsWorker | null {
  if (shared === undefined) {
    try {
      shared = new ViewsWorker(new Worker(WORKER_URL, { type: 'module' }));
    } catch {
      shared = null;
    }
  }
  return shared;
}

/** Sends index requests and settles each with the worker's answer; a worker that fails to load fails them all. */
export class ViewsWorker {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  /** Set when the worker could not run (its script not loaded): callers index on the page instead. */
  broken: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.onmessage = ({ data }: MessageEvent<IndexAnswer>) => {
      const waiting = this.waiting.get(data.id);
      this.waiting.delete(data.id);
      if (data.ok) waiting?.resolve();
      else waiting?.reject(new Error(data.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.broken = new Error(`the views worker did not run: ${event.message || 'its script failed to load'}`);
      for (const { reject } of this.waiting.values()) reject(this.broken);
      this.waiting.clear();
      worker.terminate();
    };
  }

  /** Brings every view index of one replica up to its changes feed (`refresh`), or closes its stores in the worker (`close`). */
  send(type: IndexRequest['type'], pouchName: string, location: string, db: DbName): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    const request: IndexRequest = { id: this.next++, type, pouchName, location, db };
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }
}
