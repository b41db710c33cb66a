import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import express from 'express';
import iconv from 'iconv-lite';
import type { Doc } from '../../design/form.js';
import { createExchangeRouter } from '../../server/exchange/exchange-routes.js';
import type { ImportReport } from '../../server/exchange/import-report.js';
import { guessMapping } from '../../server/exchange/import-targets.js';
import { storedDocsOf } from '../../server/exchange/stored-docs.js';
import type { Store } from '../../server/store/store.js';
import { openTestStore } from '../helpers/test-store.js';


/** The exchange routes on a loopback port over a fresh store: the import a person runs from the workstation. */
async function withRoutes(work: (url: string, store: Store) => Promise<void>): Promise<void> {
  const t = await openTestStore('embedded');
  const app = express();
  app.use(createExchangeRouter({ store: t.store, now: () => new Date('2026-03-02T09:00:00.000Z') }));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, t.store);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await t.cleanup();
  }
}

async function importBytes(url: string, bytes: Uint8Array, filename: string, policy?: string): Promise<ImportReport> {
  const query = `filename=${encodeURIComponent(filename)}${policy ? `&policy=${policy}` : ''}`;
  const response = await fetch(`${url}/api/import?${query}`, { method: 'POST', body: new Uint8Array(bytes) });
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as { report: ImportReport }).report;
}

/** A CSV as Chinese Excel saves it ("CSV (逗号分隔)"): GB18030/GBK, CRLF, quoted cells where needed. */
function chineseExcelCsv(rows: readonly (readonly string[])[]): Uint8Array {
  const line = (row: readonly string[]) => row.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',');
  return new Uint8Array(iconv.encode(`${rows.map(line).join('\r\n')}\r\n`, 'gbk'));
}

/** The same as WPS saves it as UTF-8: a byte-order mark, LF inside cells. */
function wpsUtf8Csv(rows: readonly (readonly string[])[]): Uint8Array {
  const line = (row: readonly string[]) => row.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',');
  return new Uint8Array(Buffer.from(`\ufeff${rows.map(line).join('\r\n')}\r\n`, 'utf8'));
}

async function customersByName(store: Store): Promise<Map<string, Doc>> {
  return new Map((await storedDocsOf(store.database('crm'), ['Customer'])).map((d) => [String(d.name), d]));
}

