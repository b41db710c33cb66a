import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { prepareForSave } from '../../design/prepare-doc.js';
import { SERVER_USER } from '../../design/user.js';
import { SearchIndex } from '../../client/controllers/search-index.js';

const saved = (doc: Record<string, unknown>) => prepareForSave(doc, null, { user: SERVER_USER, now: '2026-03-01T00:00:00.000Z' }) as { _id: string };

describe('search over the replica', () => {
  test('regression: a customer stored with its country as a code was not found by the country\'s name, in Chinese or English', () => {
    const index = new SearchIndex();
    index.put(saved({ _id: 'c-hamburg', form: 'Customer', name: '汉堡北方阀门', country: '德国', region: 'Europe', industry: 'Water treatment' }));
    index.put(saved({ _id: 'c-lyon', form: 'Customer', name: 'Lyon Pompes', country: 'France' }));
    index.put(saved({ _id: 'p-hans', form: 'Contact', name: 'Hans Becker', customerId: 'c-hamburg', addresses: [{ city: 'Kiel', country: 'Deutschland' }] }));
    const found = (query: string) => index.search(query, 10).hits.map((hit) => hit.id).sort();
    assert.deepEqual(found('德国'), ['c-hamburg', 'p-hans'], 'the customer and the contact whose address is there');
    assert.deepEqual(found('germany'), ['c-hamburg', 'p-hans']);
    assert.deepEqual(found('Germany 阀门'), ['c-hamburg'], 'every term must match');
    assert.deepEqual(found('法国'), ['c-lyon']);
    assert.deepEqual(found('欧洲'), ['c-hamburg'], 'by its region');
    assert.deepEqual(found('水处理'), ['c-hamburg'], 'by its industry in the other language');
    assert.deepEqual(found('Italy'), []);
  });
});
