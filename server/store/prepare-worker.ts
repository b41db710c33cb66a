import { parentPort } from 'node:worker_threads';
import { prepareWrite } from './prepare-write.js';
import type { PrepareJob } from './prepare-pool.js';

// Runs prepareWrite for batches sent by PreparePool, in order, one reply per job.
parentPort!.on('message', ({ id, docs, olds, ctx }: PrepareJob) => {
  parentPort!.postMessage({ id, prepared: docs.map((doc, i) => prepareWrite(doc, olds[i], ctx)) });
});
