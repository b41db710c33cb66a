import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { parse } from 'acorn';
import { prepareForSave } from '../../design/prepare-doc.js';
import { textKeys } from '../../design/sort-key.js';
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

test('for plain ASCII text the runtime derives the sort key that design/ would store', () => {
  const random = seededRandom('ascii keys in the runtime');
  const view = VIEWS.find((v) => v.id === 'customers-by-name')!;
  for (let i = 0; i < 1000; i++) {
    const name = Array.from({ length: 1 + Math.floor(random() * 20) }, () => String.fromCharCode(0x20 + Math.floor(random() * 95))).join('');
    const stored = prepareForSave({ _id: 'x', form: 'Customer', name }, null, { now: '2026-01-01T00:00:00.000Z', user: { name: 'T', roles: [] } });
    assert.equal((stored.$sort as Record<string, unknown>).name, undefined, 'no key is stored for ASCII');
    const [row] = view.map(stored, 'rows');
    assert.equal(row!.key[0], textKeys(name).sort || null, JSON.stringify(name));
  }
});
