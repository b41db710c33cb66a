import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { resolveAccess, type Acl } from '../../design/access/acl.js';
import type { ViewRow } from '../../engine/view-page.js';
import { ENGINES, openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';

const acl: Acl = { db: 'crm', defaultEntry: { name: '-Default-', level: 'reader' }, entries: [] };
const people = new Map([['Alice', { name: 'Alice' }], ['Bob', { name: 'Bob' }]]);
const groups = new Map([['华东组', { name: '华东组', members: ['Bob'] }]]);
const accessOf = (name: string) => resolveAccess(name, people, groups, acl);

function summary(rows: ViewRow[]): string[] {
  return rows.map((row) => (row.kind === 'category' ? `${String(row.title)} ${row.count} ${row.sums.join(',')}` : `  ${String(row.values[2])}`));
}

for (const engine of ENGINES) {
  describe(`a view as one user may see it: ${engine}`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
      const results = await t.store.database('crm').saveMany([
        { _id: 'v1', form: 'Customer', name: '公开甲', region: '华东', country: 'CN', annualVolume: 100 },
        { _id: 'v2', form: 'Customer', name: '秘密乙', region: '华东', country: 'CN', annualVolume: 200, readers: ['Alice'] },
        { _id: 'v3', form: 'Customer', name: '组内丙', region: '华东', country: 'CN', annualVolume: 400, readers: ['华东组'] },
        { _id: 'v4', form: 'Customer', name: '秘密丁', region: '欧洲', country: 'FR', annualVolume: 800, readers: ['Alice'] },
      ], saveContext());
      assert.ok(results.every((r) => r.ok));
    });
    after(async () => {
      await t.cleanup();
    });

    test('rows, categories and totals count only the documents the user may read', async () => {
      const crm = t.store.database('crm');
      const forBob = await crm.view('customers-by-region', {}, accessOf('Bob'));
      assert.deepEqual(summary(forBob.rows), ['华东 2 500', 'CN 2 500', '  公开甲', '  组内丙']);
      assert.deepEqual(forBob.total, { count: 2, sums: [500] });
      const forAlice = await crm.view('customers-by-region', {}, accessOf('Alice'));
      assert.deepEqual(summary(forAlice.rows), ['华东 2 300', 'CN 2 300', '  公开甲', '  秘密乙', '欧洲 1 800', 'FR 1 800', '  秘密丁']);
      const everything = await crm.view('customers-by-region');
      assert.equal(everything.total.count, 4, 'the server itself sees every row');
      await assert.rejects(crm.view('customers-by-region', {}, resolveAccess('Nobody', people, groups, acl)), { error: 'forbidden' });
    });
  });
}
