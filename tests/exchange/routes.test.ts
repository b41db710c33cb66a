import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import express, { type ErrorRequestHandler } from 'express';
import iconv from 'iconv-lite';
import { GuanxiError } from '../../engine/errors.js';
import { createExchangeRouter } from '../../server/exchange/exchange-routes.js';
import { createPrintRouter, type WhoIsAsking } from '../../server/print/print-routes.js';
import type { Store } from '../../server/store/store.js';
import type { Access, AccessLevel } from '../../design/access/acl.js';
import { openTestStore, saveContext } from '../helpers/test-store.js';
import { seedCrm } from '../print/crm-fixture.js';
import { pdfText } from '../print/pdf-tools.js';
import { compact } from '../print/sample-addresses.js';
import { seedDeals } from './deal-fixture.js';

/** The app's error shape, as server/app.ts answers it, for the routers mounted here on their own. */
const errors: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  if (error instanceof GuanxiError) res.status(error.status).json(error.toJSON());
  else res.status(500).json({ error: 'internal_error', reason: String(error) });
};

/** Both routers in an app of their own on a loopback port, over a fresh store with customers and contacts. */
async function withRoutes(work: (url: string, store: Store) => Promise<void>, whoIsAsking?: WhoIsAsking): Promise<void> {
  const t = await openTestStore('embedded');
  const app = express();
  app.use(createPrintRouter({ store: t.store, whoIsAsking }));
  app.use(createExchangeRouter({ store: t.store, whoIsAsking, now: () => new Date('2026-03-01T09:00:00.000Z') }));
  app.use(errors);
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    await seedCrm(t.store, 30);
    await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, t.store);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await t.cleanup();
  }
}

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The body as text with its byte-order mark, which `Response.text()` drops. */
async function textWithBom(response: Response): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
}

async function pdfOf(response: Response): Promise<string> {
  assert.equal(response.status, 200, await response.clone().text());
  assert.equal(response.headers.get('content-type'), 'application/pdf');
  return compact(await pdfText(new Uint8Array(await response.arrayBuffer())));
}

describe('print routes over HTTP', () => {
  test('labels for chosen documents, for a view, and for one category of it', () => withRoutes(async (url, store) => {
    const formats = (await (await fetch(`${url}/api/print/label-formats`)).json()) as { formats: { id: string }[] };
    assert.deepEqual(formats.formats.map((f) => f.id), ['L7160', 'L7159', 'L7163', '5160']);

    const crm = store.database('crm');
    const chosen = ['contact000000', 'cust0000003'];
    const text = await pdfOf(await post(`${url}/api/print/labels`, { format: 'L7160', start: 3, docIds: chosen }));
    const contact = await crm.get('contact000000');
    const customer = await crm.get('cust0000003');
    // The contact and their department, in the order the destination's post reads (see label-lines.ts).
    for (const part of [contact.name, contact.department, customer.name]) if (part) assert.ok(text.includes(compact(String(part))), `the labels hold ${String(part)}`);

    const east = (await crm.view('customers-by-region', { limit: 1000 })).rows.filter((row) => row.kind === 'category' && row.level === 0 && row.title === '华东');
    const eastText = await pdfOf(await post(`${url}/api/print/labels`, { format: { pageWidth: 210, pageHeight: 297, marginTop: 10, marginBottom: 10, marginLeft: 5, marginRight: 5, columns: 2, rows: 8 }, view: { db: 'crm', viewId: 'customers-by-region', category: ['华东'] } }));
    assert.equal(east.length, 1);
    assert.equal((eastText.match(/有限公司|Ltd|GmbH|Inc\.|S\.A\.|LLC|B\.V\./g) ?? []).length, (east[0] as { count: number }).count);
  }));

  test('lists as PDF and CSV', () => withRoutes(async (url) => {
    const view = { db: 'crm', viewId: 'contacts-by-customer' };
    const text = await pdfOf(await post(`${url}/api/print/list`, { kind: 'phone', lang: 'en', view }));
    assert.ok(text.includes(compact('Phone list · Contacts\\By Customer')));
    assert.match(text, /第1页\/共\d+页·Page1of\d+/);
    const csv = await post(`${url}/api/print/list`, { kind: 'address', format: 'csv', view });
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(await textWithBom(csv), /^\ufeff客户,客户名称,联系人,部门,邮编,地址,国家\r\n/);
  }));

  test('bad requests answer in the error shape', () => withRoutes(async (url) => {
    const cases: [unknown, number, RegExp][] = [
      [{ format: 'A4-99', docIds: ['cust0000001'] }, 400, /Unknown label format "A4-99"/],
      [{ format: 'L7160', start: 0, docIds: ['cust0000001'] }, 400, /start must be a label position from 1 to 21/],
      [{ docIds: ['cust0000001', 'nope'] }, 404, /No document nope in crm/],
      [{ view: { db: 'crm', viewId: 'no-view' } }, 404, /No view no-view in database crm/],
      [{ view: { db: 'crm', viewId: 'customers-by-region', category: ['火星'] } }, 400, /no addresses to print/],
      [{}, 400, /Say what to print/],
    ];
    for (const [body, status, reason] of cases) {
      const response = await post(`${url}/api/print/labels`, body);
      assert.equal(response.status, status, JSON.stringify(body));
      assert.match(((await response.json()) as { reason: string }).reason, reason);
    }
    const list = await post(`${url}/api/print/list`, { kind: 'fax', docIds: ['cust0000001'] });
    assert.equal(list.status, 400);
  }));
});

