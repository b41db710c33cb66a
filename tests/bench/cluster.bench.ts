import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { SERVER_USER } from '../../design/user.js';
import { FREE_ATTEMPTS } from '../../server/auth/lockout.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { CouchStore } from '../../server/store/couch-store.js';
import { startCouchCluster } from '../helpers/couchdb-cluster.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { freePort } from '../helpers/dovecot.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { localReplica, remoteDb } from '../helpers/sync-client.js';
import { saved } from '../gateway/gateway-fixture.js';
import { SessionClient } from '../helpers/session-client.js';
import { tempDir, testConfig } from '../server/fixtures.js';
import { report, timed } from './report.js';

/**
 * Scale-out: a three-node Apache CouchDB cluster (q=2, n=3) on loopback, two Guanxi servers in
 * front of it (each speaking to its own node), and twenty workstations creating customers, deals
 * and outgoing mail offline, then syncing at once through both gateways. Every code and number
 * must be unique, every mail sent once, and every workstation must end with the same records;
 * then again while one CouchDB node is stopped in the middle of the run and brought back.
 * Throws when any of that fails; prints how long each wave took to be numbered and sent.
 */
const REPLICAS = Number(process.env.BENCH_CLUSTER_REPLICAS ?? 20);
const PER_REPLICA = Number(process.env.BENCH_CLUSTER_RECORDS ?? 5);
const PASSWORD = 'cluster password 1';
const CTX = { user: SERVER_USER, now: '2026-03-01T08:00:00.000Z' };
const logger = createLogger('silent');

