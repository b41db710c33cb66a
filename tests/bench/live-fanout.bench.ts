import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createLogger } from '../../server/log.js';
import { startServer } from '../../server/main.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { SessionClient } from '../helpers/session-client.js';
import { localReplica, remoteDb } from '../helpers/sync-client.js';
import { tempDir, testConfig } from '../server/fixtures.js';
import { saved } from '../gateway/gateway-fixture.js';
import { generateCustomers } from './generate-crm.js';
import { percentile, report } from './report.js';

/**
 * Many at once: 50 live workstations (stock PouchDB in Node, each signed in with its own session,
 * syncing live through the gateway over HTTP) on one server; a change saved on one replica, and
 * how long until every other replica has it. The server runs on a thread of its own, as it would
 * in its own process: the 50 clients do not share its event loop.
 * BENCH_LIVE_CHANGES sets how many changes are timed (default 60); BENCH_ENGINE=couchdb with
 * COUCHDB_URL runs the server on Apache CouchDB.
 */
const WORKSTATIONS = 50;
const CHANGES = Number(process.env.BENCH_LIVE_CHANGES ?? 60);
const DOCS = 500;
const PASSWORD = 'bench password 1';
const people = Array.from({ length: WORKSTATIONS }, (_, i) => `销售${String(i + 1).padStart(2, '0')}`);

interface ServerReady {
  readonly url: string;
}

/** On the server's thread: a fresh store with the 50 people and some customers, served until told to close. */
async function serve({ couchdbUrl }: { couchdbUrl?: string }): Promise<void> {
  const { dir, cleanup } = await tempDir('bench-fanout');
  const couch = couchdbUrl ? { COUCHDB_URL: couchdbUrl, COUCHDB_PREFIX: `fanout${process.pid}-` } : {};
  const running = await startServer(testConfig(join(dir, 'guanxi'), couch), { logger: createLogger('silent') });
  await seedDirectory(running.store, running.directory, people.map((name) => ({ name, password: PASSWORD, access: { crm: 'editor' } })));
  await running.store.database('crm').saveMany(generateCustomers(DOCS), { now: '2026-11-23T08:00:00.000Z', user: { name: people[0]!, roles: [] } });
  parentPort!.postMessage({ url: running.url } satisfies ServerReady);
  parentPort!.once('message', () => {
    void running.close().then(cleanup).then(() => parentPort!.postMessage('closed'));
  });
}

function startServerThread(): Promise<{ url: string; close(): Promise<void> }> {
  // Workers do not inherit the tsx loader: the worker registers it before loading this module.
  const self = JSON.stringify(import.meta.url);
  const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${self}); })`, {
    eval: true,
    workerData: { couchdbUrl: process.env.BENCH_ENGINE === 'couchdb' ? process.env.COUCHDB_URL : undefined },
  });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', ({ url }: ServerReady) => resolve({
      url,
      close: () => new Promise((done) => {
        worker.once('message', () => void worker.terminate().then(() => done()));
        worker.postMessage('close');
      }),
    }));
  });
}

async function main(): Promise<void> {
  const server = await startServerThread();
  const replicas = await Promise.all(people.map(async (name) => {
    const client = new SessionClient(server.url);
    const answer = await client.signIn(name, PASSWORD);
    if (answer.status !== 200) throw new Error(`${name} could not sign in: ${JSON.stringify(answer.body)}`);
    const local = localReplica('fanout');
    // The first replica, then a push of what it holds (found on the server), so that the live sync
    // starts from checkpoints both ways instead of offering every document back while it is timed.
    const remote = remoteDb(server.url, 'crm', { cookie: client.cookie!, csrf: client.csrf! });
    await local.replicate.from(remote, { batch_size: 250 });
    await local.replicate.to(remote, { batch_size: 250 });
    return { name, local, remote };
  }));
  const syncs = replicas.map(({ local, remote }) => local.sync(remote, { live: true, retry: true }));
  // When each replica has each timed change: its own changes feed says so as the change lands.
  const arrivals = new Map<string, { count: number; last: number; done: () => void }>();
  const feeds = replicas.map(({ local }) => local.changes({ live: true, since: 'now', return_docs: false }).on('change', ({ id }) => {
    const arrival = arrivals.get(id);
    if (!arrival) return;
    arrival.last = performance.now();
    if (++arrival.count === WORKSTATIONS) arrival.done();
  }));
  // Every live sync waits for changes before the first write.
  await Promise.all(syncs.map((sync) => new Promise((resolve) => sync.once('paused', resolve))));

  const samples: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const writer = replicas[i % WORKSTATIONS]!;
    const id = `fanout-${i}`;
    const landed = new Promise<void>((done) => arrivals.set(id, { count: 0, last: 0, done }));
    const start = performance.now();
    await writer.local.put(saved(writer.name, { _id: id, form: 'Customer', name: `实时客户 ${i}` }) as never);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`change ${id} did not reach every replica within 30 s: ${arrivals.get(id)!.count} of ${WORKSTATIONS}`)), 30_000).unref());
    await Promise.race([landed, timeout]);
    samples.push(arrivals.get(id)!.last - start);
  }
  for (const feed of feeds) feed.cancel();
  for (const sync of syncs) sync.cancel();
  report(`gateway.live_change.${WORKSTATIONS}.p50`, percentile(samples, 50), 'ms');
  report(`gateway.live_change.${WORKSTATIONS}.p95`, percentile(samples, 95), 'ms', '≤ 1000 ms');
  await Promise.all(replicas.map(({ local }) => local.destroy()));
  await server.close();
}

if (isMainThread) await main();
else await serve(workerData as { couchdbUrl?: string });
