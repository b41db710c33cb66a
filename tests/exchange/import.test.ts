import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { importFile, previewImport } from '../../server/exchange/import-file.js';
import type { DuplicatePolicy } from '../../server/exchange/import-report.js';
import { storedDocsOf } from '../../server/exchange/stored-docs.js';
import type { Store } from '../../server/store/store.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { saveContext } from '../helpers/test-store.js';
import { withEmbeddedStore as withStore } from '../print/crm-fixture.js';
import { storedRecords } from './stored-records.js';

const ctx = saveContext();

function importText(store: Store, bytes: Uint8Array, name: string, policy: DuplicatePolicy = 'fill', mapping?: unknown) {
  return importFile(store.database('crm'), bytes, name, { policy, ctx, mapping });
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

/** What Excel in China writes: Chinese headers, a thousands separator, slashes in dates, two addresses in one cell. */
const CUSTOMERS_CSV = [
  '客户名称,联系人,部门,职务,电话,手机,邮箱,地址,邮编,城市,国家,客户类别,年采购额,生日',
  '上海宏达贸易有限公司,张伟,采购部,经理,021-5555 1234,13800138000,zhangwei@hongda.cn,上海市黄浦区南京东路100号,200001,上海,中国,现有客户,"1,200,000",1985/4/12',
  '宁波海顺进出口有限公司,欧阳明,外贸部,,+86 574 8888 6666,,"ouyang@haishun.cn; sales@haishun.cn",浙江省宁波市鄞州区天童南路588号,315000,宁波,中国,潜在客户,,',
  'Pacific Imports Inc.,Mary Smith,Purchasing,Buyer,+1 212 555 0100,,mary@pacific.com,"350 Fifth Avenue, New York",10001,New York,USA,Partner,250000,1979年12月3日',
].join('\r\n');

describe('import of customers and contacts', () => {
  test('a GBK file and a UTF-8 file with BOM give the same records', async () => {
    const gbk = new Uint8Array(iconv.encode(CUSTOMERS_CSV, 'gbk'));
    const bom = utf8(`\ufeff${CUSTOMERS_CSV}`);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk), 'the GBK bytes are not UTF-8');
    const results: Record<string, unknown>[][] = [];
    for (const [bytes, encoding] of [[gbk, 'gb18030'], [bom, 'utf-8-bom']] as const) {
      await withStore(async ({ store }) => {
        const { file, report } = await importText(store, bytes, '客户.csv');
        assert.equal(file.encoding, encoding);
        assert.deepEqual({ imported: report.imported, merged: report.merged, rejected: report.rejected }, { imported: 6, merged: 0, rejected: [] });
        results.push(await storedRecords(store));
      });
    }
    assert.deepEqual(results[0], results[1]);
    const hongda = results[0]!.find((r) => r.name === '上海宏达贸易有限公司')!;
    assert.equal(hongda.category, 'existing');
    assert.equal(hongda.annualVolume, 1200000);
    assert.equal(hongda.postcode, '200001');
    const ouyang = results[0]!.find((r) => r.name === '欧阳明')!;
    assert.deepEqual(ouyang.emails, ['ouyang@haishun.cn', 'sales@haishun.cn']);
    assert.equal(ouyang.customer, '宁波海顺进出口有限公司');
    assert.equal(ouyang.customerName, '宁波海顺进出口有限公司');
    assert.equal(results[0]!.find((r) => r.name === 'Mary Smith')!.birthday, '1979-12-03');
    assert.equal(results[0]!.find((r) => r.name === '张伟')!.birthday, '1985-04-12');
  });

  test('GB18030 reads what GBK cannot hold, and UTF-16 with BOM (Excel’s “Unicode text”) reads too', () => withStore(async ({ store }) => {
    const text = '公司名称\t联系人\t邮箱\nAtlas Hardware GmbH\tJürgen Weiß\tj.weiss@atlas.de\n𠀀记商行\t陈𠀀\t';
    const { report } = await importText(store, new Uint8Array(iconv.encode(text, 'gb18030')), 'a.txt');
    assert.equal(report.imported, 4);
    const { file } = await importText(store, new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf-16le')]), 'b.txt');
    assert.equal(file.encoding, 'utf-16le');
    assert.equal(file.delimiter, '\t');
    const names = (await storedRecords(store)).map((r) => r.name);
    assert.ok(names.includes('Jürgen Weiß') && names.includes('陈𠀀') && names.includes('𠀀记商行'));
    assert.equal(names.length, 4, 'the second import matched the first');
  }));

  describe('duplicates by name, e-mail and phone', () => {
    const FILE = [
      '客户名称,城市,公司电话,公司邮箱,联系人,手机',
      'abc trading co ltd,苏州,,,,',
      'Different Name Ltd,,,SALES@abc.com,,',
      'Another Co,,021-55551234,,,',
      '宁波海顺进出口有限公司,,,,欧阳明,13900001111',
      '新公司,,,,李雷,',
      '新 公 司,无锡,,,,',
    ].join('\n');

    async function seed(store: Store): Promise<void> {
      const crm = store.database('crm');
      await crm.saveMany([
        { _id: 'abc', form: 'Customer', name: 'ＡＢＣ Trading Co., Ltd.', city: '上海', phone: '+86 (0)21 5555 1234', email: 'Sales@ABC.com' },
        { _id: 'haishun', form: 'Customer', name: '宁波海顺进出口有限公司' },
        { _id: 'zhang', form: 'Customer', name: '章伟贸易' },
      ], ctx);
      await crm.save({ _id: 'ouyang', form: 'Contact', name: '欧阳明', customerId: 'haishun', customerName: '宁波海顺进出口有限公司', emails: ['ouyang@haishun.cn'] }, ctx);
    }

    test('overwrite: newer values from the file win, empty cells erase nothing, rows within the file find each other', () => withStore(async ({ store }) => {
      await seed(store);
      const { report } = await importText(store, utf8(FILE), 'dups.csv', 'overwrite');
      assert.deepEqual(report.rejected, []);
      assert.deepEqual(report.duplicates.map((d) => [d.row, d.form, d.action, d.matchedBy]), [
        [2, 'Customer', 'merged', 'name'], [3, 'Customer', 'merged', 'email'], [4, 'Customer', 'merged', 'phone'],
        [5, 'Customer', 'merged', 'name'], [5, 'Contact', 'merged', 'name'], [7, 'Customer', 'merged', 'name'],
      ]);
      assert.deepEqual(report.duplicates.slice(0, 3).map((d) => d.id), ['abc', 'abc', 'abc']);
      // The report names the record merged into as people know it, not by its id.
      assert.deepEqual(report.duplicates.slice(0, 3).map((d) => d.title), Array(3).fill('ＡＢＣ Trading Co., Ltd.'));
      assert.deepEqual([report.imported, report.merged, report.skipped], [2, 6, 0]);
      const crm = store.database('crm');
      const abc = await crm.get('abc');
      assert.equal(abc.city, '苏州');
      assert.equal(abc.phone, '021-55551234');
      assert.equal(abc.name, 'ＡＢＣ Trading Co., Ltd.', 'a merge keeps the name a record is known by');
      assert.equal((await crm.get('ouyang')).mobile, '13900001111');
      assert.deepEqual((await crm.get('ouyang')).emails, ['ouyang@haishun.cn']);
      const customers = await storedDocsOf(crm, ['Customer']);
      assert.equal(customers.length, 4, 'one new customer, 新公司, once');
      assert.equal(customers.find((c) => c.name === '新公司')?.city, '无锡');
      assert.equal((await crm.get('zhang')).name, '章伟贸易', 'a homophone is no duplicate');
    }));

    test('skipped: stored records stay as they were, and a contact still joins the customer it matched', () => withStore(async ({ store }) => {
      await seed(store);
      const before = await storedRecords(store);
      const { report } = await importText(store, utf8(FILE), 'dups.csv', 'skip');
      assert.deepEqual([report.imported, report.merged, report.skipped], [2, 0, 6]);
      assert.ok(report.duplicates.every((d) => d.action === 'skipped'));
      const after = await storedRecords(store);
      assert.deepEqual(after.filter((r) => before.some((b) => JSON.stringify(b) === JSON.stringify(r))), before, 'nothing stored changed');
      assert.deepEqual(after.filter((r) => !before.some((b) => JSON.stringify(b) === JSON.stringify(r))).map((r) => r.name).sort(), ['李雷', '新公司'].sort());
      assert.equal(after.find((r) => r.name === '李雷')!.customer, '新公司');
    }));
  });

  test('rows validation refuses are rejected with the row number Excel shows and the field’s message; the rest is imported', () => withStore(async ({ store }) => {
    await store.database('crm').save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', customerCategories: [{ zh: '展会意向', en: 'Trade-fair lead' }] }, saveContext('2026-03-01T09:00:00.000Z', 'Boss', ['[Manager]']));
    const file = [
      '客户名称,公司邮箱,类别,首次联系,联系人,生日',
      '好公司,good@x.cn,现有客户,2024/03/05,,',
      '坏邮箱公司,not-an-email,,,,',
      '',
      '新类别公司,,展会意向,,,',
      '坏日期公司,,,2026-02-30,,',
      ',,,,孤儿联系人,',
      '联系人坏了的公司,,,,王芳,1990-13-01',
      '=cmd|calc公司,,,,,',
      '乱分类公司,,老朋友,,,',
    ].join('\n');
    const { report } = await importText(store, utf8(file), 'bad.csv');
    assert.deepEqual(report.rejected.map((r) => [r.row, r.reason]), [
      [3, '客户资料：“电子邮件”的格式不正确 · Customer: E-mail is not in a valid format'],
      [6, '客户资料：“首次联系”不是有效日期（YYYY-MM-DD） · Customer: First contact is not a valid date (YYYY-MM-DD)'],
      [7, '没有客户名称：联系人必须属于一个客户 · No customer name: a contact must belong to a customer'],
      [8, '联系人：“生日”不是有效日期（YYYY-MM-DD） · Contact: Birthday is not a valid date (YYYY-MM-DD)'],
      [10, '客户资料：“客户类别”的值“老朋友”不在可选范围内（可选：现有客户、潜在客户、合作伙伴、代理商、展会意向） · Customer: Category: “老朋友” is not one of the choices (choose from Existing, Potential, Partner, Agent, Trade-fair lead)'],
    ]);
    assert.equal(report.rejected[0]!.fields![0]!.field, 'email');
    const names = (await storedRecords(store)).map((r) => r.name).sort();
    // 展会意向: a category the administrator added in the CRM settings.
    assert.deepEqual(names, ['=cmd|calc公司', '好公司', '联系人坏了的公司', '新类别公司'].sort(), 'a row whose contact failed keeps its customer');
    assert.equal(report.imported, 4);
  }));

  test('column mapping: guessed from Chinese and English titles, changed by title or number, shown in a preview', async () => {
    const csv = 'Company,Contact Person,Tel,E-mail 1,E-mail 2,Remarks,Whatever\nAtlas,Hans,+49 40 1,h@atlas.de,hans@atlas.de,VIP,x\n';
    const preview = await previewImport(utf8(csv), 'en.csv');
    assert.deepEqual(preview.columns.map((c) => c.target), ['customer.name', 'contact.name', 'contact.phone', 'contact.emails', 'contact.emails', 'contact.notes', null]);
    assert.deepEqual(preview.rows[0], { row: 2, customer: { name: 'Atlas' }, contact: { name: 'Hans', phone: '+49 40 1', emails: ['h@atlas.de', 'hans@atlas.de'], notes: 'VIP' } });
    assert.deepEqual(preview.columns[0]!.label, { zh: '客户资料：客户名称', en: 'Customer: Name' });
    const changed = await previewImport(utf8(csv), 'en.csv', { mapping: { Remarks: 'customer.notes', '#7': 'customer.code', Tel: null } });
    assert.deepEqual(changed.rows[0], { row: 2, customer: { name: 'Atlas', notes: 'VIP', code: 'x' }, contact: { name: 'Hans', emails: ['h@atlas.de', 'hans@atlas.de'] } });
    await assert.rejects(previewImport(utf8(csv), 'en.csv', { mapping: { Nope: 'customer.name' } }), /no column "Nope"/);
    await assert.rejects(previewImport(utf8(csv), 'en.csv', { mapping: { Tel: 'customer.shoeSize' } }), /"customer.shoeSize" is no field to import into/);
    const noContacts = await previewImport(utf8('公司名称,电话,邮箱,备注\nX,1,x@y.cn,z\n'), 'cn.csv');
    assert.deepEqual(noContacts.columns.map((c) => c.target), ['customer.name', 'customer.phone', 'customer.email', 'customer.notes']);
    const onlyName = await previewImport(utf8('Name,Phone,Email\nAcme Ltd,+1 212 555 0100,info@acme.com\n'), 'other-crm.csv');
    assert.deepEqual(onlyName.columns.map((c) => c.target), ['customer.name', 'customer.phone', 'customer.email'], 'a lone Name column names customers');
  });

  test('Excel .xlsx: the first sheet or the one named; dates, numbers, formulas and rich text as Excel shows them', () => withStore(async ({ store }) => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['This sheet explains the other one']);
    const sheet = workbook.addWorksheet('客户');
    sheet.addRow(['客户名称', '联系人', '手机', '首次联系', '年采购额', '备注']);
    sheet.addRow(['上海宏达贸易有限公司', '张伟', 13800138000, new Date(Date.UTC(2024, 2, 5)), { formula: '1000*12', result: 12000 }, { richText: [{ text: '重要' }, { text: '客户', font: { bold: true } }] }]);
    sheet.addRow([]);
    sheet.addRow(['Atlas Hardware GmbH', { text: 'Hans', hyperlink: 'mailto:hans@atlas.de' }, null, null, null, null]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    assert.equal((await importText(store, bytes, 'book.xlsx')).report.rows, 0, 'the first sheet holds no rows of data');
    const { file, report } = await importFile(store.database('crm'), bytes, 'book.xlsx', { policy: 'fill', ctx, sheet: '客户' });
    assert.deepEqual(file.sheets, ['说明', '客户']);
    assert.deepEqual(report.rejected, []);
    assert.equal(report.imported, 4);
    const records = await storedRecords(store);
    const hongda = records.find((r) => r.name === '上海宏达贸易有限公司')!;
    assert.deepEqual([hongda.firstContact, hongda.annualVolume], ['2024-03-05', 12000]);
    // With a contact column, 备注 is the contact's.
    const zhang = records.find((r) => r.name === '张伟')!;
    assert.deepEqual([zhang.mobile, zhang.notes], ['13800138000', '重要客户']);
    assert.ok(records.some((r) => r.name === 'Hans'));
    await assert.rejects(importFile(store.database('crm'), bytes, 'book.xlsx', { policy: 'fill', ctx, sheet: 'Sheet9' }), /no worksheet "Sheet9"; it has 说明, 客户/);
  }));

  test('bad files are refused with a clear reason and nothing is saved', () => withStore(async ({ store }) => {
    const crm = store.database('crm');
    const before = (await crm.info()).docCount;
    const cases: [Uint8Array, string, RegExp][] = [
      [utf8('客户名称,城市\n"上海宏达,上海\n'), 'broken.csv', /The CSV file is malformed: Quote Not Closed/],
      [utf8('客户名称,城市\n上海,上海\n'), 'renamed.xlsx', /not an Excel \.xlsx workbook/],
      [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xlsx', /Excel 97–2003 workbook \(\.xls\)/],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), 'truncated.xlsx', /The workbook cannot be read/],
      [utf8('a,b\n1,2\n'), 'data.xls', /Excel 97–2003 workbook; save it as \.xlsx or CSV/],
      [utf8('a,b\n1,2\n'), 'data.json', /import reads \.csv, \.txt, \.tsv, \.xlsx and \.vcf files/],
      [new Uint8Array([0x41, 0, 0x42, 0]), 'utf16.csv', /NUL bytes/],
      [new Uint8Array([0x41, 0xff, 0xff, 0x42]), 'binary.csv', /neither UTF-8 nor GBK\/GB18030/],
      [new Uint8Array(), 'empty.csv', /empty\.csv is empty/],
      [utf8('BEGIN:VCARD\nVERSION:3.0\nFN:张伟\nORG:宏达\n'), 'cut.vcf', /The vCard that begins on line 1 has no END:VCARD/],
    ];
    for (const [bytes, name, reason] of cases) await assert.rejects(importText(store, bytes, name), reason, name);
    await assert.rejects(importFile(crm, utf8('a\n1\n'), 'x.csv', { policy: 'fill', ctx, encoding: 'klingon' }), /Unknown encoding "klingon"/);
    assert.equal((await crm.info()).docCount, before);
  }));
});

