import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Lang } from '../../design/label.js';
import { exportViewCsv } from '../../server/exchange/csv-export.js';
import { importFile } from '../../server/exchange/import-file.js';
import { saveContext, type TestStore } from '../helpers/test-store.js';
import { seedCrm, withEmbeddedStore } from '../print/crm-fixture.js';
import { storedRecords } from './stored-records.js';

const ctx = saveContext();

function withStores(work: (source: TestStore, target: TestStore) => Promise<void>): Promise<void> {
  return withEmbeddedStore((source) => withEmbeddedStore((target) => work(source, target)));
}

function cells(csv: string): string[][] {
  assert.ok(csv.startsWith('\ufeff'), 'UTF-8 with BOM, so that Excel reads Chinese');
  return parse(csv.slice(1)) as string[][];
}

describe('CSV export', () => {
  test('a view under its column titles in the chosen language, choices by their label, CRLF line ends', () => withStores(async ({ store }) => {
    await seedCrm(store, 20);
    const crm = store.database('crm');
    const zh = await exportViewCsv(crm, 'customers-by-category', 'zh');
    assert.match(zh, /\r\n$/);
    const [header, ...rows] = cells(zh);
    assert.deepEqual(header, ['类别', '客户名称', '城市', '业务员', '年采购额']);
    assert.equal(rows.length, 20);
    assert.ok(rows.every((row) => ['现有客户', '潜在客户', '合作伙伴', '代理商'].includes(row[0]!)));
    const [enHeader, ...enRows] = cells(await exportViewCsv(crm, 'customers-by-category', 'en'));
    assert.deepEqual(enHeader, ['Category', 'Customer', 'City', 'Owner', 'Annual volume']);
    assert.ok(enRows.every((row) => ['Existing', 'Potential', 'Partner', 'Agent'].includes(row[0]!)));
    await assert.rejects(exportViewCsv(crm, 'no-such-view', 'zh'), /No view no-such-view in database crm/);
  }));

  test('a Chinese export had UTC ISO times and English form names: times where the person is, forms by their name in the export\'s language', () => withStores(async ({ store }) => {
    const crm = store.database('crm');
    await crm.saveMany([
      { _id: 'c1', form: 'Customer', name: '宁波宏达贸易有限公司', category: 'existing', country: 'Germany' },
      { _id: 'a1', form: 'Activity', customerId: 'c1', customerName: '宁波宏达贸易有限公司', subject: '报价确认', when: '2026-03-01T09:05:00.000Z' },
    ], ctx);
    const [zhHeader, zhRow] = cells(await exportViewCsv(crm, 'customer-timeline', 'zh', {}, undefined, 'Asia/Shanghai'));
    assert.deepEqual(zhHeader!.slice(0, 4), ['客户', '时间', '类型', '主题']);
    assert.deepEqual(zhRow!.slice(0, 4), ['宁波宏达贸易有限公司', '2026-03-01 17:05', '联系活动', '报价确认']);
    const [, enRow] = cells(await exportViewCsv(crm, 'customer-timeline', 'en', {}, undefined, 'Europe/Berlin'));
    assert.deepEqual(enRow!.slice(1, 3), ['2026-03-01 10:05', 'Activity']);
    const [, country] = cells(await exportViewCsv(crm, 'customers-by-region', 'en', {}, undefined, 'Europe/Berlin'));
    assert.equal(country![1], 'Germany', 'the country by its name, not its code DE');
  }));

  test('cells a spreadsheet would run as formulas get a leading apostrophe, and import takes it off again', () => withStores(async ({ store }, target) => {
    const names = ['=HYPERLINK("http://evil.example","点我")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\tTabbed Co', '=1+1 上海', 'Plain 公司'];
    await store.database('crm').saveMany(names.map((name, i) => ({ form: 'Customer', name, code: i === 0 ? '-001' : `C${i}`, city: '上海' })), ctx);
    const csv = await exportViewCsv(store.database('crm'), 'customers-by-name', 'zh');
    const [, ...rows] = cells(csv);
    const exported = rows.map((row) => row[0]!);
    for (const name of names) {
      const cell = exported.find((c) => c.endsWith(name.trimStart()) || c === name || c === `'${name}`);
      assert.ok(cell !== undefined, name);
      assert.equal(cell, /^[=+\-@\t]/.test(name) ? `'${name}` : name);
    }
    assert.ok(rows.some((row) => row[1] === "'-001"));
    const { report } = await importFile(target.store.database('crm'), new Uint8Array(Buffer.from(csv)), 'export.csv', { policy: 'fill', ctx });
    assert.deepEqual(report.rejected, []);
    const imported = await storedRecords(target.store);
    assert.deepEqual(imported.map((r) => r.name).sort(), [...names].sort());
    assert.equal(imported.find((r) => r.name === names[0])!.code, '-001');
  }));

  for (const [viewId, lang] of [['customers-by-region', 'zh'], ['customers-by-owner', 'en'], ['contacts-by-customer', 'zh']] as const) {
    test(`round trip of ${viewId} (${lang}): re-imported into an empty store it exports the same again`, () => withStores(async (source, target) => {
      await seedCrm(source.store, 60);
      const first = await exportViewCsv(source.store.database('crm'), viewId, lang as Lang);
      const { report } = await importFile(target.store.database('crm'), new Uint8Array(Buffer.from(first)), `${viewId}.csv`, { policy: 'fill', ctx });
      assert.deepEqual(report.rejected, []);
      // Every second customer has two contacts: the second one's row names the customer the first row created.
      assert.equal(report.merged, viewId === 'contacts-by-customer' ? 30 : 0);
      assert.equal(await exportViewCsv(target.store.database('crm'), viewId, lang as Lang), first);
    }));
  }
});
