import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-configured.js';
import { SERVER_USER } from '../../design/user.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { fill, openView, screenshot, signIn, waitForStatus, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const DAY = 24 * 3600 * 1000;
/** A drawing over the default 1 MB a workstation keeps of a file. */
const DRAWING = Buffer.alloc(2 * 1024 * 1024 + 17, 0x2a);
const DRAWING_NAME = '图纸（总装）.pdf';

/**
 * Whether the browser's IndexedDB replica of `crm` (or the files kept beside it, `crm-files`) has
 * this key in one of PouchDB's stores (read from the store itself, not through the app).
 */
async function replicaStoreHas(page: Page, storeName: string, key: string, replica = 'crm'): Promise<boolean> {
  return page.evaluate(async ([store, wanted, suffix]) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => new RegExp(`^_pouch_guanxi-[0-9a-f]+-${suffix}$`).test(name));
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const found = await new Promise<unknown>((resolve) => {
        const request = db.transaction(store).objectStore(store).get(wanted);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => resolve(undefined);
      });
      db.close();
      if (found !== undefined) return true;
    }
    return false;
  }, [storeName, key, replica] as const);
}

/** Whether the replica holds this document. */
const replicaHolds = (page: Page, id: string) => replicaStoreHas(page, 'document-store', id);
/** Whether the replica's file store holds a file with this digest. */
const replicaHoldsFile = (page: Page, digest: string) => replicaStoreHas(page, 'attach-store', digest);
/** Whether the files kept beside the replica (pinned, or within a raised file size) hold a file with this digest. */
const keptHere = (page: Page, digest: string) => replicaStoreHas(page, 'attach-store', digest, 'crm-files');
/** The server's digest of the drawing. */
const drawingDigest = async (world: WorkstationWorld) => String(((await world.running.store.database('crm').pouch.get('deal-drawing')) as { _attachments: Record<string, { digest: string }> })._attachments[DRAWING_NAME]!.digest);