describe('importing customer lists as Chinese Excel and WPS save them', () => {
  test('the column 分类 is recognised (and its traditional and English kin): customers keep their category', () => withRoutes(async (url, store) => {
    assert.deepEqual(guessMapping(['客户名称', '分类', '联系人', '手机']), ['customer.name', 'customer.category', 'contact.name', 'contact.mobile']);
    assert.deepEqual(guessMapping(['客戶名稱', '客戶分類', '聯絡人姓名', '行動電話', '郵遞區號']), ['customer.name', 'customer.category', 'contact.name', 'contact.mobile', 'customer.postcode']);
    assert.deepEqual(guessMapping(['Company Name', 'Customer Category', 'Contact Name', 'Mobile Phone']), ['customer.name', 'customer.category', 'contact.name', 'contact.mobile']);
    assert.deepEqual(guessMapping(['公司', '类别', '联系人姓名', '移动电话']), ['customer.name', 'customer.category', 'contact.name', 'contact.mobile']);
    const report = await importBytes(url, chineseExcelCsv([['客户名称', '分类', '联系人', '手机'], ['宁波宏达贸易有限公司', '现有客户', '王建国', '13805740001'], ['Acme GmbH', '代理商', 'Hans Weber', '+49 170 1234567']]), '客户.csv');
    assert.deepEqual(report.rejected, []);
    const customers = await customersByName(store);
    assert.equal(customers.get('宁波宏达贸易有限公司')!.category, 'existing');
    assert.equal(customers.get('Acme GmbH')!.category, 'agent');
  }));

  test('a line break inside a quoted cell is the same from a GBK file and a UTF-8 file', () => withRoutes(async (url, store) => {
    const header = ['客户名称', '地址', '备注'];
    await importBytes(url, chineseExcelCsv([header, ['甲公司', '浙江省宁波市\r\n海曙区中山西路1号', '老客户\r\n每年两单']]), 'gbk.csv');
    await importBytes(url, wpsUtf8Csv([header, ['乙公司', '浙江省宁波市\n海曙区中山西路1号', '老客户\n每年两单']]), 'utf8.csv');
    const customers = await customersByName(store);
    assert.equal(customers.get('甲公司')!.address, '浙江省宁波市\n海曙区中山西路1号');
    assert.equal(customers.get('乙公司')!.address, customers.get('甲公司')!.address);
    assert.equal(customers.get('乙公司')!.notes, customers.get('甲公司')!.notes);
  }));

  describe('a duplicate row merged into an existing customer', () => {
    const FIRST = [['客户编号', '客户名称', '外文名称', '地址', '城市', '联系人', '电话', '备注'], ['C0001', '宁波宏达贸易有限公司', 'Hongda Trading', '宁波市海曙区1号', '', '王建国', '0574-11111111', '老客户']];
    const LATER = [['客户编号', '客户名称', '外文名称', '地址', '城市', '联系人', '电话', '备注'], ['C0008', '宁波宏达贸易有限公司', 'Ningbo Hongda', '宁波市鄞州区8号', '宁波', '王建国', '0574-88888888', '新备注']];

    test('never overwrites its customer code; by default fills only what was empty, and the report says old → new by title', () => withRoutes(async (url, store) => {
      await importBytes(url, chineseExcelCsv(FIRST), '第一次.csv');
      const report = await importBytes(url, chineseExcelCsv(LATER), '第二次.csv');
      assert.deepEqual([report.imported, report.merged], [0, 2]);
      const customer = (await customersByName(store)).get('宁波宏达贸易有限公司')!;
      assert.equal(customer.code, 'C0001', 'an identifier is never replaced');
      assert.equal(customer.nameEn, 'Hongda Trading');
      assert.equal(customer.address, '宁波市海曙区1号');
      assert.equal(customer.city, '宁波', 'an empty field is filled');
      const [contact] = await storedDocsOf(store.database('crm'), ['Contact']);
      assert.equal(contact!.phone, '0574-11111111');
      assert.equal(contact!.notes, '老客户');
      assert.deepEqual(report.changed.map((r) => [r.title, r.changes.map((c) => [c.label.zh, c.old, c.new])]), [
        ['宁波宏达贸易有限公司', [['城市', undefined, '宁波']]],
      ]);
    }));

    test('"file wins" replaces filled values but not the code, and lists each change old → new; "skip" changes nothing', () => withRoutes(async (url, store) => {
      await importBytes(url, chineseExcelCsv(FIRST), '第一次.csv');
      const report = await importBytes(url, chineseExcelCsv(LATER), '第二次.csv', 'overwrite');
      const customer = (await customersByName(store)).get('宁波宏达贸易有限公司')!;
      assert.equal(customer.code, 'C0001');
      assert.equal(customer.nameEn, 'Ningbo Hongda');
      const byTitle = new Map(report.changed.map((r) => [r.title, r.changes.map((c) => `${c.label.zh}: ${String(c.old ?? '')} → ${String(c.new)}`)]));
      assert.deepEqual(byTitle.get('宁波宏达贸易有限公司'), ['外文名称: Hongda Trading → Ningbo Hongda', '地址: 宁波市海曙区1号 → 宁波市鄞州区8号', '城市:  → 宁波']);
      assert.deepEqual(byTitle.get('王建国（宁波宏达贸易有限公司）'), ['电话: 0574-11111111 → 0574-88888888', '备注: 老客户 → 新备注']);
      const before = await storedDocsOf(store.database('crm'), ['Customer', 'Contact']);
      const skipped = await importBytes(url, chineseExcelCsv(FIRST), '第三次.csv', 'skip');
      assert.deepEqual([skipped.merged, skipped.skipped, skipped.changed], [0, 2, []]);
      assert.deepEqual(await storedDocsOf(store.database('crm'), ['Customer', 'Contact']), before);
    }));

    test('a bad import is undone from its report: fields still as the import left them are put back, later edits stay', () => withRoutes(async (url, store) => {
      await importBytes(url, chineseExcelCsv(FIRST), '第一次.csv');
      const report = await importBytes(url, chineseExcelCsv(LATER), '第二次.csv', 'overwrite');
      const crm = store.database('crm');
      const customer = (await customersByName(store)).get('宁波宏达贸易有限公司')!;
      await crm.save({ ...customer, city: '宁波市' }, { now: '2026-03-03T09:00:00.000Z', user: { name: '王芳', roles: [] } });
      const response = await fetch(`${url}/api/import/undo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ changed: report.changed }) });
      assert.equal(response.status, 200, await response.clone().text());
      const undo = (await response.json()) as { restored: number; kept: { title: string; field: string }[]; refused: unknown[] };
      assert.deepEqual([undo.restored, undo.kept, undo.refused], [4, [{ id: customer._id, title: '宁波宏达贸易有限公司', field: 'city' }], []]);
      const after = (await customersByName(store)).get('宁波宏达贸易有限公司')!;
      assert.deepEqual([after.nameEn, after.address, after.city], ['Hongda Trading', '宁波市海曙区1号', '宁波市']);
      const [contact] = await storedDocsOf(crm, ['Contact']);
      assert.deepEqual([contact!.phone, contact!.notes], ['0574-11111111', '老客户']);
      const bad = await fetch(`${url}/api/import/undo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ changed: [{ id: 'x', changes: [{ field: '_id', new: 1 }] }] }) });
      assert.equal(bad.status, 400);
    }));
  });

  test('every customer with its contacts exported over HTTP, as CSV and as Excel, imports back', () => withRoutes(async (url, store) => {
    await importBytes(url, chineseExcelCsv([['客户名称', '分类', '联系人', '手机'], ['宁波宏达贸易有限公司', '现有客户', '王建国', '13805740001']]), '客户.csv');
    const csv = await fetch(`${url}/api/export/records/customers.csv?lang=zh`);
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(await csv.text(), /,宁波宏达贸易有限公司,,,现有客户,[\s\S]*王建国/);
    const xlsx = await fetch(`${url}/api/export/records/customers.xlsx?lang=en`);
    assert.equal(xlsx.status, 200);
    const again = await importBytes(url, new Uint8Array(await xlsx.arrayBuffer()), 'customers.xlsx');
    assert.deepEqual([again.imported, again.merged, again.changed], [0, 2, []], 'the same records, nothing changed');
    assert.equal((await storedDocsOf(store.database('crm'), ['Customer', 'Contact'])).length, 2);
    assert.equal((await fetch(`${url}/api/export/records/customers.pdf`)).status, 404);
  }));

  test('an .xlsx as WPS and Excel save it: Chinese headers, a number as a number, line breaks in cells', () => withRoutes(async (url, store) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('客户资料');
    sheet.addRow(['客户名称', '客户分类', '国家', '联系人姓名', '移动电话', '地址']);
    sheet.addRow(['Müller Haushaltswaren GmbH', '潜在客户', '德国', 'Jürgen Müller', 4917012345678, 'Hauptstraße 5\r\n20095 Hamburg']);
    sheet.addRow(['上海东方贸易公司', '现有客户', '中国', '李娜', 13900002222, '上海市浦东新区世纪大道100号']);
    const report = await importBytes(url, new Uint8Array(await book.xlsx.writeBuffer()), '客户资料.xlsx');
    assert.deepEqual([report.imported, report.rejected], [4, []]);
    const customers = await customersByName(store);
    assert.equal(customers.get('Müller Haushaltswaren GmbH')!.address, 'Hauptstraße 5\n20095 Hamburg');
    assert.equal(customers.get('上海东方贸易公司')!.category, 'existing');
    const contacts = await storedDocsOf(store.database('crm'), ['Contact']);
    assert.deepEqual(contacts.map((c) => c.mobile).sort(), ['13900002222', '4917012345678']);
  }));
});
