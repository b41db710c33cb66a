import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SERVER_USER } from '../../design/user.js';
import { addGroupMembers } from '../../server/directory/directory-edits.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { ENGINES } from '../helpers/test-store.js';
import { gatewayWorld, type GatewayWorld } from './gateway-fixture.js';

/** A `_changes` request whose answer is read as it streams in. */
interface Stream {
  /** Everything received so far. */
  text(): string;
  /** The lines of JSON received so far (heartbeats left out). */
  lines(): Record<string, unknown>[];
  /** Resolves when the server has ended the answer. */
  readonly ended: Promise<void>;
  close(): void;
}

/** Alice may read everything; Bob, whose feed is watched, not what names only her. */
const PEOPLE = [{ name: 'Alice', access: { crm: 'editor' as const } }, { name: 'Bob', access: { crm: 'author' as const } }];

for (const engine of ENGINES) describe(`gateway in front of the ${engine} store: _changes feed=continuous`, () => {
  let world: GatewayWorld;
  const ctx = { ...SEED_CTX, user: { name: 'Alice', roles: [] } };

  before(async () => {
    world = await gatewayWorld(PEOPLE, {}, engine);
    for (const doc of [{ _id: 'open-1', name: '公开客户' }, { _id: 'secret-1', name: '秘密客户', readers: ['Alice'] }]) {
      await world.running.store.database('crm').save({ ...doc, form: 'Customer' }, ctx);
    }
  });
  after(() => world.close());

  async function stream(name: string, query: string): Promise<Stream> {
    const { cookie } = await world.signIn(name);
    const aborted = new AbortController();
    const response = await fetch(`${world.running.url}/sync/crm/_changes?${query}`, { headers: { cookie }, signal: aborted.signal });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    let received = '';
    const reader = response.body!.getReader();
    const ended = (async () => {
      try {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += Buffer.from(chunk.value).toString('utf8');
      } catch (error) {
        if (!aborted.signal.aborted) throw error;
      }
    })();
    return {
      text: () => received,
      lines: () => received.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, unknown>),
      ended,
      close: () => aborted.abort(),
    };
  }

  test('one line per change as it happens, only what the person may read, heartbeats while it waits', async () => {
    const feed = await stream('Bob', 'feed=continuous&since=now&heartbeat=100');
    try {
      await expectEventually(() => feed.text().includes('\n'), { timeoutMs: 10_000 });
      assert.deepEqual(feed.lines(), [], 'nothing but heartbeats before a change');
      const crm = world.running.store.database('crm');
      await crm.save({ _id: 'secret-2', form: 'Customer', name: '又一个秘密', readers: ['Alice'] }, ctx);
      await crm.save({ _id: 'open-2', form: 'Customer', name: '新的公开客户' }, ctx);
      await expectEventually(() => feed.lines().length === 1, { timeoutMs: 10_000 });
      const [row] = feed.lines();
      assert.equal(row!.id, 'open-2');
      assert.match(String((row!.changes as { rev: string }[])[0]!.rev), /^1-/);
      assert.equal(typeof row!.seq, 'string');
      assert.ok(!feed.text().includes('secret'), feed.text());
    } finally {
      feed.close();
    }
  });

  test('ends with last_seq after timeout without a change, at limit, and filters by _doc_ids', async () => {
    const all = await stream('Bob', 'feed=continuous&timeout=300');
    await all.ended;
    const lines = all.lines();
    const last = lines.at(-1)!;
    assert.deepEqual(Object.keys(last).sort(), ['last_seq', 'pending']);
    const ids = lines.slice(0, -1).map((line) => line.id).sort();
    assert.ok(ids.includes('open-1') && !ids.includes('secret-1'), JSON.stringify(ids));

    const limited = await stream('Bob', 'feed=continuous&limit=1&timeout=60000');
    await limited.ended;
    assert.equal(limited.lines().length, 2);
    assert.ok('last_seq' in limited.lines()[1]!);

    const named = await stream('Bob', `feed=continuous&timeout=300&filter=_doc_ids&doc_ids=${encodeURIComponent(JSON.stringify(['open-1', 'secret-1']))}`);
    await named.ended;
    assert.deepEqual(named.lines().slice(0, -1).map((line) => line.id), ['open-1']);

    // Going on from the last_seq it gave: only what changed since.
    const since = String(last.last_seq);
    await world.running.store.database('crm').save({ _id: 'open-3', form: 'Customer', name: '第三个' }, ctx);
    const next = await stream('Bob', `feed=continuous&timeout=300&since=${encodeURIComponent(since)}`);
    await next.ended;
    assert.deepEqual(next.lines().slice(0, -1).map((line) => line.id), ['open-3']);
  });

  test('a change of the person\'s access ends the feed with a sequence that starts the next one over', async () => {
    const feed = await stream('Bob', 'feed=continuous&since=now&heartbeat=100');
    await addGroupMembers(world.running.store.database('names'), '华北销售组', ['Bob'], { ...SEED_CTX, user: SERVER_USER });
    await feed.ended;
    const lines = feed.lines();
    assert.deepEqual(lines.map((line) => Object.keys(line).sort()), [['last_seq', 'pending']]);
    const again = await stream('Bob', `feed=continuous&timeout=300&since=${encodeURIComponent(String(lines[0]!.last_seq))}`);
    await again.ended;
    assert.ok(again.lines().some((line) => line.id === 'open-1'), 'from the beginning again');
  });

  test('a hidden document changing does not end the wait or show in the feed', async () => {
    const started = Date.now();
    const feed = await stream('Bob', 'feed=continuous&since=now&timeout=1500');
    const crm = world.running.store.database('crm');
    await crm.save({ ...(await crm.get('secret-1')), phone: '021-0000' }, ctx);
    await feed.ended;
    assert.ok(Date.now() - started >= 1500, 'it waited its whole timeout');
    assert.deepEqual(feed.lines().map((line) => Object.keys(line).sort()), [['last_seq', 'pending']]);
  });
});
