import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Access, AccessLevel } from '../../design/access/acl.js';
import { canRead } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import { AccessIndex } from '../../server/gateway/access-index.js';
import { Manifest } from '../../server/gateway/manifest.js';
import { seededRandom } from '../helpers/random.js';
import { ENGINES, openStoreAt, openTestStore, type TestStore } from '../helpers/test-store.js';
import type { Store } from '../../server/store/store.js';

/** A change row reduced to what the gateway reads of it, leaves in a stable order. */
function shape(change: { id: string; seq: number | string; changes: readonly { rev: string }[]; deleted?: boolean }) {
  return { id: change.id, seq: change.seq, leaves: change.changes.map((c) => c.rev).sort(), deleted: change.deleted === true };
}

describe('the access index walks the feed as the store lists it', () => {
  let world: TestStore;
  before(async () => {
    world = await openTestStore('embedded');
  });
  after(async () => {
    await world.cleanup();
  });

  test('from every sequence, the walked feed lists what the store\'s changes feed lists (creations, updates, deletions, conflicts)', async () => {
    const random = seededRandom('access index walk');
    const pouch = world.store.database('crm').pouch;
    const index = new AccessIndex(pouch);
    const revs = new Map<string, string>();
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 40; i++) {
        const id = `客户-${Math.floor(random() * 30)}`;
        const rev = revs.get(id);
        const pick = random();
        if (rev && pick < 0.15) {
          revs.set(id, (await pouch.remove(id, rev)).rev);
        } else if (rev && pick < 0.25) {
          // A conflicting leaf, as a replica's offline edit arrives.
          await pouch.bulkDocs([{ _id: id, _rev: `2-${'c'.repeat(31)}${i % 10}`, form: 'Customer', readers: ['总部'] }], { new_edits: false });
        } else {
          const readers = random() < 0.5 ? [] : ['总部'];
          const saved = await pouch.put({ _id: id, ...(rev ? { _rev: rev } : {}), form: 'Customer', name: `第 ${round}.${i} 次`, readers });
          revs.set(id, saved.rev);
        }
      }
      await index.catchUp();
      const { update_seq: last } = await pouch.info();
      for (let since = 0; since <= Number(last); since++) {
        const store = (await pouch.changes({ since, style: 'all_docs', return_docs: true })).results.map(shape);
        const walked = index.changesSince(since, Infinity, () => false);
        assert.ok(walked?.end, 'walked to the end');
        assert.deepEqual(walked.changes.map(shape), store, `since ${since}, round ${round}`);
      }
    }
  });

  test('a walk stops at the wanted number of counted changes, and knows the end when it reaches it', async () => {
    const pouch = world.store.database('crm').pouch;
    const index = new AccessIndex(pouch);
    await pouch.bulkDocs(Array.from({ length: 30 }, (_, i) => ({ _id: `stop-${String(i).padStart(2, '0')}`, form: 'Customer', readers: i % 10 === 0 ? [] : ['总部'] })));
    await index.catchUp();
    const { update_seq: last } = await pouch.info();
    const since = Number(last) - 30;
    const open = (change: { id: string }) => Number(change.id.slice(5)) % 10 === 0;
    const two = index.changesSince(since, 2, open)!;
    assert.equal(two.end, false);
    assert.deepEqual(two.changes.map((c) => c.id).at(-1), 'stop-10', 'up to the second open one, the hidden ones before it included');
    assert.equal(two.changes.length, 11);
    const all = index.changesSince(since, 5, open)!;
    assert.equal(all.end, true);
    assert.equal(all.changes.length, 30);
  });

  test('sequences the index cannot order are left to the store\'s feed', async () => {
    const index = new AccessIndex(world.store.database('crm').pouch);
    await index.catchUp();
    assert.equal(index.changesSince('12-g1AAAAB', 10, () => true), null);
  });
});

function accessOf(user: string, level: AccessLevel, groups: string[] = []): Access {
  return { user, level, names: new Set([user, ...groups]), roles: [], canCreate: true, canDelete: false };
}

/** What a scan of every live document says the person may read (design documents aside). */
async function readableByScan(pouch: PouchDB.Database, access: Access): Promise<number> {
  // With no end key, PouchDB's LevelDB adapter stops at U+00FF and would miss the Chinese ids.
  const { rows } = await pouch.allDocs({ include_docs: true, endkey: '\uffff' });
  return rows.filter((row) => !row.id.startsWith('_design/') && canRead(access, row.doc as unknown as Doc)).length;
}

