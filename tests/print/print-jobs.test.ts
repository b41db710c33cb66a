import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PrintJobs, type PrintJobStatus } from '../../server/print/print-jobs.js';
import { resolveLabelFormat } from '../../server/print/label-formats.js';
import { renderLabels } from '../../server/print/label-sheet.js';
import { addresseesOfView } from '../../server/print/load-addressees.js';
import type { PrintFile } from '../../server/print/print-request.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { seedCrm, withEmbeddedStore } from './crm-fixture.js';
import { sampleAddresses } from './sample-addresses.js';

const FILE: PrintFile = { body: new Uint8Array([37, 80, 68, 70]), type: 'application/pdf', filename: 'labels-L7160.pdf' };

/** A job whose work moves on only when the test says so. */
function steppedJob(jobs: PrintJobs, owner: string) {
  let step: (done: number) => void = () => {};
  let finish: (file: PrintFile) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  let signal: AbortSignal | undefined;
  const status = jobs.start(owner, (control) => {
    signal = control.signal;
    step = (done) => control.onProgress(done, 1000);
    return new Promise<PrintFile>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  });
  return { status, step: (done: number) => step(done), finish: (file: PrintFile) => finish(file), fail: (error: unknown) => fail(error), signal: () => signal! };
}

describe('print jobs', () => {
  test('a job reports its progress, then its file; only to its owner', async () => {
    const jobs = new PrintJobs();
    const job = steppedJob(jobs, 'Alice');
    assert.deepEqual(pick(job.status), { state: 'running', done: 0, total: 0 });
    job.step(250);
    assert.deepEqual(pick(jobs.status('Alice', job.status.id)), { state: 'running', done: 250, total: 1000 });
    assert.throws(() => jobs.file('Alice', job.status.id), /is running: it has no file yet/);
    assert.throws(() => jobs.status('Bob', job.status.id), (error: Error & { status?: number }) => error.status === 404);
    job.finish(FILE);
    await expectEventually(() => assert.equal(jobs.status('Alice', job.status.id).state, 'done'));
    assert.deepEqual(jobs.status('Alice', job.status.id), { id: job.status.id, state: 'done', done: 250, total: 1000, filename: 'labels-L7160.pdf', size: 4 });
    assert.equal(jobs.file('Alice', job.status.id), FILE);
    assert.throws(() => jobs.file('Bob', job.status.id), /No print job/);
  });

  test('cancel stops the work and keeps no file; cancelling a finished job forgets it', async () => {
    const jobs = new PrintJobs();
    const job = steppedJob(jobs, 'Alice');
    assert.equal(jobs.cancel('Alice', job.status.id).state, 'cancelled');
    assert.equal(job.signal().aborted, true);
    job.finish(FILE);
    await Promise.resolve();
    assert.equal(jobs.status('Alice', job.status.id).state, 'cancelled', 'work that ends after a cancel changes nothing');
    assert.throws(() => jobs.file('Alice', job.status.id), /is cancelled: it has no file/);
    assert.equal(jobs.cancel('Alice', job.status.id).state, 'cancelled');
    assert.throws(() => jobs.status('Alice', job.status.id), /No print job/);
  });

  test('a failure keeps its reason in the error shape', async () => {
    const jobs = new PrintJobs();
    const job = steppedJob(jobs, 'Alice');
    job.fail(Object.assign(new Error('There are no addresses to print'), { status: 400 }));
    const status = await expectEventually(() => {
      const now = jobs.status('Alice', job.status.id);
      assert.equal(now.state, 'failed');
      return now;
    });
    assert.deepEqual(status.error, { error: 'bad_request', reason: 'There are no addresses to print' });
  });

  test('a person has at most a few jobs running; finished jobs are forgotten after a while', async () => {
    const jobs = new PrintJobs({ maxRunning: 2, keepMs: 20 });
    const first = steppedJob(jobs, 'Alice');
    steppedJob(jobs, 'Alice');
    assert.throws(() => steppedJob(jobs, 'Alice'), /already have 2 print jobs running/);
    steppedJob(jobs, 'Bob');
    first.finish(FILE);
    await expectEventually(() => assert.equal(jobs.status('Alice', first.status.id).state, 'done'));
    steppedJob(jobs, 'Alice');
    await expectEventually(() => assert.throws(() => jobs.status('Alice', first.status.id), /No print job/), { timeoutMs: 2000 });
  });

  test('rendering labels stops at its next step once its job is cancelled', async () => {
    const abort = new AbortController();
    const seen: number[] = [];
    await assert.rejects(renderLabels(sampleAddresses(1000), {
      format: resolveLabelFormat('L7160'), signal: abort.signal,
      onProgress: (done) => {
        seen.push(done);
        abort.abort();
      },
    }), { name: 'AbortError' });
    assert.deepEqual(seen, [250]);
  });
});

describe('reading a view to print', () => {
  test('reports the documents read so far, and stops once cancelled', () => withEmbeddedStore(async ({ store }) => {
    await seedCrm(store, 520);
    const crm = store.database('crm');
    const seen: [number, number][] = [];
    const read = await addresseesOfView(crm, 'customers-by-name', {}, [], undefined, { onProgress: (done, total) => seen.push([done, total]) });
    assert.equal(read.length, 520);
    assert.deepEqual(seen, [[250, 0], [500, 0]]);

    const abort = new AbortController();
    await assert.rejects(addresseesOfView(crm, 'customers-by-name', {}, [], undefined, { signal: abort.signal, onProgress: () => abort.abort() }), { name: 'AbortError' });
  }));
});

function pick({ state, done, total }: PrintJobStatus) {
  return { state, done, total };
}
