import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryLevel } from 'memory-level';
import PouchDB from 'pouchdb';
import PouchMemory from 'pouchdb-adapter-memory';
import { LevelViewIndex } from '../../engine/level-view-index.js';
import { pouchChangesFeed } from '../../engine/pouch-changes-feed.js';
import { viewById, viewsOf } from '../../views/catalog.js';
import type { CompiledView } from '../../views/compile-view.js';

PouchDB.plugin(PouchMemory);

let databases = 0;
const customers = (n: number) => Array.from({ length: n }, (_, i) => ({ _id: `c${String(i).padStart(3, '0')}`, form: 'Customer', name: `客户 ${i}`, region: i % 2 ? '华东' : '华南', owner: ['李雷'], category: 'existing', importance: 'A', created: '2026-11-23' }));

function world() {
  const pouch = new PouchDB(`doc-entries-${process.pid}-${++databases}`, { adapter: 'memory' });
  const level = new MemoryLevel<string, unknown>({ valueEncoding: 'json' });
  return { pouch, level, feed: pouchChangesFeed(pouch), close: async () => { await pouch.destroy(); await level.close(); } };
}

/** The keys of a store, in its own encoding (`!sublevel!key`, nested). */
async function keys(level: MemoryLevel<string, unknown>): Promise<string[]> {
  const out: string[] = [];
  for await (const key of level.keys()) out.push(key);
  return out;
}

// A new replica's view store wrote, per customer, one document entry for each of the five views that
// take customers besides their rows: most of the IndexedDB writes competing with the replica's own.
test('what a document contributed to all the views of a store is one entry', async () => {
  const { pouch, level, feed, close } = world();
  try {
    await pouch.bulkDocs(customers(40));
    const indexes = viewsOf('crm').map((view) => new LevelViewIndex(view, feed, level as never));
    await LevelViewIndex.refreshTogether(indexes);
    const all = await keys(level);
    const entries = all.filter((key) => key.startsWith('!doc-entries!'));
    assert.equal(entries.length, 40);
    assert.deepEqual(all.filter((key) => /^!view-[^!]+!!docs!/.test(key)), [], 'no entries per view');
    const taking = [];
    for (const index of indexes) if ((await index.total()).count === 40) taking.push(index.view.id);
    assert.ok(taking.length >= 3);
    const entry = (await level.get('!doc-entries!c007')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(entry).sort(), taking.sort());
  } finally {
    await close();
  }
});

test('a view rebuilt (its map changed) ignores what documents gave its earlier build, and takes them out right afterwards', async () => {
  const { pouch, level, feed, close } = world();
  try {
    await pouch.bulkDocs(customers(30));
    const view = viewById('customers-by-region')!;
    const other = viewById('customers-by-name')!;
    await LevelViewIndex.refreshTogether([new LevelViewIndex(view, feed, level as never), new LevelViewIndex(other, feed, level as never)]);
    const changed: CompiledView = { ...view, designDoc: { ...view.designDoc, views: { ...view.designDoc.views, rows: { map: `${view.designDoc.views.rows!.map}\n` } } } };
    const rebuilt = new LevelViewIndex(changed, feed, level as never);
    await rebuilt.refresh();
    assert.equal((await rebuilt.total()).count, 30);
    const gone = (await pouch.allDocs({ include_docs: true, limit: 10 })).rows.map((row) => ({ ...row.doc!, _deleted: true }));
    await pouch.bulkDocs(gone);
    await rebuilt.refresh();
    assert.equal((await rebuilt.total()).count, 20);
    assert.equal((await rebuilt.documents([], null, 100)).length, 20);
    // The view indexed with it before keeps its part of the entries.
    const byName = new LevelViewIndex(other, feed, level as never);
    await byName.refresh();
    assert.equal((await byName.total()).count, 20);
    assert.equal((await byName.documents([], null, 100)).length, 20);
  } finally {
    await close();
  }
});
