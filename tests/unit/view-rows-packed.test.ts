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
import type { Packing } from '../../engine/packed-rows.js';
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
  const singleLevel = new MemoryLevel<string, unknown>();
  let packedLevel = new MemoryLevel<string, unknown>();
  const single = VIEWS.map((view) => new LevelViewIndex(view, feed, singleLevel as never));
  const packedIndexes = () => VIEWS.map((view) => new LevelViewIndex(view, feed, packedLevel as never, { pack: SMALL }));
  let packed = packedIndexes();
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

  // The workstation restarts: its indexes open the stored runs afresh, knowing nothing of what they hold.
  const restart = async () => {
    const restarted = new MemoryLevel<string, unknown>();
    for await (const [key, value] of packedLevel.iterator()) await restarted.put(key, value);
    packedLevel = restarted;
    packed = packedIndexes();
  };

  // A replica filling: batches of different sizes, each indexed as it comes (a run each, merged in
  // tiers); a restart while its document entries are all in runs; a large edit round (rows taken
  // out of runs that later tiers leave), and its deleted documents written again.
  const docs = randomDocs(random, 800);
  const deleted: Stored[] = [];
  for (let from = 0, batch = 0; from < docs.length; batch++) {
    const to = Math.min(docs.length, from + 10 + Math.floor(random() * 20));
    await pouch.bulkDocs(docs.slice(from, to));
    await refresh();
    if (batch === 10) await restart();
    if (batch === 20) {
      const round = await editsOf();
      deleted.push(...round.filter((doc) => '_deleted' in doc));
      await edit(round);
    }
    if (batch === 22) {
      // Documents deleted a moment ago, written again: what they gave the views before is gone.
      await pouch.bulkDocs(deleted.map(({ _rev, _deleted, ...doc }) => doc) as never);
      await refresh();
    }
    from = to;
  }
  const runs = await Promise.all(packed.map(async (index) => (await index.loadMeta()).runs ?? []));
  assert.ok(runs.some((ofView) => ofView.some((run) => (run.level ?? 0) > 0)), 'runs merged in tiers while filling');
  let entryRuns = 0;
  for await (const key of packedLevel.keys()) if (key.startsWith('!doc-entries-run-')) entryRuns++;
  assert.ok(entryRuns > 0, 'document entries packed in runs');
  await restart();
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
