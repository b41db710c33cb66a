import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Doc, SaveContext } from '../../design/form.js';
import type { Prepared } from './prepare-write.js';
import type { StoredDoc } from './store.js';

export interface PrepareJob {
  readonly id: number;
  readonly docs: readonly Doc[];
  readonly olds: readonly (StoredDoc | null | undefined)[];
  readonly ctx: SaveContext;
}

/**
 * One worker thread that prepares large batches (pinyin keys and validation cost about as much as
 * LevelDB's write), so that on a machine with two cores the next chunk is prepared while the
 * previous one is written. Started on first use; it keeps the process alive only while it has work.
 */
export class PreparePool {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (prepared: Prepared[]) => void; reject: (error: Error) => void }>();

  prepare(docs: readonly Doc[], olds: readonly (StoredDoc | null | undefined)[], ctx: SaveContext): Promise<Prepared[]> {
    const worker = this.start();
    const id = this.nextId++;
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, docs, olds, ctx } satisfies PrepareJob);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerEntry());
    worker.unref();
    worker.on('message', ({ id, prepared }: { id: number; prepared: Prepared[] }) => {
      this.pending.get(id)?.resolve(prepared);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the prepare worker stopped (exit code ${code})`)));
    return (this.worker = worker);
  }

  private fail(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    this.worker = null;
  }
}

/**
 * The worker is a sibling module: .js when built. Run from source it is .ts, and Node 20 does not
 * pass the main thread's tsx loader on to workers, so the entry registers tsx first.
 */
function workerEntry(): URL {
  const extension = extname(fileURLToPath(import.meta.url));
  const target = JSON.stringify(new URL(`./prepare-worker${extension}`, import.meta.url).href);
  if (extension !== '.ts') return new URL(`./prepare-worker${extension}`, import.meta.url);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const code = `const { register } = await import(${tsx}); register(); await import(${target});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}
