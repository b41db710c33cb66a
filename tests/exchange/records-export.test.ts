import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { importFile } from '../../server/exchange/import-file.js';
import { exportCustomerRecordsCsv, exportCustomerRecordsXlsx } from '../../server/exchange/records-export.js';
import { saveContext, type TestStore } from '../helpers/test-store.js';
import { seedCrm, withEmbeddedStore } from '../print/crm-fixture.js';

const ctx = saveContext();

function withStores(work: (source: TestStore, target: TestStore) => Promise<void>): Promise<void> {
  return withEmbeddedStore((source) => withEmbeddedStore((target) => work(source, target)));
}

/** Customers and contacts with every kind of field a person fills in: lists, entries, dates, line breaks, leading zeros. */
async function seedComplete(t: TestStore): Promise<void> {
  await seedCrm(t.store, 40);
  await t.store.database('crm').saveMany([
    { _id: 'c-full', form: 'Customer', code: '00042', name: '宁波宏达贸易有限公司', nameEn: 'Ningbo Hongda Trading', shortName: '宏达', category: 'agent', importance: 'A', region: '华东', country: '中国',
      province: '浙江', city: '宁波', industry: '五金', source: 'fair', owner: ['Alice', 'Bob'], address: '浙江省宁波市\n鄞州区天童南路588号', postcode: '315000', phone: '+86 574 8888 0000',
      fax: '0574-88880001', email: 'info@hongda.cn', emailDomains: ['hongda.cn', 'hongda.com'], website: 'https://hongda.cn', tags: ['展会', '老客户'], groups: ['2026 广交会'],
      related: [{ name: '宏达香港有限公司', relation: 'subsidiary' }], annualVolume: 1250000.5, firstContact: '2019-04-15', contactEveryDays: 14, notes: '每年两单，\n"FOB" 宁波' },
    { _id: 'p-full', form: 'Contact', name: '王建国', customerId: 'c-full', customerName: '宁波宏达贸易有限公司', department: '采购部', title: '经理', phone: '0574-88880002',
      mobile: '13805740001', emails: ['wang@hongda.cn', 'wjg@163.com'], fax: '0574-88880003', language: 'zh', birthday: '1975-08-01', notes: '喜欢喝龙井' },
  ], ctx);
}

describe('complete export of customers with their contacts', () => {
  test('every field of every customer and contact, as CSV, imports back unchanged', () => withStores(async (source, target) => {
    await seedComplete(source);
    const first = await exportCustomerRecordsCsv(source.store.database('crm'), 'zh');
    const [header, ...rows] = parse(first.slice(1)) as string[][];
    for (const title of ['客户资料：客户编号', '客户资料：地址', '客户资料：备注', '客户资料：关联公司', '联系人：电子邮件', '联系人：传真', '联系人：备注', '联系人：生日']) assert.ok(header!.includes(title), title);
    const full = rows.find((row) => row[header!.indexOf('客户资料：客户名称')] === '宁波宏达贸易有限公司')!;
    assert.equal(full[header!.indexOf('客户资料：客户编号')], '00042');
    assert.equal(full[header!.indexOf('客户资料：地址')], '浙江省宁波市\n鄞州区天童南路588号');
    assert.equal(full[header!.indexOf('联系人：电子邮件')], 'wang@hongda.cn; wjg@163.com');

    const { report } = await importFile(target.store.database('crm'), new Uint8Array(Buffer.from(first)), 'backup.csv', { policy: 'fill', ctx });
    assert.deepEqual(report.rejected, []);
    assert.equal(await exportCustomerRecordsCsv(target.store.database('crm'), 'zh'), first, 'exported again, the same file');
  }));

  test('as an Excel workbook, in English: imports back to the same records', () => withStores(async (source, target) => {
    await seedComplete(source);
    const workbook = await exportCustomerRecordsXlsx(source.store.database('crm'), 'en');
    const { report } = await importFile(target.store.database('crm'), workbook, 'backup.xlsx', { policy: 'fill', ctx });
    assert.deepEqual(report.rejected, []);
    assert.equal(await exportCustomerRecordsCsv(target.store.database('crm'), 'en'), await exportCustomerRecordsCsv(source.store.database('crm'), 'en'));
  }));
});
