import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { aclDocId } from '../../design/access/directory-ids.js';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { isPlainAscii, textKeys } from '../../design/sort-key.js';
import { SERVER_USER } from '../../design/user.js';
import { REFERENCE_UPGRADE_NOTICE_ID, upgradeReferenceData } from '../../server/crm/upgrade-reference-data.js';
import { ENGINES, openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';

const REFERENCE_FIELDS = ['country', 'province', 'industry', 'source', 'region'];
const ctx = () => ({ user: SERVER_USER, now: '2026-03-06T00:00:00.000Z' });

/** Customers as an install from before reference data wrote them: free text, stored without today's checks. */
const OLD_CUSTOMERS: readonly Doc[] = [
  { _id: 'c1', form: 'Customer', name: '汉堡北方阀门', category: 'existing', region: '欧洲', country: '德国', industry: '水处理', source: '展会' },
  { _id: 'c2', form: 'Customer', name: 'Nordwerk GmbH', category: 'existing', region: 'Europe', country: 'Germany', industry: 'Water treatment', source: 'Trade fair' },
  { _id: 'c3', form: 'Customer', name: 'Elbe AG', category: 'existing', region: '欧洲', country: 'DE', province: 'Hamburg' },
  { _id: 'c4', form: 'Customer', name: '宁波宏达', category: 'existing', region: '华东', country: '中国', province: '浙江省', industry: '泵业' },
  { _id: 'c5', form: 'Customer', name: '奇境贸易', category: 'existing', country: 'Narnia', industry: '泵业', source: 'Old customer', region: '长三角' },
  { _id: 'c6', form: 'Customer', name: 'Rhein AG', category: 'existing', region: '欧洲', country: 'DE' },
];

/** Contacts' addresses and competitors wrote their countries freely too (from vCards, by hand). */
const OLD_CONTACTS: readonly Doc[] = [
  { _id: 'p1', form: 'Contact', name: 'Hans Becker', customerId: 'c1', customerName: '汉堡北方阀门', addresses: [{ types: 'work', city: 'Hamburg', country: 'Deutschland' }, { types: 'home', city: 'Kiel', country: '德国' }] },
  { _id: 'p2', form: 'Contact', name: 'Ann', customerId: 'c5', customerName: '奇境贸易', addresses: [{ city: 'Cair Paravel', country: 'Narnia' }] },
];
const OLD_COMPETITORS: readonly Doc[] = [
  { _id: 'k1', form: 'Competitor', name: 'KSB', country: 'Germany' },
  { _id: 'k2', form: 'Competitor', name: '上海凯泉', country: '中国' },
  { _id: 'k3', form: 'Competitor', name: 'Atlantis Pumps', country: 'Atlantis' },
];

/** The customer as the old save stored it: today's items, the free text as typed, and its sort keys. */
function asOldInstallSavedIt(doc: Doc): Doc {
  const prepared = prepareForSave(doc, null, ctx());
  const free = Object.fromEntries(REFERENCE_FIELDS.flatMap((field) => (typeof doc[field] === 'string' ? [[field, doc[field]]] : [])));
  const keys = Object.fromEntries(Object.entries(free).flatMap(([field, value]) => (isPlainAscii(String(value)) ? [] : [[field, textKeys(String(value)).sort]])));
  return { ...prepared, ...free, $sort: { ...(prepared.$sort as object), ...keys } };
}

for (const engine of ENGINES) {
  describe(`free-text reference data of an existing install is mapped on upgrade (${engine})`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
    });
    after(async () => {
      await t.cleanup();
    });

    test('德国, Germany and DE become one category; what no list knows is kept and reported to the CRM\'s Managers', async () => {
      const crm = t.store.database('crm');
      await crm.pouch.bulkDocs(OLD_CUSTOMERS.map(asOldInstallSavedIt) as never[]);
      await crm.pouch.bulkDocs(OLD_CONTACTS as never[]);
      await t.store.database('library').pouch.bulkDocs(OLD_COMPETITORS as never[]);
      await crm.save({ form: 'CrmSettings', _id: 'crm-settings', customerSources: [{ zh: '老客户推荐', en: 'Old customer' }] }, saveContext(undefined, 'Boss', ['[Manager]']));
      await t.store.database('names').save({ _id: aclDocId('crm'), form: 'ACL', db: 'crm', defaultLevel: 'noAccess', entries: [{ name: 'Boss', level: 'manager' }, { name: '王芳', level: 'author' }] }, ctx());

      const report = await upgradeReferenceData(t.store, ctx);
      assert.ok(report);
      assert.equal(report.mapped, 4 + 1 + 2, 'four customers, a contact, two competitors');
      assert.deepEqual(report.failed, []);
      assert.deepEqual(new Set(report.unrecognised.map((u) => `${u.field}:${u.value}:${u.count}`)), new Set([
        'province:Hamburg:1', 'industry:泵业:2', 'country:Narnia:1', 'region:长三角:1', 'contactCountry:Narnia:1', 'competitorCountry:Atlantis:1',
      ]));

      const after = Object.fromEntries((await Promise.all(OLD_CUSTOMERS.map((c) => crm.get(String(c._id))))).map((c) => [c._id, c]));
      assert.deepEqual(['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => after[id]!.country), ['DE', 'DE', 'DE', 'CN', 'Narnia']);
      assert.deepEqual(['c1', 'c2', 'c4'].map((id) => [after[id]!.industry, after[id]!.province]), [['waterTreatment', undefined], ['waterTreatment', undefined], ['泵业', 'CN-ZJ']]);
      assert.deepEqual([after.c1!.source, after.c2!.source, after.c5!.source], ['fair', 'fair', '老客户推荐'], 'a source the settings added, by its English name');
      assert.deepEqual(['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => after[id]!.region), ['欧洲', '欧洲', '欧洲', '华东', '长三角'], 'regions by the list\'s name; one no list knows stays');
      assert.equal((await crm.get('c6'))._rev.startsWith('1-'), true, 'a customer already in codes is not rewritten');
      assert.deepEqual(((await crm.get('p1')).addresses as Doc[]).map((a) => [a.city, a.country]), [['Hamburg', 'DE'], ['Kiel', 'DE']]);
      assert.deepEqual(((await crm.get('p2')).addresses as Doc[])[0]!.country, 'Narnia');
      const library = t.store.database('library');
      assert.deepEqual(await Promise.all(['k1', 'k2', 'k3'].map(async (id) => (await library.get(id)).country)), ['DE', 'CN', 'Atlantis']);

      const byRegion = await crm.view('customers-by-region', { expandAll: true });
      const countries = byRegion.rows.filter((row) => row.kind === 'category' && row.level === 1).map((row) => (row as { title: unknown }).title);
      assert.deepEqual(countries, ['Narnia', 'CN', 'DE'], 'one category for 德国, Germany and DE, under 欧洲');

      const notice = await crm.get(REFERENCE_UPGRADE_NOTICE_ID);
      assert.deepEqual([notice.kind, notice.recipients, notice.linkId], ['upgrade', ['Boss'], 'crm-settings']);
      assert.match(String(notice.body), /国家 Country: Narnia \(1\)/);
      assert.match(String(notice.body), /行业 Industry: 泵业 \(2\)/);
      assert.match(String(notice.body), /竞争对手的国家 Country of a competitor: Atlantis \(1\)/);

      assert.equal(await upgradeReferenceData(t.store, ctx), null, 'once per database');
    });
  });
}