// Free ports unless given (`BENCH_CLUSTER_PORTS=5971,5972,5973`), as on a machine whose ports are shared out.
const givenPorts = (name: string) => process.env[name]?.split(',').map(Number);
const ports = givenPorts('BENCH_CLUSTER_PORTS') ?? await Promise.all([0, 1, 2].map(() => freePort()));
const distributionPorts = givenPorts('BENCH_CLUSTER_DIST_PORTS') ?? await Promise.all([0, 1, 2].map(() => freePort()));
const cluster = await startCouchCluster({ ports, distributionPorts, q: 2, n: 3 });
const sink = await startSmtpSink();
const { dir, cleanup } = await tempDir('bench-cluster');
const prefix = 'scale-';
const servers: RunningServer[] = [];
try {
  // Set up through a store of its own, before the servers start: people, the mailbox, the numbering.
  const setup = await CouchStore.open(cluster.nodeUrls[0]!, prefix);
  await setup.database('names').save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', displayName: '关系贸易', smtpHost: sink.host, smtpPort: sink.port, smtpTls: false }, CTX);
  await setup.database('crm').save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', customerCodePrefix: 'KH', customerCodeDatePart: 'none', customerCodeDigits: 5, dealNumberPrefix: 'YW', dealNumberDatePart: 'year', dealNumberDigits: 4 }, CTX);
  await setup.close();
  for (const node of [0, 1]) {
    servers.push(await startServer(testConfig(join(dir, `server-${node}`), { COUCHDB_URL: cluster.nodeUrls[node]!, COUCHDB_PREFIX: prefix, SCHEDULER_CRON: '* * * * * *' }), { logger }));
  }
  const people = Array.from({ length: REPLICAS }, (_, i) => `业务员${String(i + 1).padStart(2, '0')}`);
  await seedDirectory(servers[0]!.store, servers[0]!.directory, people.map((name) => ({ name, password: PASSWORD, access: { crm: 'author' } })));
  const replicas = await Promise.all(people.map(async (name, i) => {
    const server = servers[i % 2]!;
    const client = new SessionClient(server.url);
    await expectEventually(async () => assert.equal((await client.signIn(name, PASSWORD)).status, 200), { timeoutMs: 30_000 });
    return { name, local: localReplica(`cluster-${i}`), remote: remoteDb(server.url, 'crm', { cookie: client.cookie!, csrf: client.csrf! }) };
  }));

  const crm = servers[1]!.store.database('crm');
  let wave = 0;
  const runWave = async (label: string, midRun?: () => Promise<void>) => {
    wave++;
    // Offline, each workstation saves its customers with a deal each, and one mail to send.
    await Promise.all(replicas.map(async ({ name, local }, r) => {
      for (let i = 0; i < PER_REPLICA; i++) {
        const customerId = `w${wave}-r${r}-c${i}`;
        await local.put(saved(name, { _id: customerId, form: 'Customer', name: `${name}的客户${wave}-${i}` }) as never);
        await local.put(saved(name, { _id: `w${wave}-r${r}-d${i}`, form: 'Deal', name: `业务${wave}-${i}`, customerId, customerName: `${name}的客户${wave}-${i}`, opened: '2026-03-02' }) as never);
      }
      await local.put(saved(name, { _id: `w${wave}-r${r}-mail`, form: 'MailMessage', direction: 'out', status: 'queued', to: [`buyer${r}@acme.de`], subject: `报价 ${wave}-${r}`, body: '您好' }) as never);
    }));
    const ms = await timed(async () => {
      const pushing = Promise.all(replicas.map(({ local, remote }) => local.replicate.to(remote, { retry: true } as never)));
      await midRun?.();
      await pushing;
      await expectEventually(async () => {
        const { rows } = await crm.pouch.allDocs({ include_docs: true, startkey: `w${wave}-`, endkey: `w${wave}-\uffff` });
        const records = rows.flatMap((row) => (row.doc && (row.doc.form === 'Customer' || row.doc.form === 'Deal') ? [row.doc] : []));
        assert.equal(records.length, REPLICAS * PER_REPLICA * 2, 'every record arrived');
        assert.ok(records.every((doc) => typeof (doc.code ?? doc.number) === 'string'), 'every record numbered');
        const sent = rows.filter((row) => row.doc?.form === 'MailMessage' && row.doc.status === 'sent').length;
        assert.equal(sent, REPLICAS, 'every mail sent');
      }, { timeoutMs: 180_000, intervalMs: 500 });
    });
    report(`cluster ${label}: ${REPLICAS} workstations' ${REPLICAS * PER_REPLICA * 2} records numbered and ${REPLICAS} mails sent`, ms / 1000, 's');
  };
  const checkEverything = async () => {
    const { rows } = await crm.pouch.allDocs({ include_docs: true });
    const codes = rows.flatMap((row) => (row.doc?.form === 'Customer' ? [String(row.doc.code)] : []));
    const numbers = rows.flatMap((row) => (row.doc?.form === 'Deal' ? [String(row.doc.number)] : []));
    assert.equal(new Set(codes).size, codes.length, `customer codes unique: ${codes.length}`);
    assert.equal(new Set(numbers).size, numbers.length, `deal numbers unique: ${numbers.length}`);
    const subjects = sink.received.map((mail) => /^Subject: (.*)$/m.exec(mail.raw)?.[1] ?? '');
    const ids = sink.received.map((mail) => /^Message-ID: (.*)$/im.exec(mail.raw)?.[1] ?? '');
    assert.equal(sink.received.length, REPLICAS * wave, `each mail sent once (${sink.received.length} received)`);
    assert.equal(new Set(ids).size, ids.length, 'no Message-ID twice');
    assert.equal(subjects.length, REPLICAS * wave);
    // Every workstation converges on the same records, numbered.
    await Promise.all(replicas.map(({ local, remote }) => local.replicate.from(remote)));
    const held = await Promise.all(replicas.map(async ({ local }) => (await local.allDocs({ include_docs: true })).rows
      .flatMap((row) => (row.doc && 'form' in row.doc && (row.doc.form === 'Customer' || row.doc.form === 'Deal') ? [`${row.id}=${String((row.doc as { code?: string; number?: string }).code ?? (row.doc as { number?: string }).number)}`] : [])).sort().join('\n')));
    assert.ok(held.every((h) => h === held[0]), 'every workstation holds the same records and numbers');
    assert.equal(held[0]!.split('\n').length, codes.length + numbers.length);
  };

  await runWave('all nodes up');
  await checkEverything();
  await runWave('one node stopped mid-run and brought back', async () => {
    await cluster.stopNode(2);
    await cluster.startNode(2);
  });
  await checkEverything();

  // Sessions and the lockout on the cluster: signing out on one server ends the session on the
  // other; wrong passwords sent at once to both servers still lock the name on either.
  const [leaving, guessed] = [people[0]!, people[1]!];
  const onFirst = new SessionClient(servers[0]!.url);
  assert.equal((await onFirst.signIn(leaving, PASSWORD)).status, 200);
  assert.equal((await onFirst.request('DELETE', '/api/session')).status, 204);
  assert.equal((await onFirst.copyTo(servers[1]!.url).request('GET', '/api/session')).status, 401, 'signed out on both servers');
  const guesses = await Promise.all(Array.from({ length: FREE_ATTEMPTS }, (_, i) => new SessionClient(servers[i % 2]!.url).signIn(guessed, 'wrong horse')));
  assert.ok(guesses.every((answer) => answer.status === 401));
  for (const server of servers) assert.equal((await new SessionClient(server.url).signIn(guessed, PASSWORD)).status, 401, 'locked on either server');
  console.log(`cluster: ${REPLICAS * wave * PER_REPLICA} customers, as many deals and ${REPLICAS * wave} mails: every code and number unique, every mail sent once, every workstation the same; sign-out and lockout hold across both servers`);
} finally {
  await Promise.all(servers.map((server) => server.close()));
  await sink.stop();
  await cluster.close();
  await cleanup();
}
