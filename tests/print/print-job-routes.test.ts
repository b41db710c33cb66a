import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PrintJobStatus } from '../../server/print/print-jobs.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { SessionClient } from '../helpers/session-client.js';
import { withServer } from '../server/fixtures.js';
import { seedCrm } from './crm-fixture.js';
import { pdfText } from './pdf-tools.js';
import { compact } from './sample-addresses.js';

const PASSWORD = 'correct horse battery';

describe('print jobs over HTTP, behind sign-in', () => {
  test('a job prints a view, reports how far it got, hands its file to its owner alone', () => withServer(async ({ url, store, directory }) => {
    await seedDirectory(store, directory, [{ name: '王芳', password: PASSWORD, access: { crm: 'reader' } }, { name: 'Bob', password: PASSWORD, access: { crm: 'reader' } }]);
    const { customers } = await seedCrm(store, 30);
    const wang = new SessionClient(url);
    const bob = new SessionClient(url);
    assert.equal((await wang.signIn('王芳', PASSWORD)).status, 200);
    assert.equal((await bob.signIn('Bob', PASSWORD)).status, 200);

    const started = await wang.request('POST', '/api/print/jobs', { job: 'labels', format: 'L7163', start: 2, view: { db: 'crm', viewId: 'customers-by-name' } });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    const id = String(started.body!.id);
    const done = await expectEventually(async () => {
      const answer = await wang.request('GET', `/api/print/jobs/${id}`);
      const status = answer.body as unknown as PrintJobStatus;
      assert.equal(status.state, 'done');
      return status;
    }, { timeoutMs: 20_000, intervalMs: 50 });
    assert.deepEqual([done.done, done.total, done.filename], [30, 30, 'labels-L7163.pdf']);

    assert.equal((await bob.request('GET', `/api/print/jobs/${id}`)).status, 404, "another person's job is no job to them");
    assert.equal((await fetch(`${url}/api/print/jobs/${id}/file`, { headers: { cookie: bob.cookie! } })).status, 404);
    assert.equal((await fetch(`${url}/api/print/jobs/${id}`)).status, 401);

    const file = await fetch(`${url}/api/print/jobs/${id}/file`, { headers: { cookie: wang.cookie! } });
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'application/pdf');
    assert.deepEqual([file.headers.get('content-disposition'), file.headers.get('content-security-policy'), file.headers.get('x-content-type-options')],
      ['inline; filename="labels-L7163.pdf"', 'sandbox', 'nosniff']);
    assert.equal(Number(file.headers.get('content-length')), done.size);
    const text = compact(await pdfText(new Uint8Array(await file.arrayBuffer())));
    for (const customer of customers) assert.ok(text.includes(compact(String(customer.name))), `${String(customer.name)} is on a label`);

    assert.equal((await wang.request('DELETE', `/api/print/jobs/${id}`)).status, 200);
    assert.equal((await wang.request('GET', `/api/print/jobs/${id}`)).status, 404, 'a finished job cancelled is forgotten');
  }));

  test('a list job as CSV; mistakes are answered at once, not by a failed job', () => withServer(async ({ url, store, directory }) => {
    await seedDirectory(store, directory, [{ name: 'Alice', password: PASSWORD, access: { crm: 'reader' } }]);
    await seedCrm(store, 4);
    const alice = new SessionClient(url);
    await alice.signIn('Alice', PASSWORD);
    const started = await alice.request('POST', '/api/print/jobs', { job: 'list', kind: 'phone', format: 'csv', lang: 'en', docIds: ['cust0000001', 'contact000000'] });
    assert.equal(started.status, 202);
    await expectEventually(async () => assert.equal((await alice.request('GET', `/api/print/jobs/${String(started.body!.id)}`)).body!.state, 'done'), { timeoutMs: 10_000, intervalMs: 50 });
    const csv = await fetch(`${url}/api/print/jobs/${String(started.body!.id)}/file`, { headers: { cookie: alice.cookie! } });
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(csv.headers.get('content-disposition')!, /^attachment; filename="/);
    assert.match(await csv.text(), /^Customer,Contact,Department,Country,Phone,Mobile,Fax,E-mail\r\n/);

    const cases: [unknown, number, RegExp][] = [
      [{ job: 'fax', docIds: ['cust0000001'] }, 400, /job must be "labels" or "list"/],
      [{ job: 'labels', format: 'A4-99', docIds: ['cust0000001'] }, 400, /Unknown label format/],
      [{ job: 'labels', format: { pageWidth: 210, pageHeight: 297, marginTop: 0, marginBottom: 0, marginLeft: 0, marginRight: 0, columns: 30, rows: 30 }, docIds: ['cust0000001'] }, 400, /^自定义标签纸：每张最多 400 个标签，现为 900 个 · Custom label format: at most 400 labels a sheet/],
      [{ job: 'labels' }, 400, /Say what to print/],
      [{ job: 'list', kind: 'address', format: 'xls', docIds: ['cust0000001'] }, 400, /format must be "pdf" or "csv"/],
    ];
    for (const [body, status, reason] of cases) {
      const answer = await alice.request('POST', '/api/print/jobs', body);
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.match(String(answer.body!.reason), reason);
    }
    const missing = await alice.request('POST', '/api/print/jobs', { job: 'labels', docIds: ['cust0000001', 'nope'] });
    const failed = await expectEventually(async () => {
      const { body } = await alice.request('GET', `/api/print/jobs/${String(missing.body!.id)}`);
      assert.equal(body!.state, 'failed');
      return body as unknown as PrintJobStatus;
    }, { timeoutMs: 10_000, intervalMs: 50 });
    assert.equal(failed.error?.error, 'not_found');
    assert.match(failed.error!.reason, /No document nope in crm/);
    assert.equal((await alice.request('GET', `/api/print/jobs/${String(missing.body!.id)}/file`)).status, 409);
    assert.equal((await alice.request('DELETE', '/api/print/jobs/no-such-job')).status, 404);
  }));
});
