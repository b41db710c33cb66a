import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SERVER_USER } from '../../design/user.js';
import { LABEL_FORMATS } from '../../server/print/label-formats.js';
import { renderLabels } from '../../server/print/label-sheet.js';
import { countryCode } from '../../design/reference/countries.js';
import { renderListCsv } from '../../server/print/list-csv.js';
import { LIST_KINDS } from '../../server/print/list-kinds.js';
import { addresseesByIds } from '../../server/print/load-addressees.js';
import { selectEntries } from '../../server/print/print-selection.js';
import { withEmbeddedStore } from './crm-fixture.js';
import { labelLines } from './label-cells.js';
import { pdfPages, savePageOne } from './pdf-tools.js';

const ctx = { now: '2026-03-01T09:00:00.000Z', user: SERVER_USER };

/** An export company's customers in China, Germany and the USA, each with its buyer. */
const CUSTOMERS = [
  { _id: 'c-cn', form: 'Customer', name: '宁波宏达贸易有限公司', category: 'existing', country: '中国', postcode: '315000', address: '浙江省宁波市鄞州区天童南路588号', city: '宁波' },
  { _id: 'c-de', form: 'Customer', name: 'Nordwerk Armaturen GmbH', category: 'existing', country: '德国', postcode: '20095', address: 'Mönckebergstraße 7', city: 'Hamburg' },
  { _id: 'c-us', form: 'Customer', name: 'Pacific Imports Inc.', category: 'existing', country: 'USA', postcode: '10001', address: '350 Fifth Avenue', city: 'New York', province: 'NY' },
];
const CONTACTS = [
  { _id: 'p-cn', form: 'Contact', name: '王建国', department: '采购部', customerId: 'c-cn', customerName: '宁波宏达贸易有限公司' },
  { _id: 'p-de', form: 'Contact', name: 'Jürgen Weiß', department: 'Einkauf', customerId: 'c-de', customerName: 'Nordwerk Armaturen GmbH' },
  { _id: 'p-us', form: 'Contact', name: 'Mary Smith', department: 'Purchasing', customerId: 'c-us', customerName: 'Pacific Imports Inc.' },
];

describe('labels and lists for export mail', () => {
  test('address labels had no country, contact or department: each label now reads in its country\'s order, on every sheet format', () => withEmbeddedStore(async ({ store }) => {
    const crm = store.database('crm');
    await crm.saveMany(CUSTOMERS, ctx);
    await crm.saveMany(CONTACTS, ctx);
    const addressees = await addresseesByIds(crm, ['c-cn', 'c-de', 'c-us']);
    for (const format of LABEL_FORMATS) {
      const pdf = await renderLabels(addressees, { format });
      const pages = await pdfPages(pdf);
      const [china, germany, usa] = [0, 1, 2].map((i) => labelLines(pages, format, i));
      // Domestic mail: postcode first, no country line (Chinese words are compared without spaces).
      assert.deepEqual(china!.map((line) => line.replace(/\s+/g, '')), ['315000', '浙江省宁波市鄞州区天童南路588号', '宁波宏达贸易有限公司', '采购部王建国'], `${format.id} China`);
      assert.deepEqual(germany, ['Attn: Jürgen Weiß, Einkauf', 'Nordwerk Armaturen GmbH', 'Mönckebergstraße 7', '20095 Hamburg', 'GERMANY'], `${format.id} Germany`);
      assert.deepEqual(usa, ['Attn: Mary Smith, Purchasing', 'Pacific Imports Inc.', '350 Fifth Avenue', 'New York, NY 10001', 'USA'], `${format.id} USA`);
      await savePageOne(pdf, `print/export-labels-${format.id}`);
    }
  }));

  test('the address and phone lists had empty 联系人 and 部门 columns and no country: all filled', () => withEmbeddedStore(async ({ store }) => {
    const crm = store.database('crm');
    await crm.saveMany(CUSTOMERS, ctx);
    await crm.saveMany(CONTACTS, ctx);
    const { entries } = await selectEntries(store, { db: 'crm', docIds: ['c-cn', 'c-de', 'c-us'] });
    const csv = renderListCsv(entries, LIST_KINDS.address, 'zh');
    assert.deepEqual(csv.slice(1).trim().split('\r\n'), [
      '客户名称,联系人,部门,邮编,地址,国家',
      '宁波宏达贸易有限公司,王建国,采购部,315000,浙江省宁波市鄞州区天童南路588号,中国',
      'Nordwerk Armaturen GmbH,Jürgen Weiß,Einkauf,20095,Mönckebergstraße 7,德国',
      'Pacific Imports Inc.,Mary Smith,Purchasing,10001,350 Fifth Avenue,美国',
    ]);
    // Saved as USA, stored as US: the list names the country in its own language.
    assert.match(renderListCsv(entries, LIST_KINDS.address, 'en'), /350 Fifth Avenue,United States\r\n/);
  }));

  test('countries as people write them', () => {
    assert.deepEqual(['德国', 'Germany', 'DE', '美国', 'U.S.A.', 'United States', '中国', 'China', '台湾', 'Narnia', ''].map(countryCode),
      ['DE', 'DE', 'DE', 'US', 'US', 'US', 'CN', 'CN', 'TW', undefined, undefined]);
  });
});
