import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryLevel } from 'memory-level';
import PouchDB from 'pouchdb';
import PouchMemory from 'pouchdb-adapter-memory';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { LevelViewIndex } from '../../engine/level-view-index.js';
import { pouchChangesFeed } from '../../engine/pouch-changes-feed.js';
import type { Key } from '../../engine/view-source.js';
import { VIEWS } from '../../views/catalog.js';
import { pick, seededRandom } from '../helpers/random.js';
import { randomDocs, REGIONS } from '../helpers/random-view-docs.js';

PouchDB.plugin(PouchMemory);

/** Every category line of a view, depth first, from our index. */
async function categoryTree(index: LevelViewIndex, prefix: Key): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const category of await index.categories(prefix, null, 1e6)) {
    out.push([category.key, category.count, category.sums]);
    out.push(...(await categoryTree(index, category.key)));
  }
  return out;
}

for (const together of [false, true]) test(`the own index${together ? ', every view refreshed in one pass,' : ''} returns the rows, categories and totals that stock PouchDB computes from the design documents`, async () => {
  const random = seededRandom('view index equivalence');
  const pouch = new PouchDB(`equivalence-${Date.now()}`, { adapter: 'memory' });
  const level = new MemoryLevel<string, unknown>();
  const docs = randomDocs(random, 400);
  await pouch.bulkDocs(docs);
  // A second round of edits and deletions, so the index also takes rows out.
  const stored = (await pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc!);
  const feed = pouchChangesFeed(pouch);
  const indexes = VIEWS.map((view) => new LevelViewIndex(view, together ? feed : pouchChangesFeed(pouch), level as never));
  const refresh = () => (together ? LevelViewIndex.refreshTogether(indexes) : Promise.all(indexes.map((index) => index.refresh())));
  await refresh();
  const edits = stored.filter(() => random() < 0.3).map((doc) => (random() < 0.3 ? { ...doc, _deleted: true } : { ...doc, region: pick(random, REGIONS), amount: 5 }));
  await pouch.bulkDocs(edits.map((doc) => ('_deleted' in doc ? doc : prepareForSave(doc as Doc, doc as Doc, { now: '2026-02-01T00:00:00.000Z', user: { name: '李雷', roles: [] } }))) as never);
  await pouch.bulkDocs(VIEWS.map((view) => view.designDoc) as never);
  await refresh();

  for (const index of indexes) {
    const { view } = index;
    await index.refresh();
    const stock = await pouch.query(`${view.id}/rows`);
    const ours = await index.documents([], null, 1e6);
    // PouchDB reads numeric keys back from its index string with float noise (20250618 as 20250617.999999996).
    assert.deepEqual(roundSums(ours.map((r) => [r.key, r.id, [r.value, r.access]])), roundSums(stock.rows.map((r) => [r.key, r.id, r.value])), `${view.id}: rows`);

    if (view.designDoc.views.totals) {
      const stockTree: unknown[] = [];
      for (let level = 1; level <= view.categoryCount; level++) {
        const { rows } = await pouch.query(`${view.id}/totals`, { group_level: level });
        for (const row of rows) stockTree.push([row.key, (row.value as number[])[0], (row.value as number[]).slice(1)]);
      }
      stockTree.sort((a, b) => (JSON.stringify((a as unknown[])[0]) < JSON.stringify((b as unknown[])[0]) ? -1 : 1));
      const ourTree = (await categoryTree(index, [])).sort((a, b) => (JSON.stringify((a as unknown[])[0]) < JSON.stringify((b as unknown[])[0]) ? -1 : 1));
      assert.deepEqual(roundSums(ourTree), roundSums(stockTree), `${view.id}: categories`);
      const { rows: [grand] } = await pouch.query(`${view.id}/totals`);
      // A view that selects none of the documents has no grand total row in CouchDB.
      if (!grand) assert.equal((await index.total()).count, 0, `${view.id}: empty`);
      else {
        const [count, ...sums] = grand.value as number[];
        assert.deepEqual(roundSums([await index.total()]), roundSums([{ count, sums }]), `${view.id}: total`);
      }
    }
    if (view.designDoc.views.responses) {
      const parents = [...new Set(docs.map((d) => d.parent).filter((p): p is string => typeof p === 'string'))];
      const stockResponses = await pouch.query(`${view.id}/responses`, { keys: parents });
      const ourResponses = await index.responses(parents);
      assert.deepEqual(
        ourResponses.map((r) => r.id).sort(),
        stockResponses.rows.map((r) => r.id).sort(),
        `${view.id}: responses`,
      );
    }
  }
  await pouch.destroy();
});

/** Numbers to the cent: the index adds and takes out amounts, CouchDB adds them afresh. */
function roundSums(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v));
}
