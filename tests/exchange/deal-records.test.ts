import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Doc } from '../../design/form.js';
import { importDealFile } from '../../server/exchange/deal-import.js';
import { exportDealRecordsCsv, exportDealRecordsXlsx } from '../../server/exchange/deal-records.js';
import { importFile } from '../../server/exchange/import-file.js';
import { exportCustomerRecordsCsv } from '../../server/exchange/records-export.js';
import { saveContext, type TestStore } from '../helpers/test-store.js';
import { withEmbeddedStore } from '../print/crm-fixture.js';
import { seedDeals } from './deal-fixture.js';

const ctx = saveContext();

function withStores(work: (source: TestStore, target: TestStore) => Promise<void>): Promise<void> {
  return withEmbeddedStore((source) => withEmbeddedStore((target) => work(source, target)));
}

async function copyCustomers(source: TestStore, target: TestStore): Promise<void> {
  const customers = await exportCustomerRecordsCsv(source.store.database('crm'), 'zh');
  await importFile(target.store.database('crm'), new Uint8Array(Buffer.from(customers)), 'customers.csv', { policy: 'fill', ctx });
}

describe('complete export of deals with their order lines', () => {
  test('every field of every deal, one row per order line, as CSV, imports back unchanged', () => withStores(async (source, target) => {
    await seedDeals(source.store);
    const first = await exportDealRecordsCsv(source.store.database('crm'), 'zh');
    const [header, ...rows] = parse(first.slice(1)) as string[][];
    const cell = (row: string[], title: string) => row[header!.indexOf(title)];
    for (const title of ['业务：业务名称', '业务：业务编号', '业务：客户名称', '业务：合同号', '业务：签约日期', '业务：对手情况', '业务：交货', '业务：收款', '业务：丢单原因', '业务：备注', '订单明细：产品', '订单明细：数量', '订单明细：单价']) {
      assert.ok(header!.includes(title), title);
    }
    assert.deepEqual(rows.map((row) => [cell(row, '业务：业务编号'), cell(row, '订单明细：产品')]), [
      ['D2026-0007', '500ml 不锈钢保温杯'], ['D2026-0007', '礼盒, 红色'], ['D2026-0007', 'Sample set'], ['D2026-0011', ''], ['D2026-0012', 'Kettle 1.7 l, steel'],
    ], 'one row per order line, one for a deal without lines');
    const spring = rows[0]!;
    assert.equal(cell(spring, '业务：合同号'), '00381');
    assert.equal(cell(spring, '业务：状态'), '已签约');
    assert.equal(cell(spring, '订单明细：单价'), '12.5');

    const target_ = target.store.database('crm');
    await copyCustomers(source, target);
    const report = await importDealFile(target_, new Uint8Array(Buffer.from(first)), 'deals.csv', { ctx });
    assert.deepEqual(report.rejected, []);
    assert.equal(report.imported, 3);
    assert.equal(await exportDealRecordsCsv(target_, 'zh'), first, 'exported again, the same file');
    const stored = (await target_.pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc as Doc).find((d) => d.number === 'D2026-0007')!;
    assert.equal(stored.orderTotal, 41550, 'the order total is computed again from the lines');
    assert.equal(stored.customerId, (await target_.pouch.allDocs({ include_docs: true })).rows.find((r) => (r.doc as Doc).name === '宁波宏达贸易有限公司')!.id);

    const again = await importDealFile(target_, new Uint8Array(Buffer.from(first)), 'deals.csv', { ctx });
    assert.equal(again.imported, 0, 'importing the same file twice adds nothing');
    assert.equal(again.skipped.length, 5);
  }));

  test('as an Excel workbook, in English: imports back to the same deals', () => withStores(async (source, target) => {
    await seedDeals(source.store);
    await copyCustomers(source, target);
    const workbook = await exportDealRecordsXlsx(source.store.database('crm'), 'en');
    const report = await importDealFile(target.store.database('crm'), workbook, 'deals.xlsx', { ctx });
    assert.deepEqual(report.rejected, []);
    assert.equal(await exportDealRecordsCsv(target.store.database('crm'), 'en'), await exportDealRecordsCsv(source.store.database('crm'), 'en'));
  }));

  test('a deal whose customer is unknown is rejected with its rows, not filed nowhere', () => withStores(async (source, target) => {
    await seedDeals(source.store);
    const file = await exportDealRecordsCsv(source.store.database('crm'), 'en');
    const report = await importDealFile(target.store.database('crm'), new Uint8Array(Buffer.from(file)), 'deals.csv', { ctx });
    assert.equal(report.imported, 0);
    assert.deepEqual(report.rejected.map((r) => r.row), [2, 3, 4, 5, 6]);
    assert.match(report.rejected[4]!.reason, /No customer named "Schmidt Haushaltswaren GmbH"/);
  }));
});