describe('exchange routes over HTTP', () => {
  test('export a view as CSV and the contacts as vCard', () => withRoutes(async (url) => {
    const csv = await fetch(`${url}/api/export/crm/customers-by-name.csv?lang=en`);
    assert.equal(csv.status, 200);
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(csv.headers.get('content-disposition')!, /filename="customers-by-name\.csv"/);
    assert.match(await textWithBom(csv), /^\ufeffCustomer,Code,City,Owner\r\n/);
    const vcf = await fetch(`${url}/api/export/contacts.vcf`);
    assert.equal(vcf.headers.get('content-type'), 'text/vcard; charset=utf-8');
    assert.equal((await vcf.text()).match(/BEGIN:VCARD\r\nVERSION:4\.0/g)!.length, 30);
    assert.equal((await fetch(`${url}/api/export/crm/nope.csv`)).status, 404);
    assert.equal((await fetch(`${url}/api/export/mars/customers-by-name.csv`)).status, 404);
    assert.equal((await fetch(`${url}/api/export/crm/customers-by-name.csv?tz=Asia/Shanghai`)).status, 200);
    const badZone = await fetch(`${url}/api/export/crm/customers-by-name.csv?tz=Mars/Olympus`);
    assert.equal(badZone.status, 400);
    assert.match(((await badZone.json()) as { reason: string }).reason, /tz must be a time zone such as Asia\/Shanghai/);
  }));

  test('preview a GBK file sent as a form, then import it raw with a mapping and a policy', () => withRoutes(async (url, store) => {
    const text = '公司名称,联系人,手机,地区\n新客户甲,李雷,13700000001,华北\n新客户乙,韩梅梅,13700000002,华南\n';
    const before = (await store.database('crm').info()).docCount;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(iconv.encode(text, 'gbk'))]), '新客户.csv');
    const preview = await fetch(`${url}/api/import/preview`, { method: 'POST', body: form });
    assert.equal(preview.status, 200);
    const body = (await preview.json()) as { file: { name: string; encoding: string }; rowCount: number; columns: { target: string | null }[] };
    assert.deepEqual(body.file, { name: '新客户.csv', format: 'csv', encoding: 'gb18030', delimiter: ',' } as typeof body.file);
    assert.equal(body.rowCount, 2);
    assert.deepEqual(body.columns.map((c) => c.target), ['customer.name', 'contact.name', 'contact.mobile', 'customer.region']);
    assert.equal((await store.database('crm').info()).docCount, before, 'a preview saves nothing');

    const mapping = encodeURIComponent(JSON.stringify({ 地区: null }));
    const imported = await fetch(`${url}/api/import?filename=${encodeURIComponent('新客户.csv')}&policy=skip&mapping=${mapping}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: new Uint8Array(iconv.encode(text, 'gbk')) });
    assert.equal(imported.status, 200);
    const result = (await imported.json()) as { report: { imported: number; rejected: unknown[] } };
    assert.deepEqual([result.report.imported, result.report.rejected], [4, []]);
    const again = await fetch(`${url}/api/import?policy=skip`, { method: 'POST', headers: { 'x-filename': encodeURIComponent('新客户.csv') }, body: new Uint8Array(iconv.encode(text, 'gbk')) });
    const { report } = (await again.json()) as { report: { imported: number; skipped: number } };
    assert.deepEqual([report.imported, report.skipped], [0, 4]);
  }));

  test('bad uploads answer in the error shape', () => withRoutes(async (url) => {
    const cases: [string, RequestInit, number, RegExp][] = [
      ['/api/import?filename=a.csv&policy=replace', { body: 'a,b\n1,2\n' }, 400, /policy must be fill, overwrite or skip/],
      ['/api/import', { body: 'a,b\n1,2\n' }, 400, /with \?filename= or an X-Filename header/],
      ['/api/import/preview?filename=a.csv&mapping=%7Bnope', { body: 'a,b\n1,2\n' }, 400, /mapping is not valid JSON/],
      ['/api/import/preview?filename=a.xlsx', { body: 'a,b\n1,2\n' }, 400, /not an Excel \.xlsx workbook/],
    ];
    for (const [path, init, status, reason] of cases) {
      const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, ...init });
      assert.equal(response.status, status, path);
      assert.match(((await response.json()) as { reason: string }).reason, reason);
    }
  }));
});

describe('the complete export of deals over HTTP', () => {
  test('every deal with its order lines as CSV and Excel; the workbook posted back adds nothing; a wrong file or name is told', () => withRoutes(async (url, store) => {
    await seedDeals(store);
    const csv = await fetch(`${url}/api/export/records/deals.csv?lang=zh`);
    assert.equal(csv.headers.get('content-disposition')?.includes('deals.csv'), true);
    const before = await textWithBom(csv);
    assert.match(before, /^\ufeff业务：业务名称,/);
    assert.equal(before.match(/D2026-0007/g)?.length, 3, 'one row per order line');
    const xlsx = await fetch(`${url}/api/export/records/deals.xlsx?lang=en`);
    const posted = await fetch(`${url}/api/import/deals?filename=deals.xlsx`, { method: 'POST', body: new Uint8Array(await xlsx.arrayBuffer()) });
    assert.equal(posted.status, 200, await posted.clone().text());
    const report = (await posted.json()) as { imported: number; skipped: unknown[]; rejected: unknown[] };
    assert.deepEqual([report.imported, report.skipped.length, report.rejected], [0, 5, []]);
    assert.equal(await textWithBom(await fetch(`${url}/api/export/records/deals.csv?lang=zh`)), before);

    const customers = await fetch(`${url}/api/export/records/customers.csv`);
    const wrong = await fetch(`${url}/api/import/deals?filename=customers.csv`, { method: 'POST', body: new Uint8Array(await customers.arrayBuffer()) });
    assert.equal(wrong.status, 400);
    assert.match(((await wrong.json()) as { reason: string }).reason, /not a deals' export/);
    assert.equal((await fetch(`${url}/api/export/records/orders.csv`)).status, 404);
  }));
});

/** Li Lei of [Sales], signed in, with this level in every database. */
function liLei(level: AccessLevel): WhoIsAsking {
  const access: Access = { user: 'Li Lei', level, names: new Set(['Li Lei', '[Sales]']), roles: ['[Sales]'], canCreate: level !== 'reader', canDelete: false };
  return () => ({ user: { name: 'Li Lei', roles: ['[Sales]'] }, access });
}

describe('the routes for a signed-in user', () => {
  /** A customer only managers may read, and one Li Lei may read but did not write. */
  async function seedAccess(store: Store): Promise<void> {
    const crm = store.database('crm');
    await crm.save({ _id: 'secret', form: 'Customer', name: '机密客户有限公司', postcode: '100000', readers: ['[Managers]'] }, saveContext(undefined, 'Boss'));
    await crm.save({ _id: 'wangs', form: 'Customer', name: '王芳的客户', postcode: '200000' }, saveContext(undefined, 'Wang Fang'));
  }

  test('print and export only what they may read; a document they may not read is one that does not exist', () => withRoutes(async (url, store) => {
    await seedAccess(store);
    const hidden = await post(`${url}/api/print/labels`, { docIds: ['cust0000001', 'secret'] });
    assert.equal(hidden.status, 404);
    assert.match(((await hidden.json()) as { reason: string }).reason, /^crm 中没有文档 secret · No document secret in crm$/);
    const labels = await pdfOf(await post(`${url}/api/print/labels`, { view: { db: 'crm', viewId: 'customers-by-name' } }));
    assert.ok(labels.includes('王芳的客户') && !labels.includes('机密客户'));
    const csv = await (await fetch(`${url}/api/export/crm/customers-by-name.csv`)).text();
    assert.ok(csv.includes('王芳的客户') && !csv.includes('机密客户'));
  }, liLei('author')));

  test('import what they may write: a customer they cannot read is no duplicate, one they did not write is not theirs to merge into', () => withRoutes(async (url, store) => {
    await seedAccess(store);
    const csv = '客户名称,城市\n机密客户有限公司,北京\n王芳的客户,上海\n';
    const response = await fetch(`${url}/api/import?filename=a.csv`, { method: 'POST', body: csv });
    const { report } = (await response.json()) as { report: { imported: number; rejected: { row: number; reason: string }[] } };
    assert.equal(report.imported, 1);
    assert.deepEqual(report.rejected, [{ row: 3, reason: '客户资料 · Customer: You may not edit this document' }]);
    assert.equal((await store.database('crm').get('secret')).city, undefined);
  }, liLei('author')));

  test('a reader imports nothing, and is told why', () => withRoutes(async (url) => {
    const response = await fetch(`${url}/api/import?filename=a.csv`, { method: 'POST', body: '客户名称\n新客户\n' });
    const { report } = (await response.json()) as { report: { imported: number; rejected: { reason: string }[] } };
    assert.equal(report.imported, 0);
    assert.deepEqual(report.rejected.map((r) => r.reason), ['客户资料 · Customer: You may not create documents in this database']);
  }, liLei('reader')));
});
