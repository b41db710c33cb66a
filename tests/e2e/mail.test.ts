import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Locator, Page } from 'playwright-core';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { configureSmtpAccount } from '../helpers/smtp-account.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { openRow, screenshot, signIn, waitForStatus, waitUntilReady, workstationWorld, type Workstation, type WorkstationWorld } from './workstation-world.js';

const wang = { name: '王芳', roles: [] };
const SUBJECT = '汉堡北方阀门有限公司：不锈钢球阀 DN50 报价';

/** What the SMTP server received for this address, parsed as a mail client reads it. */
async function receivedFor(sink: SmtpSink, address: string) {
  return Promise.all(sink.received.filter((m) => m.to.includes(address)).map((m) => simpleParser(m.raw)));
}

async function fill(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) await page.locator(`gx-document-pane gx-field[name="${name}"]`).locator('input, textarea').first().fill(value);
}

/** Opens the document with this text in the view and starts a message from it with one of the mail buttons. */
async function writeFrom(page: Page, viewId: string, text: string, button: 'compose' | 'reply'): Promise<Locator> {
  await openRow(page, viewId, text);
  await page.locator(`gx-mail-actions button[data-mail="${button}"]`).click();
  return page.locator('gx-document-pane');
}

/** Sends the message being written and waits for the pane to show it saved. */
async function send(page: Page): Promise<void> {
  const pane = page.locator('gx-document-pane');
  await pane.locator('button[data-action="send"]').click();
  await pane.locator('button[data-action="edit"]').waitFor();
}

async function statusShown(page: Page, text: string): Promise<void> {
  await page.locator('gx-document-pane gx-field[name="status"] .value', { hasText: text }).waitFor({ timeout: 20_000 });
}

