import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import type { Doc } from '../../design/form.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { paymentReminderBatch } from '../../server/crm/payment-reminders.js';
import { createLogger } from '../../server/log.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { configureSmtpAccount } from '../helpers/smtp-account.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { LETTERHEAD } from '../crm/letterhead-fixture.js';
import { pdfText } from '../print/pdf-tools.js';
import { approvalStep } from './approval-step.js';
import { addRow, fill, openRow, screenshot, signIn, waitForStatus, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const wang = { name: '王芳', roles: [] };

async function mailsTo(sink: SmtpSink, address: string): Promise<ParsedMail[]> {
  return Promise.all(sink.received.filter((m) => m.to.includes(address)).map((m) => simpleParser(m.raw)));
}

/** The text of the one PDF attached to the one mail with a PDF this address received (payment reminders have none). */
async function attachedPdfText(sink: SmtpSink, address: string): Promise<{ mail: ParsedMail; text: string }> {
  const [mail, ...more] = await expectEventually(async () => {
    const mails = (await mailsTo(sink, address)).filter((m) => m.attachments.some((a) => a.contentType === 'application/pdf'));
    assert.ok(mails.length > 0, `no PDF sent to ${address} yet`);
    return mails;
  }, { timeoutMs: 30_000 });
  assert.equal(more.length, 0, 'sent once');
  const pdfs = mail!.attachments.filter((a) => a.contentType === 'application/pdf');
  assert.equal(pdfs.length, 1);
  return { mail: mail!, text: await pdfText(new Uint8Array(pdfs[0]!.content)) };
}

/** Clicks an action of the open document, answering the confirm or prompt it asks when `answer` is given. */
async function act(page: Page, label: RegExp, answer?: string): Promise<void> {
  if (answer !== undefined) page.once('dialog', (dialog) => void dialog.accept(answer));
  await page.locator('gx-document-pane gx-action-bar button', { hasText: label }).click();
}

async function toast(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.toast', { hasText: text }).waitFor({ timeout: 20_000 });
}

describe('quotations, proforma invoices and payment reminders in Chromium, mailed through a real SMTP server', () => {
  let world: WorkstationWorld;
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
    world = await workstationWorld([{ name: '王芳', access: { crm: 'author', library: 'reader' } }, { name: '周经理', roles: ['[Manager]'], access: { crm: 'author', office: 'author' } }], {
      env: { SCHEDULER_CRON: '* * * * * *' },
      beforeStart: (dataDir) => configureSmtpAccount(dataDir, sink, '宁波关系贸易 销售部'),
    });
    // A request in the office database also waits for the director: his list of what waits holds both.
    await world.running.store.database('office').save({ _id: 'req-fair', form: 'Request', subject: '汉诺威展会展位申请', category: '其他', body: '2027年汉诺威工业博览会展位', approvers: ['周经理'], order: 'sequence',
      approvalStatus: 'pending', waitingFor: ['周经理'], submittedAt: '2026-03-01T08:00:00.000Z', stage: 0,
      route: [{ label: { zh: '审批', en: 'Approval' }, approvers: ['周经理'], decide: 'any', approved: [] }] }, SEED_CTX);
    const crm = world.running.store.database('crm');
    await crm.save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', ...LETTERHEAD, allowedDiscountPercent: 10, paymentReminderWeekday: '1' }, SEED_CTX);
    await crm.saveMany([
      { _id: 'c-nord', form: 'Customer', name: '汉堡北方阀门有限公司', owner: ['王芳'] },
      { _id: 'p-hans', form: 'Contact', name: 'Hans Müller', customerId: 'c-nord', customerName: '汉堡北方阀门有限公司', emails: ['hans@nordwerk.de'], language: 'en' },
      { _id: 'd-valves', form: 'Deal', name: '球阀 DN50 订单', customerId: 'c-nord', customerName: '汉堡北方阀门有限公司', owner: ['王芳'], currency: 'USD' },
      // Its own deal with its order lines, so that the proforma test does not rest on the order lines test.
      { _id: 'd-annual', form: 'Deal', name: '年度球阀订单', customerId: 'c-nord', customerName: '汉堡北方阀门有限公司', owner: ['王芳'], currency: 'USD',
        orderLines: [{ productId: 'prod-bv', product: '不锈钢球阀 DN50', model: 'BV-50-316', quantity: 200, price: 12.5, currency: 'USD' }] },
      { _id: 'c-hx', form: 'Customer', name: '宏兴贸易', owner: ['王芳'] },
      { _id: 'p-zhang', form: 'Contact', name: '张伟', customerId: 'c-hx', customerName: '宏兴贸易', emails: ['zhang@hongxing.cn'], language: 'zh' },
      // Overdue (the weekly batch reminds each once), not yet due, and paid.
      { _id: 'd-late-en', form: 'Deal', name: 'Gate valves', customerId: 'c-nord', customerName: '汉堡北方阀门有限公司', owner: ['王芳'], status: 'won', currency: 'EUR', payments: [{ due: '2026-01-15', amount: 5000, received: 1000 }] },
      { _id: 'd-late-zh', form: 'Deal', name: '蝶阀订单', customerId: 'c-hx', customerName: '宏兴贸易', owner: ['王芳'], status: 'won', currency: 'CNY', payments: [{ due: '2026-02-01', amount: 80000 }] },
      { _id: 'd-future', form: 'Deal', name: '明年的订单', customerId: 'c-hx', customerName: '宏兴贸易', owner: ['王芳'], status: 'won', currency: 'CNY', payments: [{ due: '2099-01-01', amount: 100 }] },
    ], { ...SEED_CTX, user: wang });
    await world.running.store.database('library').saveMany([
      { _id: 'prod-bv', form: 'Product', name: '不锈钢球阀 DN50', code: 'BV50', model: 'BV-50-316', price: 12.5, currency: 'USD' },
      { _id: 'prod-gv', form: 'Product', name: '黄铜闸阀 DN25', code: 'GV25', model: 'GV-25', price: 7.8, currency: 'EUR' },
      { _id: 'prod-bk', form: 'Product', name: '不锈钢法兰 DN50', code: 'FL50', model: 'FL-50', price: 3.2, currency: 'USD' },
    ], SEED_CTX);
  });
  after(async () => {
    await world.close();
    await sink.stop();
  });

  test('zh: order lines from the product library by pinyin, a quotation made from them, sent as a PDF mail and recorded on the deal', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openRow(page, 'deals-by-status', '球阀 DN50 订单');
    const pane = page.locator('gx-document-pane');
    // Edited once the server has numbered it: an edit of the unnumbered revision would conflict with the numbering one.
    await pane.locator('gx-field[name="number"] .value', { hasText: 'D2026-' }).waitFor();
    await pane.locator('button[data-action="edit"]').click();
    await addRow(page, 'orderLines', {});
    const picker = pane.locator('gx-field[name="orderLines"] tbody tr').last().locator('gx-link-picker').getByRole('combobox');
    await picker.fill('bxg');
    // 不锈钢… by pinyin initials: the ball valve and the flange; the brass valve is not offered.
    const options = pane.locator('gx-field[name="orderLines"] gx-link-picker li[role="option"]');
    await expectEventually(async () => assert.deepEqual((await options.allTextContents()).map((o) => o.trim().split(/\s/)[0]), ['不锈钢法兰', '不锈钢球阀']));
    await picker.fill('bxgqf');
    await options.first().click();
    const row = pane.locator('gx-field[name="orderLines"] tbody tr').last();
    // The picker reads the product from the replica before it fills the row.
    await expectEventually(async () => assert.equal(await row.locator('[name="product"]').inputValue(), '不锈钢球阀 DN50'));
    assert.equal(await row.locator('[name="model"]').inputValue(), 'BV-50-316');
    assert.equal(await row.locator('[name="price"]').inputValue(), '12.5');
    assert.equal(await row.locator('[name="currency"]').inputValue(), 'USD');
    await row.locator('[name="quantity"]').fill('200');
    // A product priced in euros in a deal in dollars is refused at its cell, with what to do.
    await addRow(page, 'orderLines', { quantity: '10' });
    await pane.locator('gx-field[name="orderLines"] tbody tr').last().locator('gx-link-picker').getByRole('combobox').fill('htzf');
    await expectEventually(async () => assert.match(await options.first().textContent() ?? '', /黄铜闸阀/));
    await options.first().click();
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('gx-field[name="orderLines"] .error', { hasText: '单价是 EUR，业务币种是 USD' }).waitFor();
    await pane.locator('gx-field[name="orderLines"] tbody tr').last().locator('button.remove').click();
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();
    await screenshot(page, 'zh-deal-order-lines');

    await act(page, /新建报价单/);
    await pane.locator('gx-field[name="lines"] tbody tr').first().waitFor();
    assert.equal(await pane.locator('gx-field[name="lines"] tbody tr [name="product"]').first().inputValue(), '不锈钢球阀 DN50');
    await fill(page, { to: 'hans@nordwerk.de', language: 'zh', place: '宁波', paymentTerms: '预付 30%，见提单复印件付余款', validUntil: '2099-04-30', discountPercent: '5' });
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();
    await waitForStatus(page, 'pending', '0');
    await act(page, /邮件发送/, '');
    await toast(page, '已连同 PDF 排队发送');

    const { mail, text } = await attachedPdfText(sink, 'hans@nordwerk.de');
    assert.equal(mail.subject, '报价单 Q2026-0001 – 球阀 DN50 订单');
    for (const expected of ['宁波关系贸易有限公司', '报价单', 'Q2026-0001', '汉堡北方阀门有限公司', '不锈钢球阀 DN50', 'BV-50-316', '2,500.00', '折扣 5%', 'USD 2,375.00', 'FOB 宁波', '预付 30%，见提单复印件付余款', '2099-04-30', 'SWIFT: BKCHCNBJ92A']) {
      assert.ok(text.includes(expected), `${expected} in the PDF:\n${text}`);
    }
    // Recorded on the deal, which the workstation shows once it has replicated.
    await openRow(page, 'deals-by-status', '球阀 DN50 订单');
    await pane.locator('gx-field[name="sentDocuments"]', { hasText: 'Q2026-0001' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'zh-deal-quotation-sent');
    assertNoCspViolations();
  });

  test('en: a proforma invoice with a 15% discount is not sent until the sales director approves it, then it is mailed in English', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'en' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openRow(page, 'deals-by-status', '年度球阀订单');
    const pane = page.locator('gx-document-pane');
    await act(page, /New proforma invoice/);
    await pane.locator('gx-field[name="lines"] tbody tr').first().waitFor();
    await fill(page, { to: 'buyer@nordwerk.de', language: 'en', incoterm: 'CIF', place: 'Hamburg', paymentTerms: '100% T/T before shipment', discountPercent: '15' });
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();
    await waitForStatus(page, 'pending', '0');
    await act(page, /Send by mail/, '');
    await toast(page, 'A discount of 15% is above the 10% allowed without approval');
    assert.equal((await mailsTo(sink, 'buyer@nordwerk.de')).length, 0);

    await approvalStep(page, 'submit', 'Long-standing customer, 2,000 pieces next year', /Awaiting approval/);
    await act(page, /Send by mail/, '');
    await toast(page, 'It is awaiting approval: it can be sent once approved');
    const [proforma] = await expectEventually(async () => {
      const waiting = (await world.running.store.database('crm').pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc as unknown as Doc)
        .filter((d) => d.form === 'Quotation' && d.kind === 'proforma' && d.approvalStatus === 'pending');
      assert.equal(waiting.length, 1);
      return waiting;
    });

    // The sales director finds it among everything waiting for his approval, beside an office request, and approves it.
    const director = (await world.workstation({ lang: 'en' })).page;
    await signIn(director, '周经理');
    await waitUntilReady(director);
    await director.locator('gx-navigator button[data-view="waiting-approvals"]').click();
    const waiting = director.locator('gx-waiting-approvals-pane');
    await expectEventually(async () => assert.deepEqual(await waiting.locator('tbody tr').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-db')} ${r.getAttribute('data-id')}`)),
      ['office req-fair', `crm ${proforma!._id!}`], 'the office request and the proforma, oldest first'), { timeoutMs: 15_000 });
    await screenshot(director, 'en-waiting-for-my-approval');
    await waiting.locator(`tr[data-id="${proforma!._id!}"] button`).click();
    await approvalStep(director, 'approve', 'Agreed for this order only', /Approved/);
    await screenshot(director, 'en-proforma-approved');

    await expectEventually(async () => assert.match(await pane.locator('gx-field[name="approvalStatus"] .value').innerText(), /Approved/), { timeoutMs: 20_000 });
    await act(page, /Send by mail/, '');
    await toast(page, 'Queued for sending with its PDF');
    const { mail, text } = await attachedPdfText(sink, 'buyer@nordwerk.de');
    assert.equal(mail.subject, 'Proforma invoice PI2026-0001 – 年度球阀订单');
    for (const expected of ['Ningbo Guanxi Trading Co., Ltd.', 'PROFORMA INVOICE', 'PI2026-0001', '不锈钢球阀 DN50', 'USD 2,500.00', 'Discount 15%', 'USD 2,125.00', 'CIF Hamburg', '100% T/T before shipment', 'Bank details', 'SWIFT: BKCHCNBJ92A']) {
      assert.ok(text.toUpperCase().includes(expected.toUpperCase()), `${expected} in the PDF:\n${text}`);
    }
    // Sent, it is kept as it went: no more sending, and the view lists it under its deal.
    await pane.locator('gx-action-bar button', { hasText: /Send by mail/ }).waitFor({ state: 'detached', timeout: 20_000 });
    assertNoCspViolations();
  });

  test('the weekly batch reminds each overdue deal once, in its contact’s language; a click on a reminded deal says so', async () => {
    const english = await expectEventually(async () => {
      const [one, ...more] = await mailsTo(sink, 'hans@nordwerk.de').then((mails) => mails.filter((m) => m.subject?.startsWith('Payment reminder')));
      assert.ok(one, 'no reminder yet');
      assert.equal(more.length, 0);
      return one;
    }, { timeoutMs: 30_000 });
    // The deal's number, given by the server, before its name.
    assert.match(english.subject ?? '', /^Payment reminder: D2026-\d{4} Gate valves$/);
    assert.match(english.text ?? '', /· due 2026-01-15, outstanding EUR 4,000.00/);
    const chinese = await expectEventually(async () => {
      const mails = await mailsTo(sink, 'zhang@hongxing.cn');
      assert.equal(mails.length, 1);
      return mails[0]!;
    }, { timeoutMs: 30_000 });
    assert.match(chinese.subject ?? '', /^付款提醒：D2026-\d{4} 蝶阀订单$/);
    assert.match(chinese.text ?? '', /张伟，您好/);
    assert.match(chinese.text ?? '', /· 应收日期 2026-02-01，未付 CNY 80,000.00/);
    // The batch has run this week: running it again sends nothing, and no deal is reminded twice.
    assert.equal(await paymentReminderBatch(world.running.store, new Date(), createLogger('silent')), 0);
    const reminded = (await world.running.store.database('crm').pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc as Doc)
      .filter((d) => d.form === 'MailMessage' && String(d._id).startsWith('payment-reminder-'));
    assert.deepEqual(reminded.map((m) => m.customerId).sort(), ['c-hx', 'c-nord']);

    const { page } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openRow(page, 'deals-by-status', '蝶阀订单');
    await page.locator('gx-document-pane gx-field[name="sentDocuments"]', { hasText: '付款提醒' }).waitFor({ timeout: 20_000 });
    await act(page, /付款提醒/, '');
    await toast(page, /本周（\d{4}-W\d{2}）已就这些逾期款项发过付款提醒/);
    await openRow(page, 'deals-by-status', '明年的订单');
    await act(page, /付款提醒/, '');
    await toast(page, '这笔业务没有逾期未付的款项');
    assert.equal((await mailsTo(sink, 'zhang@hongxing.cn')).length, 1);
    await screenshot(page, 'zh-payment-reminder-refused');
  });
  test('zh: 60 days\' credit on a deal is approved by the sales director before it applies to the deal', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openRow(page, 'deals-by-status', '球阀 DN50 订单');
    await act(page, /变更信用条件/);
    await fill(page, { paymentTerms: '见提单复印件后60天电汇', creditDays: '60' });
    const pane = page.locator('gx-document-pane');
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();
    await approvalStep(page, 'submit', '老客户，年采购量大', /审批中/);
    assert.equal(await pane.locator('gx-action-bar button', { hasText: /生效到业务/ }).count(), 0, 'not offered while it waits');

    const director = (await world.workstation({ lang: 'zh' })).page;
    await signIn(director, '周经理');
    await waitUntilReady(director);
    await director.locator('gx-navigator button[data-view="waiting-approvals"]').click();
    const row = director.locator('gx-waiting-approvals-pane tbody tr', { hasText: '信用条件' });
    await row.waitFor({ timeout: 15_000 });
    await row.locator('button').click();
    await approvalStep(director, 'approve', '同意', /已批准/);

    await expectEventually(async () => assert.match(await pane.locator('gx-field[name="approvalStatus"] .value').innerText(), /已批准/), { timeoutMs: 20_000 });
    await act(page, /生效到业务/);
    await toast(page, '信用条件已在业务上生效');
    const deal = await world.running.store.database('crm').get('d-valves');
    assert.deepEqual([deal.creditDays, deal.paymentTerms], [60, '见提单复印件后60天电汇']);
    await screenshot(page, 'zh-credit-terms-applied');

    // A quotation made from the deal now offers the terms in force (before, its 付款方式 was empty).
    await openRow(page, 'deals-by-status', '球阀 DN50 订单');
    await expectEventually(async () => assert.match(await pane.locator('gx-field[name="paymentTerms"] .value').innerText(), /见提单复印件后60天电汇/), { timeoutMs: 20_000 });
    await act(page, /新建报价单/);
    await pane.locator('gx-field[name="lines"]').waitFor();
    assert.equal(await pane.locator('gx-field[name="paymentTerms"] input').inputValue(), '见提单复印件后60天电汇');
    assertNoCspViolations();
  });
});
