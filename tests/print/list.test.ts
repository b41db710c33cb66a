import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { countryName } from '../../design/reference/countries.js';
import { renderListCsv } from '../../server/print/list-csv.js';
import { LIST_KINDS } from '../../server/print/list-kinds.js';
import { pageNumberText, renderListPdf } from '../../server/print/list-pdf.js';
import { listRows, type ListRow } from '../../server/print/list-rows.js';
import { namedCategories } from '../../server/print/print-request.js';
import { selectEntries } from '../../server/print/print-selection.js';
import { seedCrm, withEmbeddedStore as withStore } from './crm-fixture.js';
import { pdfPages, pdfText, savePageOne } from './pdf-tools.js';
import { compact } from './sample-addresses.js';

const PRINTED_AT = new Date('2026-03-01T09:00:00.000Z');

/** Each expected text, found in `text` after the one before it. */
function assertInOrder(text: string, expected: readonly string[], what: string): void {
  let at = 0;
  for (const [i, item] of expected.entries()) {
    const found = text.indexOf(compact(item), at);
    assert.ok(found >= 0, `${what} ${i + 1} of ${expected.length}, ${JSON.stringify(item)}, is missing or out of order`);
    at = found + compact(item).length;
  }
}

function headingText(row: Extract<ListRow, { kind: 'category' }>): string {
  return `${row.title} (${row.count})`;
}

describe('address and phone lists', () => {
  test('address list of a categorised view: on every page the title, column headers and "page N of M"; categories; every customer in view order', () => withStore(async ({ store }) => {
    const { customers } = await seedCrm(store, 150);
    const selected = await selectEntries(store, { db: 'crm', viewId: 'customers-by-region' });
    const { view } = selected;
    const entries = namedCategories(selected, 'zh');
    assert.equal(entries.length, customers.length);
    const rows = listRows(entries);
    const pdf = await renderListPdf(rows, { kind: LIST_KINDS.address, lang: 'zh', source: view!.name.zh, printedAt: PRINTED_AT });
    await savePageOne(pdf, 'print/address-list');

    const pages = (await pdfText(pdf)).split('\f').slice(0, -1);
    assert.ok(pages.length >= 3, `${pages.length} pages`);
    pages.forEach((page, i) => {
      assert.match(page, /地址列表 · 客户\\按地区/, `page ${i + 1} title`);
      assert.match(page, /打印日期 2026-03-01/);
      assert.match(page, /客户名称\s+联系人\s+部门\s+邮编\s+地址\s+国家/, `page ${i + 1} column headers`);
      assert.ok(page.includes(pageNumberText(i + 1, pages.length)), `page ${i + 1} footer`);
    });
    assert.equal(pageNumberText(2, 5), '第 2 页 / 共 5 页 · Page 2 of 5');

    // In drawing order a cell's wrapped lines stay together.
    const drawn = compact(await pdfText(pdf, 'raw'));
    const expected = rows.map((row) => (row.kind === 'category' ? headingText(row) : [row.addressee.customerName, row.addressee.contactName, row.addressee.department, row.addressee.postcode, row.addressee.address, countryName(row.addressee.country ?? '', 'zh')].join('')));
    assertInOrder(drawn, expected, 'row');
    const regions = rows.filter((row) => row.kind === 'category' && row.level === 0);
    assert.ok(regions.length >= 5);
    assert.ok(rows.some((row) => row.kind === 'category' && row.level === 1 && row.title === '中国'));
  }));

  test('a category heading is never the last line of a page', () => withStore(async ({ store }) => {
    await seedCrm(store, 150);
    const { entries, view } = await selectEntries(store, { db: 'crm', viewId: 'customers-by-region' });
    const rows = listRows(entries);
    const headings = new Set(rows.filter((row) => row.kind === 'category').map((row) => compact(headingText(row))));
    const pages = await pdfPages(await renderListPdf(rows, { kind: LIST_KINDS.address, lang: 'zh', source: view!.name.zh }));
    for (const [i, page] of pages.entries()) {
      const body = page.words.filter((word) => word.yMax < page.height - 40);
      const lastTop = Math.max(...body.map((word) => word.yMin));
      const lastLine = compact(body.filter((word) => Math.abs(word.yMin - lastTop) < 1).map((word) => word.text).join(''));
      assert.ok(!headings.has(lastLine), `page ${i + 1} ends with the heading ${lastLine}`);
    }
  }));

  test('phone list of contacts by customer: landscape, every contact with its numbers, English headers', () => withStore(async ({ store }) => {
    const { contacts } = await seedCrm(store, 40);
    const { entries, view } = await selectEntries(store, { db: 'crm', viewId: 'contacts-by-customer' });
    assert.equal(entries.length, contacts.length);
    const pdf = await renderListPdf(listRows(entries), { kind: LIST_KINDS.phone, lang: 'en', source: view!.name.en, printedAt: PRINTED_AT });
    await savePageOne(pdf, 'print/phone-list');
    const [first] = await pdfPages(pdf);
    assert.ok(first!.width > first!.height, 'landscape');
    const text = await pdfText(pdf);
    assert.match(text, /Phone list · Contacts\\By Customer/);
    assert.match(text, /Customer\s+Contact\s+Department\s+Country\s+Phone\s+Mobile\s+Fax\s+E-mail/);
    const drawn = compact(await pdfText(pdf, 'raw'));
    for (const contact of contacts) {
      for (const value of [contact.name, contact.phone, contact.mobile, (contact.emails as string[])[0]]) assert.ok(drawn.includes(compact(String(value))), `missing ${String(value)}`);
    }
  }));

  test('chosen documents list in the order chosen, without categories', () => withStore(async ({ store }) => {
    const { customers } = await seedCrm(store, 12);
    const ids = customers.map((c) => c._id!).reverse();
    const { entries, view } = await selectEntries(store, { db: 'crm', docIds: ids });
    assert.equal(view, undefined);
    const rows = listRows(entries);
    assert.ok(rows.every((row) => row.kind === 'entry'));
    const drawn = compact(await pdfText(await renderListPdf(rows, { kind: LIST_KINDS.address, lang: 'zh' }), 'raw'));
    assertInOrder(drawn, [...customers].reverse().map((c) => String(c.name)), 'customer');
  }));

  test('as CSV: the view’s categories as leading columns, one contact a row', () => withStore(async ({ store }) => {
    const { contacts } = await seedCrm(store, 20);
    const { entries, view } = await selectEntries(store, { db: 'crm', viewId: 'contacts-by-customer' });
    const csv = renderListCsv(entries, LIST_KINDS.phone, 'zh', view!.categoryTitles.map((title) => title.zh));
    assert.ok(csv.startsWith('\ufeff'));
    const [header, ...records] = parse(csv.slice(1)) as string[][];
    assert.deepEqual(header, ['客户', '客户名称', '联系人', '部门', '国家', '电话', '手机', '传真', '电子邮件']);
    assert.equal(records.length, contacts.length);
    for (const record of records) assert.equal(record[0], record[1], 'the category is the customer');
    // Phone numbers starting with + are kept as text, not run as formulas.
    assert.ok(records.every((record) => record[5] === '' || record[5]!.startsWith("'+86")));
    assert.ok(records.every((record) => record[4] !== ''), 'every contact has its customer\'s country');
  }));
});
