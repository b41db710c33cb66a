import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { createLogger } from '../../server/log.js';
import { startServer } from '../../server/main.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { SessionClient } from '../helpers/session-client.js';
import { localReplica, remoteDb } from '../helpers/sync-client.js';
import { tempDir, testConfig } from '../server/fixtures.js';
import { saved } from '../gateway/gateway-fixture.js';
import { generateCustomers } from './generate-crm.js';
import { percentile, report, timed } from './report.js';

/**
 * Initial replication of a fresh workstation through the gateway (as a user who may read every
 * document, and as one who may read a tenth of them) against the same documents served with no
 * checks by a plain CouchDB-protocol server (express-pouchdb), by the same client in the same run;
 * and how soon a change made on one live replica shows on another.
 *
 * Each gateway figure is the median of several first replications (`BENCH_SYNC_ROUNDS` rounds, a
 * full reader's then three tenth readers' in each), each by another person: the tenth reader's pull
 * is short (1,000 documents at 10k), and one pull alone moved by half with a pause or the other
 * work of a shared machine.
 */
const N = Number(process.env.BENCH_SYNC_DOCS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_SYNC_ROUNDS ?? 3);
const label = `${N / 1000}k`;
const PASSWORD = 'bench password 1';
const ctx = { now: '2026-11-23T08:00:00.000Z', user: { name: 'Loader', roles: [] } };
/** Tenth readers' pulls per round: each is a tenth of a full reader's, and the noisier. */
const TENTH_PER_ROUND = 3;
// The full readers are in the head office; the tenth readers are not.
const rounds = Array.from({ length: ROUNDS }, (_, r) => ({
  all: `Alice ${r + 1}`,
  tenth: Array.from({ length: TENTH_PER_ROUND }, (_, t) => `Bob ${r + 1}.${t + 1}`),
}));

const { dir, cleanup } = await tempDir('bench-sync');
const running = await startServer(testConfig(join(dir, 'guanxi')), { logger: createLogger('silent') });
await seedDirectory(running.store, running.directory, rounds.flatMap(({ all, tenth }) => [all, ...tenth]).map((name) => (
  { name, password: PASSWORD, access: { crm: 'editor' as const } })), { '总部': rounds.map(({ all }) => all) });
// Every tenth customer is open to all; the rest only to the head office.
const docs = generateCustomers(N).map((doc, i) => ({ ...doc, readers: i % 10 === 0 ? [] : ['总部'] }));
for (let i = 0; i < N; i += 1000) await running.store.database('crm').saveMany(docs.slice(i, i + 1000), ctx);
await settled();

const require = createRequire(import.meta.url);
const expressPouchDB = require('express-pouchdb') as (pouch: unknown, options: object) => (req: unknown, res: unknown) => void;
await mkdir(join(dir, 'plain'), { recursive: true });
const PlainPouch = PouchDB.defaults({ prefix: `${join(dir, 'plain')}/` } as PouchDB.Configuration.DatabaseConfiguration);
const plain = createServer(expressPouchDB(PlainPouch, { mode: 'minimumForPouchDB', configPath: join(dir, 'plain-config.json'), logPath: join(dir, 'plain-log.txt') }));
// Created after express-pouchdb has wrapped the constructor, so that it knows the database.
const plainSource = new PlainPouch('crm');
await plainSource.replicate.from(running.store.database('crm').pouch);
await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
const plainUrl = `http://127.0.0.1:${(plain.address() as { port: number }).port}/crm`;

async function credentials(name: string) {
  const client = new SessionClient(running.url);
  await client.signIn(name, PASSWORD);
  return { cookie: client.cookie!, csrf: client.csrf! };
}

/**
 * Until the server has done its own work on the seeded documents (the crm follower completes each
 * record, the first screen's views index them: in this process, for seconds at 10k), so that the
 * pulls measure the gateway alone: under 5% of a core over half a second.
 */
async function settled(): Promise<void> {
  await expectEventually(async () => {
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { user, system } = process.cpuUsage(before);
    return user + system < 25_000;
  }, { timeoutMs: 30 * 60_000 });
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

interface Run {
  readonly ms: number;
  readonly docs: number;
}

async function pull(source: PouchDB.Database): Promise<Run> {
  const target = localReplica('bench');
  let docsWritten = 0;
  const ms = await timed(async () => {
    docsWritten = (await target.replicate.from(source, { batch_size: 100 })).docs_written;
  });
  await target.destroy();
  return { ms, docs: docsWritten };
}

const plainRun = await pull(new PouchDB(plainUrl, { skip_setup: true }));
const alice = await credentials(rounds[0]!.all);
// A server in use has its access index built (the first GET /sync/crm reads the store's feed once).
await remoteDb(running.url, 'crm', alice).info();
const allRuns: Run[] = [];
const tenthRuns: Run[] = [];
for (const { all, tenth } of rounds) {
  allRuns.push(await pull(remoteDb(running.url, 'crm', all === rounds[0]!.all ? alice : await credentials(all))));
  for (const name of tenth) tenthRuns.push(await pull(remoteDb(running.url, 'crm', await credentials(name))));
}
const rate = ({ ms, docs }: Run) => docs / (ms / 1000);
const [allRate, tenthRate] = [median(allRuns.map(rate)), median(tenthRuns.map(rate))];
report(`sync.initial.${label}.plain`, rate(plainRun), 'docs/s');
report(`sync.initial.${label}.gateway_all`, allRate, 'docs/s');
report(`sync.initial.${label}.gateway_all.ratio`, allRate / rate(plainRun), 'x');
report(`sync.initial.${label}.gateway_tenth.docs`, tenthRuns[0]!.docs, 'docs');
report(`sync.initial.${label}.gateway_tenth`, tenthRate, 'docs/s');
report(`sync.initial.${label}.gateway_tenth.seconds`, median(tenthRuns.map(({ ms }) => ms)) / 1000, 's');
report('sync.initial.partial_reader.ratio', tenthRate / allRate, 'x', '≥ 1.0 x');

// Live: a change saved on one replica, until it is on the other.
const [a, b] = [localReplica('live-a'), localReplica('live-b')];
// A pushes what it writes; B pulls from now on (its initial replication was measured above).
const liveA = a.replicate.to(remoteDb(running.url, 'crm', alice), { live: true, retry: true });
const liveB = b.replicate.from(remoteDb(running.url, 'crm', alice), { live: true, retry: true, since: 'now' } as never);
// `since: 'now'` is resolved by B's first request: write only once B waits for changes.
await new Promise((resolve) => liveB.once('paused', resolve));
const samples: number[] = [];
for (let i = 0; i < 40; i++) {
  const id = `live-${i}`;
  const start = performance.now();
  await a.put(saved(rounds[0]!.all, { _id: id, form: 'Customer', name: `实时 ${i}` }) as never);
  await expectEventually(async () => (await b.get(id).then(() => true, () => false)), { timeoutMs: 10_000, intervalMs: 2 });
  samples.push(performance.now() - start);
}
liveA.cancel();
liveB.cancel();
report('sync.live_change.p50', percentile(samples, 50), 'ms');
report('sync.live_change.p95', percentile(samples, 95), 'ms');

plain.close();
await plainSource.close();
await running.close();
await cleanup();
