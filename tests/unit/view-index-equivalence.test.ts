import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryLevel } from 'memory-level';
import PouchDB from 'pouchdb';
import PouchMemory from 'pouchdb-adapter-memory';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { LevelViewIndex } from '../../engine/level-view-index.js';
import type { Packing } from '../../engine/view-rows.js';
import { pouchChangesFeed } from '../../engine/pouch-changes-feed.js';
import type { Key } from '../../engine/view-source.js';
import { VIEWS } from '../../views/catalog.js';
import { pick, seededRandom } from '../helpers/random.js';

PouchDB.plugin(PouchMemory);

const SURNAMES = ['张', '王', '李', '赵', '陈', '曾', '单', 'Smith', 'Müller', 'García'];
const WORDS = ['贸易', '电子', 'Trading', '钢铁', 'Global', '进出口', '银行', '重庆', '西安', '先锋', 'ＡＢＣ'];
const REGIONS = ['华东', '华南', '西北', '欧洲', 'North America', '東南亞'];

/** Every form some view selects, Customer twice as often: each view gets rows to compare. */
const FORMS_IN_VIEWS = ['Customer', ...new Set(VIEWS.flatMap((view) => view.def.forms))];

function randomDocs(random: () => number, n: number): Doc[] {
  const docs: Doc[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${pick(random, SURNAMES)}${pick(random, WORDS)}${pick(random, WORDS)}`;
    const date = `202${Math.floor(random() * 6)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
    const form = pick(random, FORMS_IN_VIEWS);
    const parent = i > 0 && form === 'Response' ? docs[Math.floor(random() * i)]!._id : undefined;
    docs.push({
      _id: `doc${String(i).padStart(4, '0')}`, form, name, subject: name, parent,
      region: pick(random, [...REGIONS, undefined]), country: pick(random, ['中国', 'Deutschland', undefined]),
      customerName: name, customerId: 'x', owner: pick(random, [['李雷'], ['韩梅梅', '李雷'], []]),
      annualVolume: pick(random, [undefined, Math.round(random() * 100000) / 100]),
      amount: Math.round(random() * 1e6) / 100, status: pick(random, ['tracking', 'won', 'lost', 'completed', 'queued', 'sending', 'failed', 'pending', 'planned']),
      lead: pick(random, [true, false]), folder: pick(random, ['B2B询价', 'Messe', undefined]), due: date,
      opened: date, category: pick(random, [['产品'], ['产品', '市场'], undefined]),
      payments: pick(random, [undefined, [{ due: date, amount: 100, received: pick(random, [0, 100]) }]]),
      orderLines: pick(random, [undefined, [{ product: name, quantity: 3, price: 1.5 }]]),
      received: `${date}T08:00:00.000Z`, time: `${date}T09:30:00.000Z`, when: `${date}T10:00:00.000Z`, department: pick(random, ['售后部', '质量部', undefined]),
    });
  }
  return docs.map((doc, i) => prepareForSave(doc, null, { now: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`, user: { name: pick(random, ['李雷', 'Wang']), roles: [] } }));
}

/** Every category line of a view, depth first, from our index. */
async function categoryTree(index: LevelViewIndex, prefix: Key): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const category of await index.categories(prefix, null, 1e6)) {
    out.push([category.key, category.count, category.sums]);
    out.push(...(await categoryTree(index, category.key)));
  }
  return out;
}

/**
 * Packed runs (as in the browser), small enough that the documents make many records, runs that
 * merge, tombstones, and single rows beside them.
 */
const SMALL_PACKING: Packing = { minRows: 4, chunkRows: 3 };

const MODES = [
  { name: '', together: false },
  { name: ', every view refreshed in one pass,', together: true },
  { name: ', its rows packed in runs and refreshed batch by batch,', together: true, pack: SMALL_PACKING },
];

for (const { name, together, pack } of MODES) test(`the own index${name} returns the rows, categories and totals that stock PouchDB computes from the design documents`, async () => {
  const random = seededRandom('view index equivalence');
  const pouch = new PouchDB(`equivalence-${Date.now()}`, { adapter: 'memory' });
  const level = new MemoryLevel<string, unknown>();
  const docs = randomDocs(random, 400);
  const feed = pouchChangesFeed(pouch);
  const indexes = VIEWS.map((view) => new LevelViewIndex(view, together ? feed : pouchChangesFeed(pouch), level as never, { pack }));
  const refresh = () => (together ? LevelViewIndex.refreshTogether(indexes) : Promise.all(indexes.map((index) => index.refresh())));
  // Packed: the documents arrive in batches of different sizes (a replica filling), each indexed as it comes.
  for (const slice of pack ? [[0, 50], [50, 100], [100, 250], [250, 260], [260, 400]] : [[0, 400]]) {
    await pouch.bulkDocs(docs.slice(slice[0], slice[1]));
    if (pack) await refresh();
  }
  const stored = (await pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc!);
  await refresh();
  // Edits and deletions, so the index also takes rows out. Packed: a large round, the runs merged
  // into one (as once a replica is filled), then single changes and another large round.
  const edits = stored.filter(() => random() < 0.3).map((doc) => (random() < 0.3 ? { ...doc, _deleted: true } : { ...doc, region: pick(random, REGIONS), amount: 5 }));
  const edit = async (round: typeof edits) => {
    const current = await Promise.all(round.map(async (doc) => ({ ...doc, _rev: (await pouch.get(doc._id))._rev })));
    await pouch.bulkDocs(current.map((doc) => ('_deleted' in doc ? doc : prepareForSave(doc as Doc, doc as Doc, { now: '2026-02-01T00:00:00.000Z', user: { name: '李雷', roles: [] } }))) as never);
    await refresh();
  };
  if (!pack) await edit(edits);
  else {
    await edit(edits.slice(0, 60));
    const runRecords = async () => {
      let n = 0;
      for await (const key of level.keys()) if (key.includes('!run-')) n++;
      return n;
    };
    const before = await runRecords();
    await LevelViewIndex.compactTogether(indexes);
    assert.ok(await runRecords() < before, 'the runs are merged: fewer records');
    for (const single of edits.slice(60, 63)) await edit([single]);
    await edit(edits.slice(63));
  }
  await pouch.bulkDocs(VIEWS.map((view) => view.designDoc) as never);
  await refresh();
  if (pack) {
    // The packed layout was taken: runs (merged as they grew) and tombstones are in the store.
    const keys: string[] = [];
    for await (const key of level.keys()) keys.push(key);
    assert.ok(keys.some((key) => key.includes('!run-')), 'packed runs written');
    assert.ok(keys.some((key) => key.includes('!gone!')), 'rows taken out of runs leave tombstones');
  }

  for (const index of indexes) {
    const { view } = index;
    await index.refresh();
    const stock = await pouch.query(`${view.id}/rows`);
    const ours = await index.documents([], null, 1e6);
    // PouchDB reads numeric keys back from its index string with float noise (20250618 as 20250617.999999996).
    assert.deepEqual(roundSums(ours.map((r) => [r.key, r.id, [r.value, r.access]])), roundSums(stock.rows.map((r) => [r.key, r.id, r.value])), `${view.id}: rows`);
    // Page by page from each last row, as the view pane reads: the same rows (a page may begin inside a packed record).
    const paged = [];
    for (let page = await index.documents([], null, 7); page.length > 0; page = await index.documents([], { key: paged.at(-1)!.key, id: paged.at(-1)!.id }, 7)) paged.push(...page);
    assert.deepEqual(paged.map((r) => r.id), ours.map((r) => r.id), `${view.id}: pages`);

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
