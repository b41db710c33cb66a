import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { parseMessage } from '../../server/mail/parse-message.js';
import { receivedDoc } from '../../server/mail/received-doc.js';
import { openRow, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A GBK HTML-only message as Foxmail sends it: an inline logo by cid:, a remote tracking image, a script. */
function foxmailMessage(imageUrl: string): Uint8Array {
  const html = `<html><body><div>李经理，您好！</div><div>请报<b>FOB宁波</b>价格，数量5000只。</div><img id="logo" src="cid:logo@foxmail"><img id="remote" src="${imageUrl}"><script>document.title='pwned'</script></body></html>`;
  const body = iconv.encode(html, 'gbk').toString('base64');
  return new TextEncoder().encode([
    'From: =?GBK?B?zfW3vA==?= <wangfang@nbhaishu.cn>', 'To: sales@guanxi-trading.cn', `Subject: =?GBK?B?${iconv.encode('保温杯询价', 'gbk').toString('base64')}?=`,
    'Message-ID: <html-e2e-1@nbhaishu.cn>', 'Date: Tue, 3 Mar 2026 10:19:48 +0800', 'X-Mailer: Foxmail 7.2.25.228[cn]', 'MIME-Version: 1.0',
    'Content-Type: multipart/related; boundary="rel"', '', '--rel', 'Content-Type: text/html; charset="GBK"', 'Content-Transfer-Encoding: base64', '', body,
    '--rel', 'Content-Type: image/png; name="logo.png"', 'Content-Transfer-Encoding: base64', 'Content-ID: <logo@foxmail>', '', PIXEL.toString('base64'), '--rel--', '',
  ].join('\r\n'));
}

describe('HTML mail in Chromium', () => {
  let world: WorkstationWorld;
  let images: Server;
  const requests: string[] = [];
  before(async () => {
    images = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' }).end(PIXEL);
    });
    await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
    world = await workstationWorld([{ name: '王芳', access: { crm: 'editor' } }]);
    const crm = world.running.store.database('crm');
    await crm.save({ _id: 'c-haishu', form: 'Customer', name: '宁波海曙进出口有限公司', category: 'existing', owner: ['王芳'] }, SEED_CTX);
    const message = await parseMessage(foxmailMessage(`http://127.0.0.1:${(images.address() as AddressInfo).port}/open.gif`));
    const filing = { customerId: 'c-haishu', customerName: '宁波海曙进出口有限公司', lead: false, owner: ['王芳'], readers: [], authors: ['王芳'] };
    await crm.save(receivedDoc('mail-html-1', message, { accountId: 'mailaccount-sales', mailbox: 'INBOX', uidValidity: '1', uid: 1 }, filing, { owner: [], tags: [], matched: [] }), SEED_CTX);
  });
  after(async () => {
    await world.close();
    await new Promise((resolve) => images.close(resolve));
  });

  test('an HTML-only Chinese message is readable in the document pane, its remote image blocked until allowed for the sender', async () => {
    const { page } = await world.workstation();
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openRow(page, 'mail-by-customer', '保温杯询价');
    const frame = page.frameLocator('gx-mail-html iframe');
    await frame.locator('body', { hasText: '请报FOB宁波价格，数量5000只。' }).waitFor();
    assert.equal(await frame.locator('script').count(), 0, 'no script reaches the frame');
    assert.equal(await page.locator('gx-mail-html iframe').getAttribute('sandbox'), 'allow-popups allow-popups-to-escape-sandbox');
    await expectEventually(async () => assert.equal(await frame.locator('#logo').evaluate((img: HTMLImageElement) => img.naturalWidth), 1, 'the cid: logo is shown from the attachment'));
    assert.equal(await frame.locator('#remote').evaluate((img: HTMLImageElement) => img.naturalWidth), 0);
    assert.deepEqual(requests, [], 'the remote image is not fetched');
    await page.locator('gx-mail-html [data-remote-images="blocked"]').waitFor();
    await screenshot(page, 'zh-html-mail-blocked');

    await page.locator('gx-mail-html button[data-allow-images]').click();
    await expectEventually(() => assert.deepEqual(requests, ['/open.gif']));
    await expectEventually(async () => assert.equal(await page.frameLocator('gx-mail-html iframe').locator('#remote').evaluate((img: HTMLImageElement) => img.naturalWidth), 1));
    assert.equal(await page.locator('gx-mail-html [data-remote-images="blocked"]').count(), 0);
    assert.equal(await page.locator('gx-document-pane gx-field[name="html"]').count(), 0, 'the HTML is not shown as text');
    await page.locator('gx-document-pane gx-field[name="body"] .value', { hasText: '请报FOB宁波价格' }).waitFor();
  });
});