// The count was taken again from every document after each change, for each person: it is now
// kept current change by change, and must stay what a scan of the store says.
for (const engine of ENGINES) describe(`the access index counts what each person may read, on the ${engine} store`, () => {
  let world: TestStore;
  before(async () => {
    world = await openTestStore(engine);
  });
  after(async () => {
    await world.cleanup();
  });

  test('after documents are hidden, shown, deleted, brought back and put in conflict, each count is what a scan of the store gives', async () => {
    const random = seededRandom(`readable counts ${engine}`);
    const pouch = world.store.database('crm').pouch;
    const index = new AccessIndex(pouch);
    const people = [accessOf('王芳', 'reader', ['总部']), accessOf('李雷', 'author'), accessOf('韩梅梅', 'editor', ['外贸一部']), accessOf('访客', 'depositor')];
    const readerLists = [[], ['总部'], ['李雷'], ['外贸一部', '王芳'], ['[Sales]']];
    const revs = new Map<string, string>();
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 30; i++) {
        const id = `客户-${Math.floor(random() * 25)}`;
        const rev = revs.get(id);
        const pick = random();
        if (rev && pick < 0.2) {
          await pouch.remove(id, rev);
        } else if (rev && pick < 0.3) {
          // A conflicting leaf, as a replica's offline edit arrives: it may become the winner.
          await pouch.bulkDocs([{ _id: id, _rev: `9-${'c'.repeat(31)}${i % 10}`, form: 'Customer', readers: readerLists[i % readerLists.length] }], { new_edits: false });
        } else {
          const readers = readerLists[Math.floor(random() * readerLists.length)]!;
          const authors = random() < 0.3 ? ['李雷'] : [];
          await pouch.put({ _id: id, ...(rev ? { _rev: rev } : {}), form: 'Customer', name: `第 ${round}.${i} 次`, readers, authors });
        }
        // The next edit goes on the winner (deleting one may uncover a conflict); a deleted document is created again.
        const winner = await pouch.get(id).catch(() => undefined);
        if (winner) revs.set(id, winner._rev);
        else revs.delete(id);
      }
      if (round === 2) await pouch.put({ _id: '_design/not-a-document', views: {} });
      for (const access of people) {
        assert.equal(await index.readableCount(access), await readableByScan(pouch, access), `${access.user}, round ${round}`);
      }
    }
  });
});

// Two servers in front of one CouchDB each keep their own held documents, from the gateway store's feed.
describe('the documents a person holds, as two servers in front of one store know them', () => {
  let world: TestStore;
  let other: Store;
  before(async () => {
    world = await openTestStore('couchdb');
    other = await openStoreAt(world.location);
  });
  after(async () => {
    await other.close();
    await world.cleanup();
  });

  test('an entry written through one server after the other loaded the person\'s held documents is among them there', async () => {
    const [onA, onB] = [new Manifest(world.store.gatewayPouch, 'crm', '王芳'), new Manifest(other.gatewayPouch, 'crm', '王芳')];
    await onA.write(new Map([['早已持有', { revs: ['1-a'], removed: false }]]));
    const hidden = Array.from({ length: 200 }, (_, i) => `隐藏-${i}`);
    assert.deepEqual(await onB.heldAmong([...hidden, '早已持有']), ['早已持有'], 'written before the first question');
    await onA.write(new Map([['隐藏-7', { revs: ['1-b'], removed: false }]]));
    assert.deepEqual(await onB.heldAmong([...hidden, '早已持有']), ['隐藏-7', '早已持有'], 'written on the other server since');
    const someoneElse = new Manifest(other.gatewayPouch, 'crm', '王芳芳');
    assert.deepEqual(await someoneElse.heldAmong([...hidden, '早已持有']), [], 'another person holds none of them');
  });
});

// A server reads a person's held documents from the store once, then keeps them (from its own writes, or the feed).
describe('the documents a person holds, read back from the store by a server that starts', () => {
  for (const engine of ENGINES) {
    test(`ids beyond the Basic Multilingual Plane are among them (the store orders ids by UTF-8), ${engine}`, async () => {
      const world = await openTestStore(engine);
      try {
        const held = ['😀客户', '客户-1', 'Ａ公司', '\uffff末'];
        await new Manifest(world.store.gatewayPouch, 'crm', '王芳').write(new Map(held.map((id) => [id, { revs: ['1-a'], removed: false }])));
        const store = await world.reopen();
        const hidden = Array.from({ length: 200 }, (_, i) => `隐藏-${i}`);
        const manifest = new Manifest(store.gatewayPouch, 'crm', '王芳');
        assert.deepEqual(await manifest.heldAmong([...hidden, ...held]), held);
        assert.deepEqual([...(await manifest.read([...hidden, ...held])).keys()], held, 'read once the held set is in memory');
        assert.deepEqual(await new Manifest(store.gatewayPouch, 'crm', '王芳芳').heldAmong(held), [], 'a person whose name begins with the other\'s holds none of them');
      } finally {
        await world.cleanup();
      }
    });
  }
});
