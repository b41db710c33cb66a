import assert from 'node:assert/strict';
import { test } from 'node:test';
import PouchDB from 'pouchdb';
import PouchMemory from 'pouchdb-adapter-memory';
import { batchRevsDiff } from '../../client/controllers/batched-revs-diff.js';
import { pick, seededRandom } from '../helpers/random.js';

PouchDB.plugin(PouchMemory);

const random = seededRandom('batched revsDiff');
const hash = () => Array.from({ length: 32 }, () => pick(random, [...'0123456789abcdef'])).join('');

/** A revision path of `length` generations, newest first, as a replicator writes it. */
type Written = { _id: string; _rev: string; _revisions: { start: number; ids: string[] } };

function branch(id: string, length: number, from: string[] = [], body: object = {}): Written {
  const ids = [...Array.from({ length }, hash), ...from];
  return { _id: id, ...body, _rev: `${ids.length}-${ids[0]}`, _revisions: { start: ids.length, ids } };
}

// The replica's answer decides what a first replica fetches: the batched lookup must say exactly
// what PouchDB's own revsDiff says, for documents absent, live, deleted and in conflict, and for
// revisions held, unknown, ancestors and children of those held.
test('revsDiff batched by one lookup answers exactly as PouchDB does, whatever the replica holds', async () => {
  const db = new PouchDB(`batched-${Math.random()}`, { adapter: 'memory' });
  const own = db.revsDiff.bind(db);
  batchRevsDiff(db);
  const request: Record<string, string[]> = {};
  for (let i = 0; i < 120; i++) {
    const id = pick(random, [`cust${i}`, `客户-${i}`, `mail ${i}`]);
    const kind = pick(random, ['absent', 'live', 'deleted', 'conflict', 'deleted conflict']);
    const known: string[] = [];
    if (kind !== 'absent') {
      const trunk = branch(id, 1 + Math.floor(random() * 4), [], { name: '客户' });
      const docs: object[] = [trunk];
      known.push(trunk._rev, ...trunk._revisions.ids.slice(1).map((h, n) => `${trunk._revisions.start - 1 - n}-${h}`));
      if (kind.includes('conflict')) {
        const other = branch(id, 2, trunk._revisions.ids.slice(-1), { name: '另一个' });
        docs.push(other);
        known.push(other._rev);
      }
      if (kind.includes('deleted')) {
        const tomb = branch(id, 1, trunk._revisions.ids, { _deleted: true });
        docs.push(tomb);
        known.push(tomb._rev);
      }
      await db.bulkDocs(docs, { new_edits: false });
    }
    const asked = [...known.filter(() => random() < 0.5), ...Array.from({ length: Math.floor(random() * 3) }, () => `${1 + Math.floor(random() * 6)}-${hash()}`)];
    if (asked.length > 0) request[id] = [...(request[id] ?? []), ...asked];
  }
  assert.deepEqual(await db.revsDiff(request), await own(request));
  for (const id of Object.keys(request)) assert.deepEqual(await db.revsDiff({ [id]: request[id]! }), await own({ [id]: request[id]! }), id);
  await db.destroy();
});

test('a first replica\'s batch of new documents is answered wholly missing, in the order asked', async () => {
  const db = new PouchDB(`batched-${Math.random()}`, { adapter: 'memory' });
  batchRevsDiff(db);
  const request = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`cust${String(i).padStart(7, '0')}`, [`1-${hash()}`]]));
  const answer = await db.revsDiff(request);
  assert.deepEqual(Object.keys(answer), Object.keys(request));
  assert.deepEqual(Object.values(answer).map((diff) => diff.missing), Object.values(request));
  await db.destroy();
});
