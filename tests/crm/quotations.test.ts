import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { SERVER_USER } from '../../design/user.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { claimNumbersHeld } from '../../server/crm/claim-numbers-held.js';
import { quotationMailId } from '../../server/crm/send-quotation.js';
import { couchServer } from '../helpers/couch-server.js';
import { SEED_CTX, seedDirectory } from '../helpers/directory-seed.js';
import { SessionClient } from '../helpers/session-client.js';
import { pdfText } from '../print/pdf-tools.js';
import { tempDir, testConfig } from '../server/fixtures.js';
import { LETTERHEAD } from './letterhead-fixture.js';

const PASSWORD = 'correct horse battery';
const as = (name: string) => ({ user: { name, roles: [] }, now: '2026-03-04T09:00:00.000Z' });

// On both engines: numbering and sending rest on creations made once (ServerDocs.create), which each engine must honour.
for (const engine of ['embedded', 'couchdb'] as const) describe(`quotations and proforma invoices (${engine}): numbered, rendered as PDF, queued as mail and recorded on the deal`, () => {
  let running: RunningServer;
  let cleanup: () => Promise<void>;
  let wang: SessionClient;
  let li: SessionClient;
  let zhou: SessionClient;
  before(async () => {
    const temp = await tempDir('quotations');
    cleanup = temp.cleanup;
    const dataDir = join(temp.dir, 'data');
    // No mail gateway: what is checked here is what is queued; tests/e2e/quotations.test.ts sends it over SMTP.
    const couch = engine === 'couchdb' ? { COUCHDB_URL: (await couchServer()).url, COUCHDB_PREFIX: `quote${process.pid}-` } : {};
    running = await startServer(testConfig(dataDir, { MAIL_GATEWAY: 'false', ...couch }), { logger: createLogger('silent'), now: () => Date.parse('2026-03-04T09:00:00.000Z') });
    await seedDirectory(running.store, running.directory, [
      { name: '王芳', password: PASSWORD, access: { crm: 'author' } },
      { name: '李雷', password: PASSWORD, access: { crm: 'author' } },
      // The sales director: approves discounts above the allowed one.
      { name: '周经理', password: PASSWORD, roles: ['[Manager]'], access: { crm: 'author' } },
    ]);
    // An account that could send (nothing is sent: no mail gateway runs here).
    await running.store.database('names').save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', smtpHost: '127.0.0.1', smtpPort: 25, smtpTls: false }, SEED_CTX);
    const crm = running.store.database('crm');
    await crm.save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', ...LETTERHEAD, allowedDiscountPercent: 10 }, { user: SERVER_USER, now: '2026-03-01T00:00:00.000Z' });
    await crm.save({ _id: 'c-nord', form: 'Customer', name: '汉堡北方阀门有限公司', owner: ['王芳'] }, as('王芳'));
    await crm.save({ _id: 'd-valves', form: 'Deal', name: '球阀 DN50 订单', customerId: 'c-nord', customerName: '汉堡北方阀门有限公司', owner: ['王芳'], currency: 'USD',
      orderLines: [{ product: '不锈钢球阀 DN50', model: 'BV-50', quantity: 200, price: 12.5 }] }, as('王芳'));
    wang = new SessionClient(running.url);
    li = new SessionClient(running.url);
    zhou = new SessionClient(running.url);
    assert.equal((await wang.signIn('王芳', PASSWORD)).status, 200);
    assert.equal((await li.signIn('李雷', PASSWORD)).status, 200);
    assert.equal((await zhou.signIn('周经理', PASSWORD)).status, 200);
  });
  after(async () => {
    await running.close();
    await cleanup();
  });
  const crm = () => running.store.database('crm');

  async function draft(id: string, values: Doc = {}): Promise<void> {
    await crm().save({
      _id: id, form: 'Quotation', kind: 'quotation', language: 'en', dealId: 'd-valves', dealName: '球阀 DN50 订单', customerId: 'c-nord', customerName: '汉堡北方阀门有限公司',
      owner: ['王芳'], contactName: 'Hans Müller', to: 'hans@nordwerk.de', currency: 'USD', incoterm: 'FOB', place: 'Ningbo', paymentTerms: '30% T/T in advance, 70% against B/L copy',
      validUntil: '2026-04-03', lines: [{ product: 'Stainless ball valve DN50', model: 'BV-50', quantity: 200, price: 12.5 }], ...values,
    }, as('王芳'));
  }

  test('an English quotation is numbered Q2026-0001, mailed with its PDF (letterhead, lines, terms, bank details) and recorded on the deal', async () => {
    await draft('q-en', { discountPercent: 4 });
    const answer = await wang.request('POST', '/api/crm/quotations/q-en/send', {});
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const sent = await crm().get('q-en');
    assert.deepEqual([sent.status, sent.number, sent.sentBy, sent.sentTo], ['sent', 'Q2026-0001', '王芳', ['hans@nordwerk.de']]);
    const mail = await crm().get(quotationMailId('q-en'));
    assert.deepEqual([mail.status, mail.to, mail.subject, mail.customerId], ['queued', ['hans@nordwerk.de'], 'Quotation Q2026-0001 – 球阀 DN50 订单', 'c-nord']);
    assert.match(String(mail.body), /^Dear Hans Müller,/);
    const pdf = new Uint8Array(await crm().pouch.getAttachment(mail._id, 'Quotation Q2026-0001.pdf') as Buffer);
    const text = await pdfText(pdf);
    for (const expected of ['Ningbo Guanxi Trading Co., Ltd.', '宁波关系贸易有限公司', 'QUOTATION', 'Q2026-0001', '汉堡北方阀门有限公司', 'Hans Müller', 'Stainless ball valve DN50', 'BV-50',
      '2,500.00', 'Discount 4%', '- USD 100.00', 'USD 2,400.00', 'FOB Ningbo', '30% T/T in advance, 70% against B/L copy', '2026-04-03', 'SWIFT: BKCHCNBJ92A']) {
      assert.ok(text.toUpperCase().includes(expected.toUpperCase()), `${expected} in\n${text}`);
    }
    const deal = await crm().get('d-valves');
    assert.deepEqual((deal.sentDocuments as Doc[]).map((e) => [e.kind, e.number, e.by, e.to, e.mailId]), [['quotation', 'Q2026-0001', '王芳', 'hans@nordwerk.de', mail._id]]);

    const again = await wang.request('POST', '/api/crm/quotations/q-en/send', {});
    assert.equal(again.status, 409, 'sent once');
    assert.equal(((await crm().get('d-valves')).sentDocuments as Doc[]).length, 1, 'recorded once');
  });

  test('a Chinese proforma invoice has its own series and says everything in Chinese', async () => {
    await draft('pi-zh', { kind: 'proforma', language: 'zh', contactName: '张伟', to: 'zhang.wei@nordwerk.de', lines: [{ product: '不锈钢球阀 DN50', model: 'BV-50', quantity: 10, price: 1000 }], paymentTerms: '前 T/T 30%，见提单复印件付余款' });
    const answer = await wang.request('POST', '/api/crm/quotations/pi-zh/send', { message: '张经理您好，附件是形式发票。' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal((await crm().get('pi-zh')).number, 'PI2026-0001');
    const mail = await crm().get(quotationMailId('pi-zh'));
    assert.deepEqual([mail.subject, mail.body], ['形式发票 PI2026-0001 – 球阀 DN50 订单', '张经理您好，附件是形式发票。']);
    const text = await pdfText(new Uint8Array(await crm().pouch.getAttachment(mail._id, 'Proforma invoice PI2026-0001.pdf') as Buffer));
    for (const expected of ['形式发票', '编号', 'PI2026-0001', '张伟', '不锈钢球阀 DN50', '10,000.00', '总计', 'USD 10,000.00', '付款方式', '前 T/T 30%，见提单复印件付余款', '银行资料']) {
      assert.ok(text.includes(expected), `${expected} in\n${text}`);
    }
  });

  test('a discount above the allowed one is not sent until approved; nothing is numbered or queued', async () => {
    await draft('q-15', { discountPercent: 15 });
    const answer = await wang.request('POST', '/api/crm/quotations/q-15/send', {});
    assert.equal(answer.status, 403);
    assert.match(JSON.stringify(answer.body), /折扣 15% 超过无需审批的 10%/);
    assert.match(JSON.stringify(answer.body), /A discount of 15% is above the 10% allowed without approval/);
    const stored = await crm().get('q-15');
    assert.deepEqual([stored.status, stored.number], ['draft', undefined]);
    assert.equal(await crm().find(quotationMailId('q-15')), null);
  });

  test('a quotation with a 15% discount waits for the sales director: refused while waiting or returned, sent with its PDF once approved', async () => {
    // Its salesperson's alone until it is submitted: the route makes its approver a reader.
    await draft('q-approve', { discountPercent: 15, readers: ['王芳'], authors: ['王芳'] });
    const step = (who: SessionClient, body: object) => who.request('POST', '/api/approvals/crm/q-approve/actions', body);
    const send = () => wang.request('POST', '/api/crm/quotations/q-approve/send', {});
    const refusedSend = async (reason: RegExp) => {
      const answer = await send();
      assert.equal(answer.status, 403, JSON.stringify(answer.body));
      assert.match(JSON.stringify(answer.body), reason);
    };
    assert.equal((await step(zhou, { action: 'approve' })).status, 404, 'the director does not see a draft he is not asked about');
    await refusedSend(/A discount of 15% is above the 10% allowed without approval/);

    const submitted = await step(wang, { action: 'submit', note: '老客户，批量订单' });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    assert.deepEqual([submitted.body!.approvalStatus, submitted.body!.waitingFor, submitted.body!.modifiedBy], ['pending', ['周经理'], 'Guanxi Server']);
    assert.ok((submitted.body!.readers as string[]).includes('周经理'), 'the approver reads it');
    await refusedSend(/正在审批中：批准后才能发送/);
    await assert.rejects(crm().save({ ...(await crm().get('q-approve')), discountPercent: 20 }, as('王芳')), /submitted for approval cannot be changed/);

    assert.equal((await step(zhou, { action: 'return', note: '折扣最多 12%' })).body?.approvalStatus, 'returned');
    await refusedSend(/A discount of 15% is above the 10% allowed without approval/);
    assert.equal((await step(wang, { action: 'submit', note: '客户坚持 15%' })).body?.approvalStatus, 'pending');
    const approved = await step(zhou, { action: 'approve', note: '同意' });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.deepEqual((approved.body!.approvalHistory as Doc[]).map((h) => [h.action, h.by]),
      [['submit', '王芳'], ['return', '周经理'], ['submit', '王芳'], ['approve', '周经理']]);

    const sent = await send();
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.deepEqual([sent.body!.status, sent.body!.approvalStatus], ['sent', 'approved']);
    const mail = await crm().get(quotationMailId('q-approve'));
    const text = await pdfText(new Uint8Array(await crm().pouch.getAttachment(mail._id, `Quotation ${String(sent.body!.number)}.pdf`) as Buffer));
    for (const expected of [String(sent.body!.number), 'Discount 15%', '- USD 375.00', 'USD 2,125.00']) assert.ok(text.includes(expected), `${expected} in\n${text}`);
    // Sent, it stays as it went: no step on it, no change to it.
    assert.match(JSON.stringify((await step(wang, { action: 'submit' })).body), /Only a draft or a returned document can be submitted/);
    await assert.rejects(crm().save({ ...(await crm().get('q-approve')), notes: 'changed' }, as('王芳')), /cannot be changed/);
  });

  test('a quotation within the allowed discount is not submitted, and a rejected one is never sent', async () => {
    await draft('q-small', { discountPercent: 10 });
    const small = await wang.request('POST', '/api/approvals/crm/q-small/actions', { action: 'submit' });
    assert.equal(small.status, 403);
    assert.match(JSON.stringify(small.body), /这份文档无需审批/);
    assert.equal((await crm().get('q-small')).approvalStatus, 'draft');

    await draft('q-reject', { discountPercent: 30 });
    assert.equal((await wang.request('POST', '/api/approvals/crm/q-reject/actions', { action: 'submit' })).status, 200);
    assert.equal((await zhou.request('POST', '/api/approvals/crm/q-reject/actions', { action: 'reject', note: '低于成本' })).status, 200);
    const answer = await wang.request('POST', '/api/crm/quotations/q-reject/send', {});
    assert.equal(answer.status, 403);
    assert.match(JSON.stringify(answer.body), /Its approval was rejected/);
    assert.equal(await crm().find(quotationMailId('q-reject')), null);
  });

  test('every bad request is refused with a reason in both languages, and nothing is sent', async () => {
    await draft('q-bad', { to: undefined });
    await draft('q-empty', { lines: undefined });
    const cases: [SessionClient, string, unknown, number, RegExp][] = [
      [wang, 'q-bad', {}, 400, /请填写收件邮箱/],
      [wang, 'q-bad', { to: 'not an address' }, 400, /不是电子邮件地址/],
      [wang, 'q-bad', { to: 42 }, 400, /to must be text/],
      [wang, 'q-bad', { to: 'a@b.cn', message: 7 }, 400, /message must be text/],
      [wang, 'q-empty', {}, 400, /没有明细/],
      [wang, 'nope', {}, 404, /No such quotation/],
      // 李雷 does not read 王芳's quotation: as if it did not exist.
      [li, 'q-bad', { to: 'a@b.cn' }, 404, /No such quotation/],
    ];
    for (const [client, id, body, status, reason] of cases) {
      const answer = await client.request('POST', `/api/crm/quotations/${id}/send`, body);
      assert.equal(answer.status, status, `${id} ${JSON.stringify(body)}: ${JSON.stringify(answer.body)}`);
      assert.match(JSON.stringify(answer.body), reason);
    }
    const bad = await wang.request('POST', '/api/crm/quotations/q-bad/send', '{"to":', { 'content-type': 'application/json' });
    assert.equal(bad.status, 400, 'malformed JSON');
    assert.equal((await crm().get('q-bad')).status, 'draft');
    assert.equal(await crm().find(quotationMailId('q-bad')), null);
  });

  test('a person cannot mark a quotation sent, give it a number, change it once sent, or rewrite what the deal records as sent', async () => {
    await assert.rejects(crm().save({ ...(await crm().get('q-15')), status: 'sent' }, as('王芳')), /The server marks it sent/);
    await assert.rejects(crm().save({ ...(await crm().get('q-15')), number: 'Q9' }, as('王芳')), /written by the server/);
    await assert.rejects(crm().save({ ...(await crm().get('q-en')), notes: 'changed' }, as('王芳')), /cannot be changed/);
    await assert.rejects(crm().save({ ...(await crm().get('d-valves')), sentDocuments: [] }, as('王芳')), /recorded by the server/);
  });

  test('the PDF of a draft is shown to who may read it, marked as not numbered', async () => {
    const answer = await fetch(`${running.url}/api/crm/quotations/q-15/pdf`, { headers: { cookie: wang.cookie! } });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'application/pdf');
    assert.match(await pdfText(new Uint8Array(await answer.arrayBuffer())), /DRAFT \(not numbered\)/);
    assert.equal((await fetch(`${running.url}/api/crm/quotations/q-15/pdf`, { headers: { cookie: li.cookie! } })).status, 404);
  });

  test('two sends of one quotation at once queue one mail, take one number and record it once', async () => {
    await draft('q-race');
    const answers = await Promise.all([wang.request('POST', '/api/crm/quotations/q-race/send', {}), wang.request('POST', '/api/crm/quotations/q-race/send', {})]);
    // The second answers 409 when the first had marked it sent, else 200 for the same mail.
    assert.ok(answers.every((a) => a.status === 200 || a.status === 409) && answers.some((a) => a.status === 200), JSON.stringify(answers.map((a) => a.body)));
    assert.ok(await crm().find(quotationMailId('q-race')));
    const deal = await crm().get('d-valves');
    const numbers = (deal.sentDocuments as Doc[]).filter((e) => e.mailId === quotationMailId('q-race')).map((e) => e.number);
    assert.equal(numbers.length, 1);
    assert.equal(numbers[0], (await crm().get('q-race')).number);
  });

  test('after a restore the series goes on after the greatest number the quotations hold', async () => {
    await crm().save({ _id: 'q-restored', form: 'Quotation', kind: 'quotation', status: 'sent', number: 'Q2026-0041', dealId: 'd-valves', customerId: 'c-nord', owner: ['王芳'], language: 'en', currency: 'USD', incoterm: 'FOB' },
      { user: SERVER_USER, now: '2026-03-04T09:00:00.000Z' });
    await claimNumbersHeld(running.store);
    await draft('q-after');
    assert.equal((await wang.request('POST', '/api/crm/quotations/q-after/send', {})).status, 200);
    assert.equal((await crm().get('q-after')).number, 'Q2026-0042');
  });

  test('a send interrupted after its mail was queued is completed by the next one, with that same mail', async () => {
    await draft('q-int');
    // As a server that stopped after queuing the mail would leave it: the mail there, the quotation still a draft.
    await crm().save({ _id: quotationMailId('q-int'), form: 'MailMessage', direction: 'out', status: 'queued', to: ['hans@nordwerk.de'], subject: 'Quotation Q2026-0099', body: 'first attempt', owner: ['王芳'] }, { user: SERVER_USER, now: '2026-03-04T09:00:00.000Z' });
    const answer = await wang.request('POST', '/api/crm/quotations/q-int/send', {});
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal((await crm().get('q-int')).status, 'sent');
    assert.equal((await crm().get(quotationMailId('q-int'))).body, 'first attempt', 'not queued again');
    assert.equal(((await crm().get('d-valves')).sentDocuments as Doc[]).filter((e) => e.mailId === quotationMailId('q-int')).length, 1);
  });
});
