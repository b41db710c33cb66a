import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { apacheCouchDB, type ApacheCouchDB } from '../helpers/apache-couchdb.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import type { Credentials } from '../helpers/sync-client.js';
import { gatewayWorld, saved, type GatewayWorld } from './gateway-fixture.js';

const CONTRACT = Buffer.from('%PDF-1.4 合同 第一条 付款方式', 'utf8');
const NOTE = Buffer.from('说明：阀门按图纸加工。'.repeat(40), 'utf8');
const file = (type: string, bytes: Buffer) => ({ content_type: type, data: bytes.toString('base64') });

/** Apache CouchDB's own HTTP API, as its administrator. */
class Couch {
  private readonly base: string;
  private readonly auth: string;

  constructor(url: string) {
    const parsed = new URL(url);
    this.auth = `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`;
    parsed.username = '';
    parsed.password = '';
    this.base = parsed.origin;
  }

  /** How this CouchDB names one of its own databases in a replication. */
  dbUrl(db: string): { url: string; headers: Record<string, string> } {
    return { url: `${this.base}/${db}`, headers: { Authorization: this.auth } };
  }

  async request(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: this.auth, 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async bytes(path: string): Promise<Buffer> {
    const response = await fetch(`${this.base}${path}`, { headers: { authorization: this.auth } });
    assert.equal(response.status, 200, path);
    return Buffer.from(await response.arrayBuffer());
  }

  async ids(db: string): Promise<string[]> {
    const { body } = await this.request('GET', `/${db}/_all_docs`);
    return (body.rows as { id: string }[]).map((row) => row.id).filter((id) => !id.startsWith('_design/')).sort();
  }

  /** A one-shot replication, run by CouchDB's own replicator; its answer (history with counts). */
  async replicate(source: unknown, target: unknown, extra: object = {}): Promise<Record<string, unknown>> {
    const { status, body } = await this.request('POST', '/_replicate', { source, target, ...extra });
    assert.equal(status, 200, `the replication failed: ${JSON.stringify(body)}`);
    assert.equal(body.ok, true, JSON.stringify(body));
    return body;
  }
}

let databases = 0;

describe('Apache CouchDB\'s replicator against the gateway, as a signed-in person', () => {
  let world: GatewayWorld;
  let couchdb: ApacheCouchDB;
  let couch: Couch;
  let alice: Credentials;
  const gateway = (credentials: Credentials) => ({
    url: `${world.running.url}/sync/crm`,
    headers: { Cookie: credentials.cookie, 'X-CSRF-Token': credentials.csrf },
  });
  const freshDb = async () => {
    const name = `guanxi-replicator-${process.pid}-${++databases}`;
    assert.equal((await couch.request('PUT', `/${name}`)).status, 201);
    return name;
  };

  before(async () => {
    couchdb = await apacheCouchDB();
    couch = new Couch(couchdb.url);
    world = await gatewayWorld([
      { name: 'Alice', access: { crm: 'author' } },
      { name: 'Bob', access: { crm: 'author' } },
    ]);
    const crm = world.running.store.database('crm');
    await crm.save({ _id: 'cust-open', form: 'Customer', name: '公海客户', authors: ['Bob'] }, SEED_CTX);
    await crm.save({ _id: 'cust-alice', form: 'Customer', name: '宁波泵阀', owner: ['Alice'] }, SEED_CTX);
    await crm.save({ _id: 'cust-bob', form: 'Customer', name: '鲍勃的客户', owner: ['Bob'] }, SEED_CTX);
    await crm.save({
      _id: 'deal-alice', form: 'Deal', name: '框架订单', customerId: 'cust-alice', owner: ['Alice'],
      _attachments: { '合同（盖章）.pdf': file('application/pdf', CONTRACT), '说明.txt': file('text/plain', NOTE) },
    }, SEED_CTX);
    await crm.save({
      _id: 'deal-bob', form: 'Deal', name: '秘密订单', customerId: 'cust-bob', owner: ['Bob'],
      _attachments: { 'secret.pdf': file('application/pdf', Buffer.from('%PDF secret')) },
    }, SEED_CTX);
    alice = await world.signIn('Alice');
  });
  after(async () => {
    await world?.close();
    await couchdb?.close();
  });

  test('a pull ends with exactly the documents and files the person may read, and a second pull has nothing to do', async () => {
    const target = await freshDb();
    const first = await couch.replicate(gateway(alice), couch.dbUrl(target));
    assert.deepEqual(await couch.ids(target), ['cust-alice', 'cust-open', 'deal-alice']);
    assert.deepEqual(await couch.bytes(`/${target}/deal-alice/${encodeURIComponent('合同（盖章）.pdf')}`), CONTRACT);
    assert.deepEqual(await couch.bytes(`/${target}/deal-alice/${encodeURIComponent('说明.txt')}`), NOTE);
    const deal = (await couch.request('GET', `/${target}/deal-alice`)).body;
    assert.equal(deal.name, '框架订单');
    assert.equal((first.history as { docs_written: number }[])[0]!.docs_written, 3);

    const again = await couch.replicate(gateway(alice), couch.dbUrl(target));
    assert.equal(again.no_changes ?? (again.history as { docs_written: number }[])[0]!.docs_written === 0, true, JSON.stringify(again));

    // An edit that keeps the files: the replicator names the revision it has (atts_since), and the
    // files it already holds come as stubs.
    const crm = world.running.store.database('crm');
    await crm.save({ ...(await crm.get('deal-alice')), name: '框架订单（修订）' }, SEED_CTX);
    await couch.replicate(gateway(alice), couch.dbUrl(target));
    assert.equal((await couch.request('GET', `/${target}/deal-alice`)).body.name, '框架订单（修订）');
    assert.deepEqual(await couch.bytes(`/${target}/deal-alice/${encodeURIComponent('合同（盖章）.pdf')}`), CONTRACT);
  });

  test('open_revs as the replicator asks it: multipart/mixed, files as binary parts, stubs for those it has since atts_since', async () => {
    const crm = world.running.store.database('crm');
    const first = await crm.save({ _id: 'deal-parts', form: 'Deal', name: '分批', customerId: 'cust-alice', owner: ['Alice'], _attachments: { 'a.pdf': file('application/pdf', CONTRACT) } }, SEED_CTX);
    const second = await crm.save({ ...first, name: '分批（二）' }, SEED_CTX);
    const ask = async (query: string) => {
      const response = await fetch(`${world.running.url}/sync/crm/deal-parts?revs=true&latest=true&open_revs=${encodeURIComponent(JSON.stringify([second._rev]))}${query}`, {
        headers: { cookie: alice.cookie, accept: 'multipart/mixed' },
      });
      assert.match(response.headers.get('content-type')!, /^multipart\/mixed; boundary="[0-9a-f]+"$/);
      return Buffer.from(await response.arrayBuffer()).toString('latin1');
    };
    const full = await ask('');
    assert.match(full, /Content-Type: multipart\/related; boundary=/);
    assert.match(full, /"a\.pdf":\{[^}]*"follows":true/);
    assert.ok(full.includes(CONTRACT.toString('latin1')));
    const since = await ask(`&atts_since=${encodeURIComponent(JSON.stringify([first._rev]))}`);
    assert.match(since, /"a\.pdf":\{[^}]*"stub":true/);
    assert.ok(!since.includes(CONTRACT.toString('latin1')));
    assert.match(since, /\r\nContent-Type: application\/json\r\n\r\n\{/);
  });

  test('with doc_ids only the named documents come, and a hidden one named among them does not', async () => {
    const target = await freshDb();
    await couch.replicate(gateway(alice), couch.dbUrl(target), { doc_ids: ['deal-alice', 'cust-bob', 'deal-bob'] });
    assert.deepEqual(await couch.ids(target), ['deal-alice']);
    // The same filter as a GET names the ids in its query (CouchDB's replicator POSTs them, as above).
    const ids = encodeURIComponent(JSON.stringify(['cust-open', 'cust-bob']));
    const changes = await fetch(`${world.running.url}/sync/crm/_changes?filter=_doc_ids&doc_ids=${ids}`, { headers: { cookie: alice.cookie } });
    assert.deepEqual(((await changes.json()) as { results: { id: string }[] }).results.map((row) => row.id), ['cust-open']);
    assert.deepEqual(await couch.bytes(`/${target}/deal-alice/${encodeURIComponent('合同（盖章）.pdf')}`), CONTRACT);
  });

  test('a push stores what the person may write, files included, and refuses the rest document by document', async () => {
    const source = await freshDb();
    const put = async (doc: Record<string, unknown>) => assert.equal((await couch.request('PUT', `/${source}/${String(doc._id)}`, doc)).status, 201);
    await put(saved('Alice', { _id: 'pushed-customer', form: 'Customer', name: '上海进出口', owner: ['Alice'] }));
    await put(saved('Alice', {
      _id: 'pushed-deal', form: 'Deal', name: '新订单', customerId: 'pushed-customer', owner: ['Alice'],
      _attachments: { '报价单.pdf': file('application/pdf', CONTRACT), '备注.txt': file('text/plain', NOTE) },
    }));
    // Refused: a name no file may have, a customer without a name, and a record only Bob may edit.
    await put(saved('Alice', {
      _id: 'pushed-traversal', form: 'Deal', name: '路径', customerId: 'pushed-customer', owner: ['Alice'],
      _attachments: { '../../../../etc/passwd': file('application/pdf', Buffer.from('root:x:0:0')) },
    }));
    await put(saved('Alice', { _id: 'pushed-nameless', form: 'Customer', owner: ['Alice'] }));
    await put(saved('Alice', { _id: 'cust-open', form: 'Customer', name: '改名', authors: ['Bob'] }));
    await put(saved('Alice', { _id: 'cust-bob', form: 'Customer', name: '改名', owner: ['Bob'] }));

    const result = await couch.replicate(couch.dbUrl(source), gateway(alice));
    const history = (result.history as { docs_written: number; doc_write_failures: number }[])[0]!;
    // Bob's hidden customer is answered as written (as a new id would be), kept for Alice alone
    // (gateway/phantoms.ts) and never written to Bob's.
    assert.equal(history.docs_written, 3, JSON.stringify(history));
    assert.equal(history.doc_write_failures, 3, JSON.stringify(history));

    const crm = world.running.store.database('crm');
    assert.equal((await crm.get('pushed-customer')).name, '上海进出口');
    assert.deepEqual(Buffer.from(await crm.pouch.getAttachment('pushed-deal', '报价单.pdf') as Buffer), CONTRACT);
    assert.deepEqual(Buffer.from(await crm.pouch.getAttachment('pushed-deal', '备注.txt') as Buffer), NOTE);
    for (const id of ['pushed-traversal', 'pushed-nameless']) await assert.rejects(crm.pouch.get(id), { status: 404 }, id);
    assert.equal((await crm.get('cust-open')).name, '公海客户');
    assert.equal((await crm.get('cust-bob')).name, '鲍勃的客户');
  });

  test('a continuous replication (changes feed=continuous) pulls each change the person may read as it happens, and nothing else', async () => {
    const target = await freshDb();
    const { status, body } = await couch.request('POST', '/_replicate', { source: gateway(alice), target: couch.dbUrl(target), continuous: true });
    assert.ok(status === 200 || status === 202, JSON.stringify(body));
    try {
      await expectEventually(async () => (await couch.ids(target)).includes('cust-alice'), { timeoutMs: 30_000 });
      const crm = world.running.store.database('crm');
      await crm.save({ _id: 'cust-bob-2', form: 'Customer', name: '鲍勃的第二个客户', owner: ['Bob'] }, SEED_CTX);
      await crm.save({ _id: 'cust-alice-2', form: 'Customer', name: '宁波第二家', owner: ['Alice'] }, SEED_CTX);
      await expectEventually(async () => (await couch.ids(target)).includes('cust-alice-2'), { timeoutMs: 30_000 });
      assert.ok(!(await couch.ids(target)).includes('cust-bob-2'));
    } finally {
      await couch.request('POST', '/_replicate', { source: gateway(alice), target: couch.dbUrl(target), continuous: true, cancel: true });
    }
  });
});
