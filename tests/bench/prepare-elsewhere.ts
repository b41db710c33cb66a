import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Doc, SaveContext } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';

/**
 * The documents as Guanxi stores them (timestamps, authors, pinyin keys), prepared on a worker
 * thread: preparing them here would fill this thread's cache of pinyin keys, and the store would
 * then write names it has in fact never seen at the cost of names seen before.
 */
export function prepareElsewhere(docs: readonly Doc[], ctx: SaveContext): Promise<Doc[]> {
  // Workers do not inherit the tsx loader: the worker registers it before loading this module.
  const self = JSON.stringify(import.meta.url);
  const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${self}); })`, {
    eval: true,
    workerData: { docs, ctx },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (prepared: Doc[]) => {
      resolve(prepared);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

if (!isMainThread && parentPort) {
  const { docs, ctx } = workerData as { docs: Doc[]; ctx: SaveContext };
  parentPort.postMessage(docs.map((doc) => prepareForSave(doc, null, ctx)));
}
