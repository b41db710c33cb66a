import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { inquirySnippet } from '../../design/web-form-snippet.js';
import { freePort } from '../helpers/dovecot.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { configureSmtpAccount } from '../helpers/smtp-account.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { configureWebForm } from '../web/web-world.js';
import { openRow, openView, screenshot, signIn, visibleRows, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

describe('the website form in Chromium: a page of the company\'s site posts an inquiry to Guanxi', () => {
  let world: WorkstationWorld;
  let sink: SmtpSink;
  let shop: Server;
  let shopOrigin: string;
  before(async () => {
    sink = await startSmtpSink();
    const port = await freePort();
    world = await workstationWorld([{ name: '王芳', access: { crm: 'author' } }, { name: '周经理', access: { crm: 'editor', names: 'manager' } }], {
      env: { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, SCHEDULER_CRON: '* * * * * *' },
      beforeStart: (dataDir) => configureSmtpAccount(dataDir, sink, '关系照明 销售部'),
    });
    // The company's shop: another origin (another host name and port), serving the snippet as pasted.
    shop = createServer((req, res) => {
      const body = req.url === '/thanks.html' ? '<!doctype html><title>Thanks</title><h1>Thank you — Guanxi Lighting</h1>'
        : `<!doctype html><html lang="en"><meta charset="utf-8"><title>Contact us</title><h1>Contact us</h1>${inquirySnippet(world.url, 'webform-shop', 'I agree that my details are kept to answer this inquiry.', 'en')}</html>`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopOrigin = `http://localhost:${(shop.address() as AddressInfo).port}`;
    // No fill time to wait for here: the static page's first post is asked to confirm all the same.
    await configureWebForm(world.running.store, { origins: [shopOrigin], thankYouUrl: `${shopOrigin}/thanks.html`, autoReplyTemplate: 'tpl-thanks-en', minSeconds: 0 });
  });
  after(async () => {
    await world.close();
    await sink.stop();
    await new Promise((resolve) => shop.close(resolve));
  });

  test('the visitor sends an inquiry from the shop\'s page, gets the auto-reply, and the salesperson the rules name finds the lead', async () => {
    const { page } = await world.workstation({ lang: 'en' });
    await page.goto(`${shopOrigin}/contact.html`);
    await page.getByLabel('Name').fill('Peter Brown');
    await page.getByLabel('Company').fill('Brown Lighting Ltd');
    await page.getByLabel('E-mail').fill('peter@brown-lighting.co.uk');
    await page.getByLabel('Country').fill('United Kingdom');
    await page.getByLabel('Product').fill('LED panel light 600x600');
    await page.getByLabel('Quantity').fill('2000 pcs');
    await page.getByLabel('Message').fill('Please quote FOB Ningbo for LED panels, 40W.');
    await page.getByLabel('I agree').check();
    await page.getByRole('button', { name: 'Send inquiry' }).click();

    // Guanxi's page: what was written, and one more click.
    await page.getByRole('heading', { name: /请确认发送/ }).waitFor();
    assert.ok(page.url().startsWith(`${world.url}/web/inquiry`));
    await page.locator('dd', { hasText: 'Please quote FOB Ningbo for LED panels, 40W.' }).waitFor();
    await screenshot(page, 'en-web-form-confirm');
    await page.getByRole('button', { name: /Send/ }).click();
    await page.getByRole('heading', { name: 'Thank you — Guanxi Lighting' }).waitFor();
    assert.equal(page.url(), `${shopOrigin}/thanks.html`);

    const reply = await expectEventually(async () => {
      const mail = sink.received.find((m) => m.to.includes('peter@brown-lighting.co.uk'));
      if (!mail) throw new Error('no auto-reply yet');
      return simpleParser(mail.raw);
    }, { timeoutMs: 20_000 });
    assert.equal(reply.subject, 'Re: Website inquiry: LED panel light 600x600');
    assert.match(reply.text ?? '', /^Dear Peter Brown,\nthank you for your inquiry\. 王芳 will answer/);

    const desk = await world.workstation();
    await signIn(desk.page, '王芳');
    await waitUntilReady(desk.page);
    // The inquiry, not the auto-reply filed beside it ("Re: …").
    await openView(desk.page, 'mail-by-customer');
    const id = await expectEventually(async () => {
      const row = (await visibleRows(desk.page)).find((r) => r.id && r.text.includes('Website inquiry: LED panel light 600x600') && !r.text.includes('Re:'));
      if (!row?.id) throw new Error('the inquiry is not in the view yet');
      return row.id;
    }, { timeoutMs: 10_000 });
    await desk.page.locator(`gx-view-pane .row[data-id="${id}"]`).click();
    const pane = desk.page.locator('gx-document-pane');
    await pane.locator('gx-field[name="owner"] .value', { hasText: '王芳' }).waitFor();
    await pane.locator('gx-field[name="contactName"] .value', { hasText: 'Peter Brown' }).waitFor();
    await pane.locator('gx-field[name="body"] .value', { hasText: 'Quantity: 2000 pcs' }).waitFor();
    await screenshot(desk.page, 'zh-web-inquiry-lead');
    desk.assertNoCspViolations();
  });

  test('the administrator copies the form\'s code from the workstation and makes the site key the JSON API takes', async () => {
    const { page, assertNoCspViolations } = await world.workstation();
    await signIn(page, '周经理');
    await waitUntilReady(page);
    await openRow(page, 'settings-web-forms', '官网询盘');
    const code = page.locator('gx-web-form-code');
    const snippet = await code.locator('textarea[data-snippet="inquiry"]').inputValue();
    assert.ok(snippet.startsWith(`<form action="${world.url}/web/inquiry" method="post"`), snippet);
    assert.match(snippet, /<input type="hidden" name="site" value="webform-shop">[\s\S]*<input name="leave_empty" tabindex="-1"/);
    await code.locator('button[data-site-key="new"]').click();
    const key = await code.locator('[data-site-key="shown"]').textContent();
    assert.match(String(key), /^gxk_/);
    await screenshot(page, 'zh-web-form-code');

    const { token } = await fetch(`${world.url}/api/web/token?site=webform-shop`).then((r) => r.json() as Promise<{ token: string }>);
    const sent = await fetch(`${world.url}/api/web/inquiries`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: shopOrigin, 'x-site-key': String(key) },
      body: JSON.stringify({ site: 'webform-shop', name: '陈静', email: 'chen.jing@example.hk', message: '请报价 LED 灯管。', consent: true, token }),
    });
    assert.equal(sent.status, 201);
    assertNoCspViolations();
  });
});
