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
 * Packed as in the browser, but small: records of 3 rows (2 entries) and runs from 2, so that 800
 * documents make many records, runs that merge, tombstones, and single rows beside them.
 */
const SMALL: Packing = { minRows: 2, chunkRows: 3, chunkEntries: 2 };

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
  const entriesMeta = JSON.parse(String(await packedLevel.get('!doc-entries-meta!runs'))) as { runs: { level?: number }[] };
  assert.ok(entriesMeta.runs.some((run) => (run.level ?? 0) > 0), 'runs of document entries merged in tiers');
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
  // Each run of document entries has the list of its keys beside it, and a merged run's list goes with it.
  const entryRunsNow = new Set(keys.filter((key) => key.startsWith('!doc-entries-run-')).map((key) => key.split('!')[1]!.slice('doc-entries-run-'.length)));
  assert.deepEqual(new Set(keys.filter((key) => key.startsWith('!doc-entries-keys!')).map((key) => key.slice('!doc-entries-keys!'.length))), entryRunsNow);

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

/** Every read of a store whose key or range falls in the document entries' packed runs: a get, a getMany or an iterator. */
function countRunReads(level: MemoryLevel<string, unknown>): () => number {
  let reads = 0;
  const inRuns = (key: unknown) => String(key).startsWith('!doc-entries-run-');
  // abstract-level's own methods under every public read (and every sublevel's), left out of its types.
  const methods = level as unknown as Record<'_get' | '_getMany' | '_iterator' | '_keys' | '_values', (first: unknown, options: unknown) => unknown>;
  for (const name of ['_get', '_getMany', '_iterator', '_keys', '_values'] as const) {
    const read = methods[name].bind(level);
    methods[name] = (first, options) => {
      const range = first as { gt?: unknown; gte?: unknown; lt?: unknown; lte?: unknown };
      const touched = name === '_get' ? [first] : name === '_getMany' ? (first as unknown[]) : [range.gt, range.gte, range.lt, range.lte];
      if (touched.some(inRuns)) reads++;
      return read(first, options);
    };
  }
  return () => reads;
}

test('documents new to a restarted store are indexed without reading the packed runs of document entries (a resumed first replica read every run for each new document)', async () => {
  const random = seededRandom('resumed first replica');
  const pouch = new PouchDB(`resumed-${Date.now()}`, { adapter: 'memory' });
  const feed = pouchChangesFeed(pouch);
  // Ids in random order, as a replica receives them: the new ones fall between those the runs hold.
  const docs = randomDocs(random, 900).map((doc) => ({ ...doc, _id: `doc-${Math.floor(random() * 1e9)}` }));
  const filling = new MemoryLevel<string, unknown>();
  for (let from = 0; from < 600; from += 50) {
    await pouch.bulkDocs(docs.slice(from, from + 50));
    await LevelViewIndex.refreshTogether(VIEWS.map((view) => new LevelViewIndex(view, feed, filling as never, { pack: SMALL })));
  }
  // The browser closed halfway; opened again, its store knows nothing in memory of what the runs hold.
  const resumed = new MemoryLevel<string, unknown>();
  for await (const [key, value] of filling.iterator()) await resumed.put(key, value);
  const runReads = countRunReads(resumed);
  const indexes = VIEWS.map((view) => new LevelViewIndex(view, feed, resumed as never, { pack: SMALL }));
  await pouch.bulkDocs(docs.slice(600));
  await LevelViewIndex.refreshTogether(indexes);
  assert.equal(runReads(), 0, 'no record of a run read for a document no run holds');

  // The documents the runs do hold are read from them, and their old rows taken out.
  const changed = (await Promise.all(docs.slice(0, 40).map((doc) => pouch.get(doc._id)))).map((doc) => ({ ...doc, amount: 7 }));
  await pouch.bulkDocs(changed);
  await LevelViewIndex.refreshTogether(indexes);
  assert.ok(runReads() > 0, 'entries of changed documents read from the runs');
  const reference = new MemoryLevel<string, unknown>();
  for (const index of indexes) {
    const expected = new LevelViewIndex(index.view, feed, reference as never);
    await expected.refresh();
    assert.deepEqual(await index.documents([], null, 1e6), await expected.documents([], null, 1e6), `${index.view.id}: rows`);
  }
  await pouch.destroy();
});

test('runs of document entries written before their ids were listed (c06fa50) still have their entries found (their ids read from their records)', async () => {
  const random = seededRandom('entry runs without id lists');
  const pouch = new PouchDB(`unlisted-${Date.now()}`, { adapter: 'memory' });
  const feed = pouchChangesFeed(pouch);
  const docs = randomDocs(random, 300);
  const before = new MemoryLevel<string, unknown>();
  for (let from = 0; from < docs.length; from += 50) {
    await pouch.bulkDocs(docs.slice(from, from + 50));
    await LevelViewIndex.refreshTogether(VIEWS.map((view) => new LevelViewIndex(view, feed, before as never, { pack: SMALL })));
  }
  const unlisted = new MemoryLevel<string, unknown>();
  for await (const [key, value] of before.iterator()) if (!key.startsWith('!doc-entries-keys!')) await unlisted.put(key, value);
  const changed = (await Promise.all(docs.filter(() => random() < 0.3).map((doc) => pouch.get<Doc>(doc._id!)))).map((doc) => (random() < 0.3 ? { ...doc, _deleted: true } : { ...doc, amount: 9 }));
  await pouch.bulkDocs(changed);
  const indexes = VIEWS.map((view) => new LevelViewIndex(view, feed, unlisted as never, { pack: SMALL }));
  await LevelViewIndex.refreshTogether(indexes);
  const reference = new MemoryLevel<string, unknown>();
  for (const index of indexes) {
    const expected = new LevelViewIndex(index.view, feed, reference as never);
    await expected.refresh();
    assert.deepEqual(await index.documents([], null, 1e6), await expected.documents([], null, 1e6), `${index.view.id}: rows`);
    assert.deepEqual(await index.total(), await expected.total(), `${index.view.id}: total`);
  }
  await pouch.destroy();
});
