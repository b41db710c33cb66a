import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { parse } from 'acorn';
import { VIEWS } from '../../views/catalog.js';
import type { MapDoc } from '../../views/map-spec.js';
import { pick, seededRandom } from '../helpers/random.js';

const maps = VIEWS.flatMap((view) => Object.entries(view.designDoc.views).map(([name, { map }]) => ({ view, name, map })));

test('every map function in the design documents is ES5, as CouchDB\'s oldest JavaScript engine needs', () => {
  for (const { view, name, map } of maps) {
    assert.doesNotThrow(() => parse(`(${map})`, { ecmaVersion: 5 }), `${view.id}/${name}`);
  }
});

test('every map function is self-contained: run alone, it emits exactly what the native map emits', () => {
  const random = seededRandom('map self-containment');
  const texts = ['华东', '欧洲', 'Apple', '张三', '', 'Ünïcode', '重庆'];
  const docs: MapDoc[] = Array.from({ length: 300 }, (_, i) => ({
    _id: `d${i}`,
    form: pick(random, ['Customer', 'Contact', 'Deal', 'Topic', 'Response']),
    name: pick(random, texts), region: pick(random, texts), country: pick(random, [...texts, undefined]),
    owner: pick(random, [[], ['Li Lei'], ['Li Lei', 'Wang Fang'], undefined]),
    annualVolume: pick(random, [0, 12.5, 1000, undefined, 'n/a']), amount: pick(random, [1, 2.25, undefined]),
    status: pick(random, ['tracking', 'won', 'lost']), opened: pick(random, ['2026-01-31', '2025-12-01', undefined]),
    created: pick(random, ['2026-01-31T10:00:00.000Z', '2025-02-01T00:00:00+08:00']),
    parent: pick(random, [undefined, 'd1', 'd2']), category: pick(random, [['产品'], ['产品', '市场'], undefined]),
    subject: pick(random, texts), customerName: pick(random, texts),
    $sort: random() < 0.8 ? { name: 'abc', region: 'hua2dong1', owner: ['lilei', 'wangfang'] } : undefined,
  }));
  for (const { view, name, map } of maps) {
    const emitted: unknown[] = [];
    const sandbox = { emit: (key: unknown, value: unknown) => emitted.push([key, value]) };
    const fn = runInNewContext(`(${map})`, sandbox) as (doc: MapDoc) => void;
    for (const doc of docs) fn(JSON.parse(JSON.stringify(doc)));
    const native = docs.flatMap((doc) => view.map(doc, name as 'rows').map((row) => [row.key, row.value]));
    assert.deepEqual(JSON.parse(JSON.stringify(emitted)), JSON.parse(JSON.stringify(native)), `${view.id}/${name}`);
  }
});
