/**
 * The views worker: indexes a replica's views off the page's thread. A new replica brings tens of
 * thousands of documents, each mapped by every view of its database and written to IndexedDB; done
 * on the page, that work took half of its thread while the replication waited for it. The worker
 * opens the replica and the view store by name (IndexedDB is shared with the page) and is their
 * views' only writer while the page uses it, so engine/'s index keeps its in-memory state.
 */
import { LevelViewIndex } from '../engine/level-view-index.js';
import { PACKED } from '../engine/view-rows.js';
import { pouchChangesFeed } from '../engine/pouch-changes-feed.js';
import { viewsOf } from '../views/catalog.js';
import { BulkBrowserLevel } from './controllers/bulk-browser-level.js';
import { Pouch } from './controllers/pouch.js';
import type { IndexAnswer, IndexRequest } from './controllers/views-worker-protocol.js';

// Only what this file needs of a dedicated worker's scope: the DOM and WebWorker libraries cannot share one program.
interface WorkerScope {
  onmessage: ((event: MessageEvent<IndexRequest>) => void) | null;
  postMessage(answer: IndexAnswer): void;
}

const scope = self as unknown as WorkerScope;
interface Replica {
  readonly pouch: PouchDB.Database;
  readonly level: BulkBrowserLevel<unknown>;
  readonly indexes: readonly LevelViewIndex[];
}

const replicas = new Map<string, Replica>();

function replicaOf({ pouchName, location, db }: IndexRequest): Replica {
  let replica = replicas.get(location);
  if (!replica) {
    const pouch = new Pouch(pouchName, { adapter: 'idb' });
    const level = new BulkBrowserLevel<unknown>(location);
    const feed = pouchChangesFeed(pouch);
    replica = { pouch, level, indexes: viewsOf(db).map((view) => new LevelViewIndex(view, feed, level, { pack: PACKED })) };
    replicas.set(location, replica);
  }
  return replica;
}

async function answer(request: IndexRequest): Promise<void> {
  if (request.type === 'refresh') {
    await LevelViewIndex.refreshTogether(replicaOf(request).indexes);
    return;
  }
  if (request.type === 'compact') {
    await LevelViewIndex.compactTogether(replicaOf(request).indexes);
    return;
  }
  const replica = replicas.get(request.location);
  replicas.delete(request.location);
  if (!replica) return;
  // Queued behind the run under way (runs on one store go in turn), so that it ends before the stores close.
  await LevelViewIndex.refreshTogether(replica.indexes).catch(() => undefined);
  await Promise.all([replica.level.close(), replica.pouch.close()]);
}

scope.onmessage = ({ data: request }) => {
  answer(request).then(
    () => scope.postMessage({ id: request.id, ok: true }),
    (error: unknown) => scope.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
};