describe('selective replication in Chromium: old mail and large files stay on the server', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: 'Alice', access: { crm: 'editor' } }, { name: 'Boss', roles: ['[Manager]'], access: { crm: 'manager' } }]);
    const crm = world.running.store.database('crm');
    const now = { now: new Date().toISOString(), user: SERVER_USER };
    const mail = (id: string, subject: string, daysAgo: number) => crm.save({
      _id: id, form: 'MailMessage', direction: 'in', status: 'received', subject, date: new Date(Date.now() - daysAgo * DAY).toISOString(),
      customerId: 'cust-hamburg', customerName: '汉堡北方阀门', authors: ['Alice'],
    }, now);
    // The company's choice for its workstations: the last 6 months of mail, files up to 1 MB.
    await crm.save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', title: '客户关系设置', replicaMailMonths: 6, replicaFilesUpToMb: 1 }, now);
    await crm.save({ _id: 'cust-hamburg', form: 'Customer', name: '汉堡北方阀门', authors: ['Alice'], owner: ['Alice'] }, now);
    await mail('mail-recent', '本周询价：闸阀 DN100', 3);
    await mail('mail-old', '去年的询价：蝶阀', 400);
    await mail('mail-older', '前年的样品单', 800);
    await mail('mail-pin-me', '去年的合同邮件', 380);
    const deal = await crm.save({ _id: 'deal-drawing', form: 'Deal', name: '总装图纸订单', customerId: 'cust-hamburg', customerName: '汉堡北方阀门', owner: ['Alice'], authors: ['Alice'] }, now);
    await crm.pouch.putAttachment('deal-drawing', DRAWING_NAME, deal._rev, DRAWING, 'application/pdf');
    // The manager's own customer; Alice's (汉堡) has a contact too.
    await crm.save({ _id: 'cust-boss', form: 'Customer', name: '上海总部客户', owner: ['Boss'], authors: ['Boss'] }, now);
    await crm.save({ _id: 'contact-boss', form: 'Contact', name: '陈经理', customerId: 'cust-boss', customerName: '上海总部客户' }, now);
    await crm.save({ _id: 'contact-hamburg', form: 'Contact', name: 'Hans Becker', customerId: 'cust-hamburg', customerName: '汉堡北方阀门' }, now);
  });
  after(async () => {
    await world.close();
  });

  /** A new browser signed in with its replica ready, that answers "free space"'s question with yes. */
  const readyToFreeSpace = async (name: string) => {
    const ws = await world.workstation({ lang: 'zh' });
    ws.page.on('dialog', (dialog) => void dialog.accept());
    await signIn(ws.page, name);
    await waitUntilReady(ws.page, 60_000);
    return ws;
  };

  test('a mail older than the kept period is not in IndexedDB, opens from the server, and once pinned is kept', async () => {
    const ws = await world.workstation({ lang: 'zh' });
    await signIn(ws.page, 'Alice');
    await waitUntilReady(ws.page, 60_000);
    assert.equal(await replicaHolds(ws.page, 'mail-recent'), true);
    assert.equal(await replicaHolds(ws.page, 'mail-old'), false, 'the old mail crossed the network');

    await openView(ws.page, 'mail-by-customer');
    const pane = ws.page.locator('gx-view-pane');
    await pane.locator('.row[data-id="mail-recent"]').waitFor();
    assert.equal(await pane.locator('.row[data-id="mail-old"]').count(), 0);
    await pane.locator('button[data-action="show-server"]').click();
    await pane.locator('.row[data-id="mail-old"]').click();
    const doc = ws.page.locator('gx-document-pane');
    await doc.getByText('去年的询价：蝶阀').first().waitFor();
    assert.match(await doc.locator('[data-from-server]').innerText(), /复制设置不保存/);
    await screenshot(ws.page, 'zh-selective-old-mail-from-server');

    await doc.locator('button[data-action="pin"]').click();
    await expectEventually(async () => assert.equal(await replicaHolds(ws.page, 'mail-old'), true), { timeoutMs: 15_000 });
    await doc.locator('[data-from-server]').waitFor({ state: 'detached' });

    // Pinned, it opens with the network gone.
    await pane.locator('button[data-action="show-server"]').click();
    await ws.context.setOffline(true);
    await pane.locator('.row[data-id="mail-old"]').click();
    await doc.getByText('去年的询价：蝶阀').first().waitFor();
    assert.equal(await doc.locator('[data-from-server]').count(), 0);
    ws.assertNoCspViolations();
  });

  test('a file over the kept size stays on the server, downloads on demand, and survives an edit made where it is not held', async () => {
    const ws = await world.workstation({ lang: 'zh' });
    await signIn(ws.page, 'Alice');
    await waitUntilReady(ws.page, 60_000);
    const crm = world.running.store.database('crm');
    const digest = await drawingDigest(world);
    assert.equal(await replicaHolds(ws.page, 'deal-drawing'), true);
    assert.equal(await replicaHoldsFile(ws.page, digest), false, 'the large file crossed the network');

    await openView(ws.page, 'deals-by-owner');
    await ws.page.locator('gx-view-pane .row[data-id="deal-drawing"]').click();
    const doc = ws.page.locator('gx-document-pane');
    const row = doc.locator(`gx-document-files tr[data-file="${DRAWING_NAME}"]`);
    await row.locator('[data-on-server]').waitFor();
    const [download] = await Promise.all([ws.page.waitForEvent('download'), row.locator('button[data-action="download"]').click()]);
    assert.deepEqual(await readFile((await download.path())!), DRAWING);

    await doc.locator('button[data-action="edit"]').click();
    await fill(ws.page, { name: '总装图纸订单（第二版）' });
    await doc.locator('button[data-action="save"]').click();
    await doc.locator('button[data-action="edit"]').waitFor();
    await waitForStatus(ws.page, 'pending', '0');
    await expectEventually(async () => assert.equal((await crm.get('deal-drawing')).name, '总装图纸订单（第二版）'), { timeoutMs: 15_000 });
    assert.deepEqual(Buffer.from(await crm.pouch.getAttachment('deal-drawing', DRAWING_NAME) as Buffer), DRAWING);
    assert.equal((await crm.get('deal-drawing'))['$filesOnServer'], undefined);

    // The file alone pinned for offline use: kept beside the replica, it downloads with the network gone.
    await row.locator('button[data-action="pin-file"]').click();
    await row.locator('[data-kept-here]').waitFor();
    await screenshot(ws.page, 'zh-file-kept-here');
    assert.equal(await keptHere(ws.page, digest), true);
    assert.equal(await replicaHoldsFile(ws.page, digest), false, 'the replica\'s revision stays the server\'s summary');
    await ws.context.setOffline(true);
    await waitForStatus(ws.page, 'online', 'false');
    const [offline] = await Promise.all([ws.page.waitForEvent('download'), row.locator('button[data-action="download"]').click()]);
    assert.deepEqual(await readFile((await offline.path())!), DRAWING);
    await ws.context.setOffline(false);
    await waitForStatus(ws.page, 'online', 'true');
    // Let go: on the server only again, and its space freed here.
    await row.locator('button[data-action="unpin-file"]').click();
    await row.locator('[data-on-server]').waitFor();
    await expectEventually(async () => assert.equal(await keptHere(ws.page, digest), false));
    await row.locator('button[data-action="pin-file"]').waitFor();
    ws.assertNoCspViolations();
  });

  test('the replica page shows what is held; keeping more brings it, keeping less and freeing space removes it here only, pinned documents stay', async () => {
    const ws = await readyToFreeSpace('Alice');
    // Pinned while the settings leave it out.
    await ws.page.evaluate(() => (location.hash = '#/crm/mail-by-customer/mail-pin-me'));
    const doc = ws.page.locator('gx-document-pane');
    await doc.locator('button[data-action="pin"]').click();
    await expectEventually(async () => assert.equal(await replicaHolds(ws.page, 'mail-pin-me'), true), { timeoutMs: 15_000 });

    await ws.page.locator('gx-navigator button[data-view="replica"]').click();
    const page = ws.page.locator('gx-replica-pane');
    const crmRow = page.locator('tr[data-db="crm"]');
    // The browser's estimate and the counts arrive after the page is drawn ("正在加载…" first).
    await expectEventually(async () => assert.match(await page.locator('[data-storage]').innerText(), /本浏览器已用 [\d.,]+ MB/));
    assert.equal(await crmRow.locator('input[name="months"]').getAttribute('placeholder'), '6');
    const held = async () => Number((await crmRow.locator('[data-docs]').innerText()).replace(/,/g, ''));
    let before = 0;
    await expectEventually(async () => {
      before = await held();
      assert.ok(before > 0, `documents held in crm: ${before}`);
    });

    // Keeping every month: the older mail comes.
    await crmRow.locator('input[name="months"]').fill('1200');
    await crmRow.locator('button[data-action="save-replica"]').click();
    await expectEventually(async () => assert.equal(await replicaHolds(ws.page, 'mail-older'), true), { timeoutMs: 30_000 });
    await screenshot(ws.page, 'zh-replica-page');

    // Back to six months, and the space freed: the older mail leaves this workstation only.
    await crmRow.locator('input[name="months"]').fill('6');
    await crmRow.locator('button[data-action="save-replica"]').click();
    await waitForStatus(ws.page, 'pending', '0');
    await Promise.all([ws.page.waitForEvent('load'), crmRow.locator('button[data-action="free-space"]').click()]);
    await ws.page.locator('gx-workstation').waitFor();
    await waitUntilReady(ws.page, 60_000);
    await expectEventually(async () => assert.equal(await replicaHolds(ws.page, 'mail-pin-me'), true), { timeoutMs: 15_000 });
    assert.equal(await replicaHolds(ws.page, 'mail-older'), false);
    assert.equal(await replicaHolds(ws.page, 'mail-old'), false);
    assert.equal(await replicaHolds(ws.page, 'mail-recent'), true);
    assert.equal((await world.running.store.database('crm').get('mail-older')).subject, '前年的样品单');
    await ws.page.locator('gx-navigator button[data-view="mail-by-customer"]').click();
    await ws.page.locator('gx-navigator button[data-view="replica"]').click();
    await expectEventually(async () => assert.equal(await held(), before), { timeoutMs: 15_000 });
    ws.assertNoCspViolations();
  });

  test('a larger file size brings the files of documents already held (they open offline), the page shows MB per database, a smaller one lets them go', async () => {
    const ws = await world.workstation({ lang: 'en' });
    await signIn(ws.page, 'Alice');
    await waitUntilReady(ws.page, 60_000);
    const digest = await drawingDigest(world);
    await ws.page.locator('gx-navigator button[data-view="replica"]').click();
    const crmRow = ws.page.locator('gx-replica-pane tr[data-db="crm"]');
    // MB as shown (KB while small), of the documents and files held here.
    const size = async () => {
      const [, value, unit] = /^([\d.]+) (B|KB|MB)$/.exec(await crmRow.locator('[data-size]').innerText()) ?? [];
      assert.ok(value, 'the size is shown');
      return Number(value) / (unit === 'MB' ? 1 : unit === 'KB' ? 1024 : 1024 * 1024);
    };
    await expectEventually(async () => assert.ok(await size() > 0, 'the size is shown'));
    // The drawing (2 MB) is not held: the documents here are a few kilobytes.
    assert.ok(await size() < 1, `crm here: ${await size()} MB`);
    assert.equal(await keptHere(ws.page, digest), false);

    await crmRow.locator('input[name="files"]').fill('5');
    await crmRow.locator('button[data-action="save-replica"]').click();
    await expectEventually(async () => assert.equal(await keptHere(ws.page, digest), true), { timeoutMs: 30_000 });
    await expectEventually(async () => assert.ok(await size() >= 2, `crm here: ${await size()} MB`));
    // Regression: the months field left empty meant "all" (the older mail came), not the administrator's 6 as the page says.
    assert.equal(await crmRow.locator('input[name="months"]').inputValue(), '6');
    assert.equal(await replicaHolds(ws.page, 'mail-older'), false);
    await screenshot(ws.page, 'en-replica-page-sizes');

    await ws.context.setOffline(true);
    await waitForStatus(ws.page, 'online', 'false');
    await openView(ws.page, 'deals-by-owner');
    await ws.page.locator('gx-view-pane .row[data-id="deal-drawing"]').click();
    const row = ws.page.locator(`gx-document-pane gx-document-files tr[data-file="${DRAWING_NAME}"]`);
    await row.locator('[data-kept-here]').waitFor();
    const [download] = await Promise.all([ws.page.waitForEvent('download'), row.locator('button[data-action="download"]').click()]);
    assert.deepEqual(await readFile((await download.path())!), DRAWING);
    await ws.context.setOffline(false);
    await waitForStatus(ws.page, 'online', 'true');

    // Back to 1 MB: the file kept for the larger size goes; the server still has it.
    await ws.page.locator('gx-navigator button[data-view="replica"]').click();
    await crmRow.locator('input[name="files"]').fill('1');
    await crmRow.locator('button[data-action="save-replica"]').click();
    await expectEventually(async () => assert.equal(await keptHere(ws.page, digest), false), { timeoutMs: 30_000 });
    await expectEventually(async () => assert.ok(await size() < 1, `crm here: ${await size()} MB`));
    assert.equal((await world.running.store.database('crm').pouch.get('deal-drawing') as { _attachments: Record<string, { length: number }> })._attachments[DRAWING_NAME]!.length, DRAWING.length);
    ws.assertNoCspViolations();
  });

  test('my customers only, chosen on the replica page: once space is freed a colleague\'s customer, its contact and mail are not in IndexedDB, one\'s own are, and the colleague\'s opens from the server', async () => {
    const ws = await readyToFreeSpace('Boss');
    // He may read every customer: by default his workstation holds them all.
    assert.equal(await replicaHolds(ws.page, 'contact-hamburg'), true);

    await ws.page.locator('gx-navigator button[data-view="replica"]').click();
    const crmRow = ws.page.locator('gx-replica-pane tr[data-db="crm"]');
    await crmRow.locator('input[name="mine"]').check();
    await crmRow.locator('button[data-action="save-replica"]').click();
    await ws.page.locator('gx-replica-pane [data-notice]').waitFor();
    await Promise.all([ws.page.waitForEvent('load'), crmRow.locator('button[data-action="free-space"]').click()]);
    await ws.page.locator('gx-workstation').waitFor();
    await waitUntilReady(ws.page, 60_000);
    for (const id of ['cust-boss', 'contact-boss', CRM_SETTINGS_ID]) assert.equal(await replicaHolds(ws.page, id), true, id);
    for (const id of ['cust-hamburg', 'contact-hamburg', 'mail-recent', 'deal-drawing']) assert.equal(await replicaHolds(ws.page, id), false, id);

    await ws.page.evaluate(() => (location.hash = '#/crm/customers-by-owner/contact-hamburg'));
    const doc = ws.page.locator('gx-document-pane');
    await doc.getByText('Hans Becker').first().waitFor();
    await doc.locator('[data-from-server]').waitFor();
    ws.assertNoCspViolations();
  });
});