describe('mail in Chromium: written, replied and sent through the server to a real SMTP server', () => {
  let world: WorkstationWorld;
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
    world = await workstationWorld([{ name: '王芳', access: { crm: 'editor' } }], {
      // The scheduler sends queued mail every second; accounts are read when the server starts.
      env: { SCHEDULER_CRON: '* * * * * *' },
      beforeStart: (dataDir) => configureSmtpAccount(dataDir, sink, '关系贸易 销售部'),
    });
    const crm = world.running.store.database('crm');
    await crm.saveMany([
      { _id: 'c-nord', form: 'Customer', name: '汉堡北方阀门有限公司', category: 'existing', owner: ['王芳'] },
      { _id: 'p-hans', form: 'Contact', name: 'Hans Müller', customerId: 'c-nord', customerName: '汉堡北方阀门有限公司', emails: ['hans@nordwerk.de'], language: 'en' },
      { _id: 'p-zhang', form: 'Contact', name: '张伟', customerId: 'c-nord', customerName: '汉堡北方阀门有限公司', emails: ['zhang.wei@nordwerk.de'], language: 'zh' },
      { _id: 'tpl-quote', form: 'MailTemplate', name: '报价（中文）', language: 'zh', subject: '{{客户}}：不锈钢球阀 DN50 报价', body: '{{联系人}}您好：\n附上报价，请查收。\n{{业务员}}' },
      { _id: 'tpl-quote-en', form: 'MailTemplate', name: 'Quotation (English)', language: 'en', subject: 'Quotation: ball valves DN50', body: 'Dear {{contactName}},\nplease find our quotation attached.\n{{salesperson}}' },
    ], { ...SEED_CTX, user: wang });
    await crm.saveMany([
      { _id: 'mail-inq', form: 'MailMessage', direction: 'in', status: 'received', from: 'hans@nordwerk.de', fromName: 'Hans Müller', to: ['sales@guanxi-trading.cn'],
        subject: '询价：蝶阀 DN150', body: '请报 FOB 宁波价。\n100 只', date: '2026-03-02T09:00:00.000Z', messageId: 'inq-1@nordwerk.de',
        customerId: 'c-nord', customerName: '汉堡北方阀门有限公司', contactId: 'p-hans', contactName: 'Hans Müller',
        _attachments: { '图纸 DN150.txt': { content_type: 'text/plain', data: Buffer.from('蝶阀 DN150 图纸').toString('base64') } } },
      { _id: 'mail-lead', form: 'MailMessage', direction: 'in', status: 'received', from: 'li.na@nordwerk.de', fromName: '李娜', to: ['sales@guanxi-trading.cn'],
        subject: '样品', body: '能寄样品吗？', date: '2026-03-02T10:00:00.000Z', messageId: 'lead-1@nordwerk.de', lead: true },
      { _id: 'mail-lead-2', form: 'MailMessage', direction: 'in', status: 'received', from: 'chen.jie@nordwerk.de', fromName: '陈杰', to: ['sales@guanxi-trading.cn'],
        subject: '新采购负责人', body: '我接替张伟负责采购。', date: '2026-03-02T11:00:00.000Z', messageId: 'lead-2@nordwerk.de', lead: true },
    ], SEED_CTX);
  });
  after(async () => {
    await world.close();
    await sink.stop();
  });

  async function signedIn(lang: 'zh' | 'en' = 'zh'): Promise<Workstation> {
    const ws = await world.workstation({ lang });
    await signIn(ws.page, '王芳');
    await waitUntilReady(ws.page);
    return ws;
  }

  test('a message written from the customer to a contact, from a template, is sent once with its Chinese subject, and shows as sent', async () => {
    const { page, assertNoCspViolations } = await signedIn();
    const pane = await writeFrom(page, 'contacts-by-customer', '张伟', 'compose');
    assert.equal(await pane.locator('gx-field[name="to"] input').inputValue(), 'zhang.wei@nordwerk.de');
    // 张伟 is written to in Chinese: only the Chinese templates are offered.
    const offered = pane.locator('gx-mail-template-picker select option');
    await expectEventually(async () => assert.deepEqual(await offered.allTextContents(), ['（不用模板）', '报价（中文）']));
    // A subject typed first is replaced by the template's, on screen as in the message.
    await fill(page, { subject: '报价' });
    await pane.locator('gx-mail-template-picker select').selectOption({ label: '报价（中文）' });
    await expectEventually(async () => assert.equal(await pane.locator('gx-field[name="subject"] input').inputValue(), SUBJECT));
    assert.equal(await pane.locator('gx-field[name="body"] textarea').inputValue(), '张伟您好：\n附上报价，请查收。\n王芳');

    // Without a recipient nothing is queued, and the message says why; what was written stays.
    await fill(page, { to: '' });
    await pane.locator('button[data-action="send"]').click();
    await pane.locator('gx-field[name="to"] .error', { hasText: '请填写收件人' }).waitFor();
    assert.equal(await pane.locator('gx-field[name="subject"] input').inputValue(), SUBJECT);
    await fill(page, { to: 'zhang.wei@nordwerk.de' });
    await screenshot(page, 'zh-mail-compose');
    await send(page);

    await statusShown(page, '已发送');
    const [mail, ...more] = await receivedFor(sink, 'zhang.wei@nordwerk.de');
    assert.equal(more.length, 0, 'sent once');
    assert.equal(mail?.subject, SUBJECT);
    assert.match(mail!.text ?? '', /张伟您好/);
    const id = await page.locator('gx-document-pane').evaluate((el) => (el as unknown as { docId: string }).docId);
    const stored = await world.running.store.database('crm').get(id);
    assert.deepEqual([stored.customerId, stored.contactId, stored.attempts], ['c-nord', 'p-zhang', 1]);
    await screenshot(page, 'zh-mail-sent');
    assertNoCspViolations();
  });

  test('a follow-up mail is scheduled from a contact, waits in the follow-up list, and is changed there before it goes', async () => {
    const { page, assertNoCspViolations } = await signedIn();
    await openRow(page, 'contacts-by-customer', 'Hans Müller');
    await page.locator('gx-mail-actions button[data-mail="follow-up"]').click();
    const pane = page.locator('gx-document-pane');
    assert.equal(await pane.locator('gx-field[name="to"] input').inputValue(), 'hans@nordwerk.de');
    await fill(page, { subject: 'Ball valves DN50: any questions?', body: 'Dear Hans, did our quotation reach you?' });
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();
    const crm = world.running.store.database('crm');
    const find = async () => (await crm.pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc!).find((d) => d.form === 'DueWork' && d.contactId === 'p-hans');
    await expectEventually(async () => assert.equal((await find())?.kind, 'followUpMail'));

    await openRow(page, 'follow-ups', 'Ball valves DN50: any questions?');
    await pane.locator('button[data-action="edit"]').click();
    await fill(page, { body: 'Dear Hans, our offer is valid until Friday.' });
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();
    await expectEventually(async () => assert.equal((await find())?.body, 'Dear Hans, our offer is valid until Friday.'));
    const work = await find();
    assert.deepEqual([work?.status, work?.to, work?.customerId], ['pending', ['hans@nordwerk.de'], 'c-nord']);
    assertNoCspViolations();
  });

  test('a reply to a received message goes to the sender with In-Reply-To, "Re: " and the original quoted', async () => {
    const { page, assertNoCspViolations } = await signedIn();
    const pane = await writeFrom(page, 'mail-by-customer', '询价：蝶阀 DN150', 'reply');
    // Hans Müller is written to in English: the English templates only.
    await expectEventually(async () => assert.deepEqual(await pane.locator('gx-mail-template-picker select option').allTextContents(), ['（不用模板）', 'Quotation (English)']));
    assert.equal(await pane.locator('gx-field[name="subject"] input').inputValue(), 'Re: 询价：蝶阀 DN150');
    assert.match(await pane.locator('gx-field[name="body"] textarea').inputValue(), /Hans Müller <hans@nordwerk\.de> 写道：\n> 请报 FOB 宁波价。\n> 100 只$/);
    await pane.locator('gx-field[name="body"] textarea').press('Control+Home');
    await pane.locator('gx-field[name="body"] textarea').pressSequentially('Hans 您好，FOB 宁波 76 欧元/只。');
    await send(page);
    await statusShown(page, '已发送');
    const [mail] = await receivedFor(sink, 'hans@nordwerk.de');
    assert.equal(mail?.inReplyTo, '<inq-1@nordwerk.de>');
    assert.equal(mail?.subject, 'Re: 询价：蝶阀 DN150');
    assert.match(mail!.text ?? '', /^Hans 您好，FOB 宁波 76 欧元\/只。[\s\S]*> 100 只/);

    // Forward keeps the original's text and its files.
    await page.locator('gx-view-pane .row[data-id="mail-inq"]').click();
    await page.locator('gx-mail-actions button[data-mail="forward"]').click();
    assert.equal(await pane.locator('gx-field[name="subject"] input').inputValue(), 'Fwd: 询价：蝶阀 DN150');
    assert.match(await pane.locator('gx-field[name="body"] textarea').inputValue(), /转发的邮件[\s\S]*请报 FOB 宁波价。\n100 只$/);
    await fill(page, { to: 'factory@valves.cn' });
    await send(page);
    await statusShown(page, '已发送');
    const [forwarded] = await receivedFor(sink, 'factory@valves.cn');
    assert.equal(forwarded?.subject, 'Fwd: 询价：蝶阀 DN150');
    assert.deepEqual(forwarded?.attachments.map((a) => [a.filename, a.content.toString('utf8')]), [['图纸 DN150.txt', '蝶阀 DN150 图纸']]);
    assertNoCspViolations();
  });

  test('a lead is assigned to a contact through the server; offline, the workstation says the network is needed', async () => {
    const ws = await signedIn();
    const { page } = ws;
    await openRow(page, 'mail-leads', '样品');
    const assign = page.locator('gx-mail-actions [data-filing="contact"]');
    await assign.locator('input').fill('zw');
    await assign.locator('select').selectOption({ label: '张伟' });

    await ws.context.setOffline(true);
    await waitForStatus(page, 'online', 'false');
    await assign.locator('button').click();
    await page.locator('gx-mail-actions .error', { hasText: '需要联网' }).waitFor();
    await screenshot(page, 'zh-mail-lead-offline');

    await ws.context.setOffline(false);
    await waitForStatus(page, 'online', 'true');
    await assign.locator('button').click();
    await page.locator('gx-mail-actions [role="status"]', { hasText: '已归档' }).waitFor();
    await expectEventually(async () => (await world.running.store.database('crm').get('mail-lead')).contactId === 'p-zhang');
    ws.assertNoCspViolations();
  });

  test('a message written offline is queued in the replica and sent once when the browser is back online', async () => {
    const ws = await signedIn();
    const { page } = ws;
    await openRow(page, 'contacts-by-customer', 'Hans Müller');
    await ws.context.setOffline(true);
    await waitForStatus(page, 'online', 'false');
    await page.locator('gx-mail-actions button[data-mail="compose"]').click();
    await fill(page, { subject: '离线写的邮件：样品已寄出', body: 'Hans 您好，样品今天已由顺丰寄出。' });
    await send(page);
    await statusShown(page, '待发送');
    await waitForStatus(page, 'pending', '1');
    await screenshot(page, 'zh-mail-queued-offline');
    assert.equal((await receivedFor(sink, 'hans@nordwerk.de')).filter((m) => m.subject === '离线写的邮件：样品已寄出').length, 0);

    await ws.context.setOffline(false);
    await statusShown(page, '已发送');
    const sent = (await receivedFor(sink, 'hans@nordwerk.de')).filter((m) => m.subject === '离线写的邮件：样品已寄出');
    assert.equal(sent.length, 1);
    ws.assertNoCspViolations();
  });

  test('in English: a message written from the customer is filed on it, and one without a recipient is not queued', async () => {
    const { page, assertNoCspViolations } = await signedIn('en');
    const pane = await writeFrom(page, 'customers-by-name', '汉堡北方阀门有限公司', 'compose');
    await pane.locator('button[data-action="send"]', { hasText: 'Send' }).waitFor();
    assert.equal(await pane.locator('gx-field[name="customerName"] input').inputValue(), '汉堡北方阀门有限公司');
    assert.equal(await pane.locator('gx-field[name="attempts"]').count(), 0, 'the gateway\'s fields are not offered');
    await fill(page, { subject: 'Samples of DN50 ball valves / 球阀样品' });
    await pane.locator('button[data-action="send"]').click();
    await pane.locator('gx-field[name="to"] .error', { hasText: 'Enter the recipient’s e-mail address' }).waitFor();
    await fill(page, { to: 'hans at nordwerk' });
    await pane.locator('button[data-action="send"]').click();
    await pane.locator('gx-field[name="to"] .error', { hasText: 'Not a valid e-mail address: hans at nordwerk' }).waitFor();
    assert.equal(await pane.locator('gx-field[name="subject"] input').inputValue(), 'Samples of DN50 ball valves / 球阀样品');
    await screenshot(page, 'en-mail-compose-error');
    assertNoCspViolations();
  });

  test('a contact is created from the sender of a lead, under the customer chosen, and the message filed on it', async () => {
    const { page, assertNoCspViolations } = await signedIn();
    await openRow(page, 'mail-leads', '新采购负责人');
    const create = page.locator('gx-mail-actions [data-filing="customer"]');
    await create.locator('input').fill('汉堡');
    await create.locator('select').selectOption({ label: '汉堡北方阀门有限公司' });
    await create.locator('button').click();
    await page.locator('gx-mail-actions [role="status"]', { hasText: '已创建联系人' }).waitFor();
    const filed = await expectEventually(async () => {
      const message = await world.running.store.database('crm').get('mail-lead-2');
      assert.equal(message.customerId, 'c-nord');
      return message;
    });
    const contact = await world.running.store.database('crm').get(String(filed.contactId));
    assert.deepEqual([contact.name, contact.emails], ['陈杰', ['chen.jie@nordwerk.de']]);
    await openRow(page, 'contacts-by-customer', '陈杰');
    // On the customer, mail is written with "Write e-mail" only, not as a bare new document.
    await openRow(page, 'customers-by-name', '汉堡北方阀门有限公司');
    await page.locator('gx-mail-actions button[data-mail="compose"]').waitFor();
    assert.equal(await page.locator('gx-document-pane button[data-action="new:MailMessage"]').count(), 0);
    assertNoCspViolations();
  });

  test('a message its server stopped sending shows why; the person resends it once, or lets another be', async () => {
    const crm = world.running.store.database('crm');
    const interrupted = (id: string, subject: string) => ({
      _id: id, form: 'MailMessage', direction: 'out', status: 'uncertain', to: ['hans@nordwerk.de'], toNames: ['Hans Müller'], subject, body: '样品已寄出。',
      customerId: 'c-nord', customerName: '汉堡北方阀门有限公司', messageId: `${id}@guanxi-trading.cn`, attempts: 1, claimedBy: 'server-gone', lastErrorCode: 'interrupted',
      lastError: '发送时服务器停止了，不能确定邮件是否已发出；请核实后重新发送或不再发送 / The server stopped while sending it: the message may or may not have gone out. Check, then resend or dismiss it',
      owner: ['王芳'], authors: ['王芳'],
    });
    await crm.saveMany([interrupted('unc-1', '样品寄出通知'), interrupted('unc-2', '样品寄出通知（重复）')], SEED_CTX);
    const { page, assertNoCspViolations } = await signedIn();
    const pane = page.locator('gx-document-pane');
    await openRow(page, 'mail-outbox', '样品寄出通知（重复）');
    await pane.locator('gx-mail-actions [data-send-problem="uncertain"]', { hasText: '待确认' }).waitFor();
    await pane.locator('gx-mail-actions button[data-mail="dismiss"]').click();
    await statusShown(page, '不再发送');
    await openRow(page, 'mail-outbox', '样品寄出通知');
    await pane.locator('gx-mail-actions button[data-mail="resend"]').click();
    await statusShown(page, '已发送');
    const mails = (await receivedFor(sink, 'hans@nordwerk.de')).filter((m) => m.subject?.startsWith('样品寄出通知'));
    assert.deepEqual(mails.map((m) => [m.subject, m.messageId]), [['样品寄出通知', '<unc-1@guanxi-trading.cn>']], 'resent once under its own Message-ID; the dismissed one not at all');
    assert.equal((await crm.get('unc-2')).status, 'dismissed');
    assertNoCspViolations();
  });

  // Last: the message waits for its retry after the suite's other messages.
  test('when the mail server cannot be reached, the message shows why and that the server tries again', async () => {
    const { page, assertNoCspViolations } = await signedIn();
    await sink.stop();
    try {
      const pane = await writeFrom(page, 'contacts-by-customer', 'Hans Müller', 'compose');
      await fill(page, { subject: '邮件服务器停机时写的邮件', body: '测试' });
      await send(page);
      await pane.locator('gx-mail-actions [data-send-problem="queued"]', { hasText: '尚未发出' }).waitFor({ timeout: 20_000 });
      await statusShown(page, '待发送');
      await screenshot(page, 'zh-mail-retrying');
    } finally {
      await sink.start();
    }
    assertNoCspViolations();
  });
});
