import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Doc } from '../../design/form.js';
import { cleanWebRecords } from '../../server/web/clean-web-records.js';
import { RATE_PREFIX } from '../../server/web/rate-limit.js';
import { SIGN_UP_PREFIX } from '../../server/web/subscriptions.js';
import { subscriptionId } from '../../server/web/subscriptions.js';
import { SEED_CTX, seedDirectory } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { seededRandom, pick } from '../helpers/random.js';
import { SessionClient } from '../helpers/session-client.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { hiddenFields, SHOP_ORIGIN, startWebWorld, type WebWorld } from './web-world.js';

const LED = { site: 'webform-shop', name: 'Peter Brown', company: 'Brown Lighting Ltd', email: 'Peter@Brown-Lighting.co.uk', country: 'United Kingdom', product: 'LED panel light 600x600', quantity: '2000 pcs', message: 'Please quote FOB Ningbo for LED panels, 40W.', consent: 'yes', leave_empty: '' };

/** Posts the plain HTML form as a browser on the shop's page does (form-encoded, with the page's Origin). */
function postForm(world: WebWorld, path: string, fields: Record<string, string>, origin = SHOP_ORIGIN): Promise<Response> {
  return fetch(`${world.url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams(fields).toString() });
}

/** The static form's two steps: the post, Guanxi's "please confirm" page, and the visitor's click a few seconds later. */
async function sendAsVisitor(world: WebWorld, path: string, fields: Record<string, string>): Promise<Response> {
  const first = await postForm(world, path, fields);
  assert.equal(first.status, 200);
  const page = await first.text();
  assert.match(page, /请确认发送[\s\S]*Please confirm/);
  world.clock += 5_000;
  return postForm(world, path, hiddenFields(page), world.url);
}

async function docsOf(world: WebWorld, form: string): Promise<Doc[]> {
  const { rows } = await world.running.store.database('crm').pouch.allDocs({ include_docs: true });
  return rows.flatMap((row) => (row.doc?.form === form ? [row.doc as Doc] : []));
}

async function mailTo(sink: SmtpSink, address: string) {
  return Promise.all(sink.received.filter((m) => m.to.includes(address)).map((m) => simpleParser(m.raw)));
}

/** Waits for the first mail to `address` that passes `which`. */
async function firstMailTo(sink: SmtpSink, address: string, which: (subject: string) => boolean = () => true) {
  return expectEventually(async () => {
    const found = (await mailTo(sink, address)).find((m) => which(m.subject ?? ''));
    if (!found) throw new Error(`no mail to ${address} yet`);
    return found;
  }, { timeoutMs: 15_000 });
}

describe('web lead capture', () => {
  let sink: SmtpSink;
  let world: WebWorld;
  before(async () => {
    sink = await startSmtpSink();
  });
  after(() => sink.stop());

  async function fresh(site: Doc = {}): Promise<WebWorld> {
    await world?.close();
    sink.received.length = 0;
    world = await startWebWorld(sink, { autoReplyTemplate: 'tpl-thanks-en', ...site });
    return world;
  }
  after(() => world?.close());

  it('files an inquiry from the plain form as a lead routed by the mail rules, and answers it in the visitor\'s language', async () => {
    const w = await fresh({ thankYouUrl: 'http://shop.example.test/thanks.html' });
    const sent = await sendAsVisitor(w, '/web/inquiry', LED);
    assert.equal(sent.status, 303);
    assert.equal(sent.headers.get('location'), 'http://shop.example.test/thanks.html');

    const [message] = await docsOf(w, 'MailMessage').then((docs) => docs.filter((d) => d.direction === 'in'));
    assert.ok(message);
    assert.equal(message.subject, 'Website inquiry: LED panel light 600x600');
    assert.equal(message.from, 'peter@brown-lighting.co.uk');
    assert.match(String(message.body), /^Please quote FOB Ningbo for LED panels, 40W\.\n\nCompany: Brown Lighting Ltd\nCountry: United Kingdom\nProduct: LED panel light 600x600\nQuantity: 2000 pcs$/);
    assert.deepEqual(message.owner, ['王芳'], 'routed by the mail rule on "LED"');
    assert.deepEqual([...(message.tags as string[])].sort(), ['LED', '官网询盘']);
    const [customer] = await docsOf(w, 'Customer');
    assert.deepEqual([customer?.name, customer?.category, customer?.source, customer?.country, customer?.owner], ['Brown Lighting Ltd', 'potential', 'website', 'GB', ['王芳']]);
    const [contact] = await docsOf(w, 'Contact');
    assert.deepEqual([contact?.name, contact?.emails, contact?.language, contact?.customerId], ['Peter Brown', ['peter@brown-lighting.co.uk'], 'en', customer?._id]);
    assert.deepEqual([message.contactId, message.customerId], [contact?._id, customer?._id]);

    const [reply, ...more] = await expectEventually(async () => {
      const mails = await mailTo(sink, 'peter@brown-lighting.co.uk');
      assert.equal(mails.length, 1);
      return mails;
    }, { timeoutMs: 15_000 });
    assert.equal(more.length, 0);
    assert.equal(reply!.subject, 'Re: Website inquiry: LED panel light 600x600');
    assert.match(reply!.text ?? '', /^Dear Peter Brown,\nthank you for your inquiry\. 王芳 will answer/);
    assert.equal(reply!.headers.get('auto-submitted'), 'auto-replied');

    // A Chinese visitor gets the Chinese template of the same name; nobody's rule matches: the public pool.
    const zh = { ...LED, name: '刘强', company: '', email: 'liu.qiang@example.cn', country: '中国', product: '路灯', quantity: '', message: '请问路灯的最小起订量是多少？' };
    assert.equal((await sendAsVisitor(w, '/web/inquiry', zh)).status, 303);
    const answer = await firstMailTo(sink, 'liu.qiang@example.cn');
    assert.equal(answer.subject, 'Re: 网站询盘：路灯');
    assert.match(answer.text ?? '', /^刘强您好：\n感谢您的询盘/);
    const liu = (await docsOf(w, 'Customer')).find((c) => c.name === '刘强');
    assert.deepEqual(liu?.owner, [], 'no rule names a salesperson: the public pool');
  });

  it('merges an inquiry from a known address into its contact, making no second customer', async () => {
    const w = await fresh();
    const crm = w.running.store.database('crm');
    await crm.saveMany([
      { _id: 'c-brown', form: 'Customer', name: 'Brown Lighting', category: 'existing', owner: ['李雷'] },
      { _id: 'p-peter', form: 'Contact', name: 'Peter Brown', customerId: 'c-brown', customerName: 'Brown Lighting', emails: ['peter@brown-lighting.co.uk'] },
    ], SEED_CTX);
    assert.equal((await sendAsVisitor(w, '/web/inquiry', LED)).status, 201);
    const [message] = (await docsOf(w, 'MailMessage')).filter((d) => d.direction === 'in');
    assert.deepEqual([message?.customerId, message?.contactId, message?.owner], ['c-brown', 'p-peter', ['李雷']], 'the customer\'s salesperson keeps it');
    assert.equal((await docsOf(w, 'Customer')).length, 1);
    assert.equal((await docsOf(w, 'Contact')).length, 1);
  });

  it('regression: a merged inquiry left the known contact\'s and customer\'s empty fields empty; now it fills them and overwrites nothing', async () => {
    const w = await fresh();
    const crm = w.running.store.database('crm');
    await crm.saveMany([
      // No country, no language: the visitor's fill them in.
      { _id: 'c-brown', form: 'Customer', name: 'Brown Lighting', category: 'existing', owner: ['李雷'] },
      { _id: 'p-peter', form: 'Contact', name: 'Peter Brown', customerId: 'c-brown', customerName: 'Brown Lighting', emails: ['peter@brown-lighting.co.uk'] },
      // A country and a language entered by a salesperson stay, whatever the form says.
      { _id: 'c-mueller', form: 'Customer', name: 'Müller Licht GmbH', category: 'existing', country: 'DE', owner: ['李雷'] },
      { _id: 'p-anna', form: 'Contact', name: 'Anna Müller', customerId: 'c-mueller', customerName: 'Müller Licht GmbH', emails: ['anna@mueller-licht.de'], language: 'zh' },
    ], SEED_CTX);
    assert.equal((await sendAsVisitor(w, '/web/inquiry', LED)).status, 201);
    assert.equal((await sendAsVisitor(w, '/web/inquiry', { ...LED, name: 'Anna Müller', company: 'Mueller', email: 'anna@mueller-licht.de', country: 'Austria' })).status, 201);
    const [brown, peter, mueller, anna] = await Promise.all(['c-brown', 'p-peter', 'c-mueller', 'p-anna'].map((id) => crm.get(id))) as [Doc, Doc, Doc, Doc];
    assert.deepEqual([brown.country, brown.name, peter.language, peter.name], ['GB', 'Brown Lighting', 'en', 'Peter Brown'], 'empty fields filled, names kept');
    assert.deepEqual([mueller.country, mueller.name, anna.language], ['DE', 'Müller Licht GmbH', 'zh'], 'nothing overwritten');
    assert.equal((await docsOf(w, 'Customer')).length, 2);
  });

  it('the honeypot and the form\'s own rate limits turn away a bot, and nothing of it is stored; spent counts are cleaned up', async () => {
    // Limits of this form, not the defaults (3 per address, 20 per network address): every post
    // counts for the network address — the honeypot's, two sendings of two steps each, the third
    // sending's two steps, which its address's limit turns away, then one bot post.
    const [perAddress, perIp] = [2, 8];
    const w = await fresh({ perAddressPerHour: perAddress, perIpPerHour: perIp });
    const trapped = await postForm(w, '/web/inquiry', { ...LED, leave_empty: 'http://cheap-pills.example' });
    assert.equal(trapped.status, 400);
    assert.match(await trapped.text(), /此表单由程序填写，未被接受[\s\S]*This form was filled in by a program/);

    // A bot posting at once never gets past the confirmation; one that waits is counted per address.
    for (let i = 0; i < perAddress; i++) assert.equal((await sendAsVisitor(w, '/web/inquiry', LED)).status, 201, `sending ${i + 1}`);
    const first = await postForm(w, '/web/inquiry', LED);
    w.clock += 5_000;
    const limited = await postForm(w, '/web/inquiry', hiddenFields(await first.text()), w.url);
    assert.equal(limited.status, 429);
    assert.match(await limited.text(), /提交次数过多[\s\S]*Too many sendings/);
    assert.equal((await docsOf(w, 'MailMessage')).filter((d) => d.direction === 'in').length, perAddress);

    // Per network address, whatever the e-mail addresses: every post counts.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await postForm(w, '/web/inquiry', { ...LED, email: `bot${i}@spam.example` })).status);
    assert.deepEqual(statuses, [200, 429, 429], `${perIp} posts an hour from one network address, then no more`);
    const counts = async () => (await w.running.store.serverDocs.pouch.allDocs({ startkey: RATE_PREFIX, endkey: `${RATE_PREFIX}\uffff` })).rows.length;
    assert.ok(await counts() > 0);
    assert.equal(await cleanWebRecords(w.running.store, w.clock), 0, 'this hour\'s counts are kept');
    w.clock += 3_600_000;
    assert.equal(await cleanWebRecords(w.running.store, w.clock), 2, 'the past hour\'s counts (the address\'s and the network address\'s) are removed');
    assert.equal(await counts(), 0);
    assert.equal((await postForm(w, '/web/inquiry', LED)).status, 200, 'the next hour starts afresh');
  });

  it('refuses what a fast program sends with a signed fill time: too quick, or forged', async () => {
    const w = await fresh();
    const token = await fetch(`${w.url}/api/web/token?site=webform-shop`).then((r) => r.json() as Promise<{ token: string }>);
    const quick = await postForm(w, '/web/inquiry', { ...LED, t: token.token });
    assert.equal(quick.status, 200, 'too quick: asked to confirm, not filed');
    const [ms, signature] = token.token.split('.');
    const forged = await postForm(w, '/web/inquiry', { ...LED, t: `${Number(ms) - 60_000}.${signature}` });
    assert.equal(forged.status, 200, 'a back-dated token is not the server\'s: asked to confirm');
    w.clock += 4_000;
    assert.equal((await postForm(w, '/web/inquiry', { ...LED, t: token.token })).status, 201, 'a page that shows the signed time for long enough goes straight through');
    assert.equal((await docsOf(w, 'MailMessage')).filter((d) => d.direction === 'in').length, 1);
  });

  it('answers every bad input with a clear error, never a 500', async () => {
    const w = await fresh();
    const page = async (response: Response, status: number, text: RegExp) => {
      assert.equal(response.status, status);
      assert.match(await response.text(), text);
    };
    await page(await postForm(w, '/web/inquiry', { ...LED, site: '' }), 400, /表单未启用/);
    await page(await postForm(w, '/web/inquiry', { ...LED, site: 'webform-nowhere' }), 404, /Form not available/);
    await page(await postForm(w, '/web/inquiry', { ...LED, name: '', email: 'not an address', consent: '' }), 400, /请填写姓名[\s\S]*不是邮箱地址[\s\S]*请勾选同意声明/);
    await page(await postForm(w, '/web/inquiry', { ...LED, message: '询'.repeat(5001) }), 400, /留言最多 5000 个字/);
    await page(await postForm(w, '/web/inquiry', LED, 'http://evil.example'), 403, /只接受来自公司网站/);
    await page(await fetch(`${w.url}/web/inquiry`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `site=webform-shop&name=${'x'.repeat(70_000)}` }), 413, /内容过长/);
    await page(await fetch(`${w.url}/web/inquiry`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'site=webform-shop&name=a&name=b&email=a@b.cn&message=x&consent=yes' }), 400, /只能填写一次/);
    await page(await fetch(`${w.url}/web/confirm?list=newsletter&address=a@b.cn&token=forged`), 400, /链接无效/);

    const api = (body: string, headers: Record<string, string> = {}) => fetch(`${w.url}/api/web/inquiries`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const json = async (response: Response, status: number, error: string) => {
      assert.equal(response.status, status);
      const answer = await response.json() as { error: string; reason: string };
      assert.equal(answer.error, error);
      assert.ok(answer.reason.length > 0);
    };
    await json(await api(JSON.stringify(LED)), 401, 'unauthorized');
    await json(await api('{"site": "webform-shop", '), 400, 'bad_request');
    await json(await fetch(`${w.url}/api/web/inquiries`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }), 415, 'bad_content_type');
    await json(await api(JSON.stringify({ ...LED, site: 'webform-nowhere' })), 404, 'not_found');
    await json(await fetch(`${w.url}/api/web/token`), 400, 'bad_request');

    // Generated hostile bodies: whatever the shape, an answer below 500.
    const random = seededRandom('web form fuzz');
    const values = ['', 'x', '询'.repeat(300), '<script>alert(1)</script>', '\u0000', 'a@b.cn', 'webform-shop', '%zz', '&=&=', 'yes'];
    const keys = ['site', 'name', 'email', 'message', 'consent', 'leave_empty', 't', 'lang', '__proto__', 'constructor', 'x[y]'];
    for (let i = 0; i < 40; i++) {
      const pairs = Array.from({ length: Math.floor(random() * 8) }, () => `${encodeURIComponent(pick(random, keys))}=${encodeURIComponent(pick(random, values))}`);
      const response = await fetch(`${w.url}/web/${pick(random, ['inquiry', 'subscribe'])}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SHOP_ORIGIN }, body: pairs.join('&') });
      assert.ok(response.status < 500, `${pairs.join('&')} → ${response.status}`);
      const body = await response.text();
      assert.ok(!body.includes('<script>alert'), 'nothing sent is echoed unescaped');
    }
  });

  it('the JSON API takes the site key, and CORS answers only the configured sites', async () => {
    const w = await fresh();
    await seedDirectory(w.running.store, w.running.directory, [{ name: '周经理', password: 'correct horse battery', access: { names: 'manager' } }]);
    const manager = new SessionClient(w.url);
    assert.equal((await manager.signIn('周经理', 'correct horse battery')).status, 200);
    const made = await manager.request('POST', '/api/web/sites/webform-shop/key');
    assert.equal(made.status, 201);
    const key = String(made.body?.key);
    assert.equal((await manager.request('POST', '/api/web/sites/webform-nowhere/key')).status, 404);

    const preflight = (origin: string) => fetch(`${w.url}/api/web/inquiries`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-site-key' } });
    const allowed = await preflight(SHOP_ORIGIN);
    assert.equal(allowed.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.match(String(allowed.headers.get('access-control-allow-headers')), /X-Site-Key/);
    assert.equal((await preflight('http://evil.example')).headers.get('access-control-allow-origin'), null);

    const { token } = await fetch(`${w.url}/api/web/token?site=webform-shop`, { headers: { origin: SHOP_ORIGIN } }).then((r) => r.json() as Promise<{ token: string }>);
    w.clock += 5_000;
    const send = (body: unknown, origin = SHOP_ORIGIN, siteKey = key) => fetch(`${w.url}/api/web/inquiries`, { method: 'POST', headers: { 'content-type': 'application/json', origin, 'x-site-key': siteKey }, body: JSON.stringify(body) });
    const wrongKey = await send({ ...LED, token }, SHOP_ORIGIN, 'gxk_not-the-key');
    assert.equal(wrongKey.status, 401);
    const fields = await send({ ...LED, email: 'nobody', consent: false, token });
    assert.equal(fields.status, 400);
    assert.deepEqual((await fields.json() as { fields: { field: string }[] }).fields.map((f) => f.field), ['email', 'consent']);
    assert.equal((await send({ ...LED, token }, 'http://evil.example')).status, 403);
    const accepted = await send({ ...LED, token });
    assert.equal(accepted.status, 201);
    assert.equal(accepted.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.equal((await docsOf(w, 'MailMessage')).filter((d) => d.direction === 'in').length, 1);
  });

  it('a subscription is confirmed by its link before the address receives any mailing', async () => {
    const w = await fresh();
    const crm = w.running.store.database('crm');
    const address = 'anna@weber-licht.de';
    await crm.save({ _id: 'tpl-news', form: 'MailTemplate', name: 'Newsletter', language: 'en', subject: 'Spring catalogue', body: 'Dear {{contactName}}, our spring catalogue is out.' }, SEED_CTX);
    assert.equal((await sendAsVisitor(w, '/web/subscribe', { site: 'webform-shop', email: address, name: 'Anna Weber', consent: 'yes', lang: 'en' })).status, 202);
    const confirmation = await firstMailTo(sink, address);
    assert.equal(confirmation.subject, 'Please confirm your subscription');
    const link = /(http\S+\/web\/confirm\?\S+)/.exec(confirmation.text ?? '')![1]!;

    // A mailing to the list before the link is followed does not reach the address.
    await crm.save({ _id: 'mailing-1', form: 'MassMailing', name: 'Spring', list: 'newsletter', templateId: 'tpl-news', status: 'queued' }, SEED_CTX);
    await expectEventually(async () => assert.equal((await crm.get('mailing-1')).status, 'expanded'), { timeoutMs: 15_000 });
    assert.equal((await crm.get('mailing-1')).queuedCount, 0);
    assert.equal(await crm.find(subscriptionId('newsletter', address)), null);

    const opened = await fetch(link);
    assert.equal(opened.status, 200);
    assert.match(await opened.text(), /确认订阅[\s\S]*<form method="post">/, 'opening the link (as a mail scanner does) only asks');
    assert.equal(await crm.find(subscriptionId('newsletter', address)), null);
    const confirmed = await fetch(link, { method: 'POST' });
    assert.equal(confirmed.status, 200);
    assert.match(await confirmed.text(), /订阅成功/);
    const subscription = await crm.get(subscriptionId('newsletter', address));
    assert.equal(subscription.address, address);
    const contact = await crm.get(String(subscription.contactId));
    assert.deepEqual([contact.name, contact.emails], ['Anna Weber', [address]]);

    await crm.save({ _id: 'mailing-2', form: 'MassMailing', name: 'Summer', list: 'newsletter', templateId: 'tpl-news', status: 'queued' }, SEED_CTX);
    const newsletter = await firstMailTo(sink, address, (subject) => subject === 'Spring catalogue');
    assert.match(newsletter.text ?? '', /^Dear Anna Weber, our spring catalogue is out\.[\s\S]*Unsubscribe: http/);
    assert.equal((await mailTo(sink, address)).length, 2, 'the confirmation, then the mailing after it');

    // The pending sign-up is kept a week, then cleaned up; the subscription stays.
    const pending = async () => (await w.running.store.serverDocs.pouch.allDocs({ startkey: SIGN_UP_PREFIX, endkey: `${SIGN_UP_PREFIX}\uffff` })).rows.length;
    assert.equal(await pending(), 1);
    w.clock += 6 * 86_400_000;
    await cleanWebRecords(w.running.store, w.clock);
    assert.equal(await pending(), 1, 'kept within the week');
    w.clock += 2 * 86_400_000;
    await cleanWebRecords(w.running.store, w.clock);
    assert.equal(await pending(), 0, 'forgotten after a week');
    assert.ok(await crm.find(subscriptionId('newsletter', address)));
  });
});
