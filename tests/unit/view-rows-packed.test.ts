import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryLevel } from 'memory-level';
import PouchDB from 'pouchdb';
import PouchMemory from 'pouchdb-adapter-memory';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { LevelViewIndex } from '../../engine/level-view-index.js';
import { pouchChangesFeed } from '../../engine/pouch-changes-feed.js';
import type { IndexRow, Key } from '../../engine/view-source.js';
import type { Packing } from '../../engine/view-rows.js';
import { VIEWS } from '../../views/catalog.js';
import { pick, seededRandom } from '../helpers/random.js';
import { randomDocs, REGIONS } from '../helpers/random-view-docs.js';

PouchDB.plugin(PouchMemory);

/**
 * Packed as in the browser, but small: records of 3 rows and runs from 2, so that 800 documents
 * make many records, runs that merge, tombstones, and single rows beside them.
 */
const SMALL: Packing = { minRows: 2, chunkRows: 3 };

/** Every row of a view, then the same read a page of 7 at a time from each page's last row, as the view pane reads. */
async function rowsAndPages(index: LevelViewIndex, prefix: Key = []): Promise<{ rows: IndexRow[]; paged: IndexRow[] }> {
  const rows = await index.documents(prefix, null, 1e6);
  const paged: IndexRow[] = [];
  for (let page = await index.documents(prefix, null, 7); page.length > 0; page = await index.documents(prefix, { key: paged.at(-1)!.key, id: paged.at(-1)!.id }, 7)) paged.push(...page);
  return { rows, paged };
}

test('views whose rows are packed in runs (as in the browser) read exactly as views of one record per row, through a replica filling, a merge, edits and deletions', async () => {
  const random = seededRandom('packed view rows');
  const pouch = new PouchDB(`packed-${Date.now()}`, { adapter: 'memory' });
  const feed = pouchChangesFeed(pouch);
  const [singleLevel, packedLevel] = [new MemoryLevel<string, unknown>(), new MemoryLevel<string, unknown>()];
  const single = VIEWS.map((view) => new LevelViewIndex(view, feed, singleLevel as never));
  const packed = VIEWS.map((view) => new LevelViewIndex(view, feed, packedLevel as never, { pack: SMALL }));
  const refresh = () => Promise.all([LevelViewIndex.refreshTogether(single), LevelViewIndex.refreshTogether(packed)]);
  const runRecords = async () => {
    let n = 0;
    for await (const key of packedLevel.keys()) if (key.includes('!run-')) n++;
    return n;
  };

  type Stored = Doc & { _id: string };
  const edit = async (round: Stored[]) => {
    const current = await Promise.all(round.map(async (doc) => ({ ...doc, _rev: (await pouch.get(doc._id))._rev })));
    await pouch.bulkDocs(current.map((doc) => ('_deleted' in doc ? doc : prepareForSave(doc as Doc, doc as Doc, { now: '2026-02-01T00:00:00.000Z', user: { name: '李雷', roles: [] } }))) as never);
    await refresh();
  };
  const editsOf = async () => (await pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc!)
    .filter(() => random() < 0.3).map((doc) => (random() < 0.3 ? { ...doc, _deleted: true } : { ...doc, region: pick(random, REGIONS), amount: 5 })) as unknown as Stored[];

  // A replica filling: batches of different sizes, each indexed as it comes (a run each, merged in
  // tiers), with a large edit round among them (rows taken out of runs that later tiers leave).
  const docs = randomDocs(random, 800);
  for (let from = 0, batch = 0; from < docs.length; batch++) {
    const to = Math.min(docs.length, from + 10 + Math.floor(random() * 20));
    await pouch.bulkDocs(docs.slice(from, to));
    await refresh();
    if (batch === 20) await edit(await editsOf());
    from = to;
  }
  const runs = await Promise.all(packed.map(async (index) => (await index.loadMeta()).runs ?? []));
  assert.ok(runs.some((ofView) => ofView.some((run) => (run.level ?? 0) > 0)), 'runs merged in tiers while filling');
  const edits = await editsOf();
  // Edits and deletions in a large round (rows taken out of runs), the runs merged as once a replica
  // is filled, then single changes (single rows, tombstones in the merged run) and another large round.
  await edit(edits.slice(0, 60));
  const before = await runRecords();
  await LevelViewIndex.compactTogether(packed);
  assert.ok(await runRecords() < before, 'the runs are merged: fewer records');
  for (const one of edits.slice(60, 63)) await edit([one]);
  await edit(edits.slice(63));

  const keys: string[] = [];
  for await (const key of packedLevel.keys()) keys.push(key);
  assert.ok(keys.some((key) => key.includes('!run-')), 'packed runs written');
  assert.ok(keys.some((key) => key.includes('!gone!')), 'rows taken out of runs leave tombstones');
  assert.ok(keys.some((key) => key.includes('!rows!')), 'single changes write single rows');

  for (const [i, expected] of single.entries()) {
    const ours = packed[i]!;
    const { view } = ours;
    const want = await rowsAndPages(expected);
    const got = await rowsAndPages(ours);
    assert.deepEqual(got.rows, want.rows, `${view.id}: rows`);
    assert.deepEqual(got.paged, want.rows, `${view.id}: pages of 7`);
    assert.deepEqual(await ours.total(), await expected.total(), `${view.id}: total`);
    // Within a category, as an expanded category reads its documents.
    const [first] = await expected.categories([], null, 1);
    if (first) assert.deepEqual((await rowsAndPages(ours, first.key)).paged, (await rowsAndPages(expected, first.key)).rows, `${view.id}: in ${JSON.stringify(first.key)}`);
  }
  await pouch.destroy();
});
