import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { openView, screenshot, signIn, waitForStatus, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

/** A small but real PDF, and a spreadsheet-like file whose name is Chinese. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const CHINESE_NAME = '报价单（汉堡北方阀门）.csv';
const CHINESE_FILE = Buffer.from('产品,数量,单价\n闸阀 DN100,40,86.5\n', 'utf8');
/** A page that, rendered on Guanxi's origin, would read the CSRF token and act as the person. */
const HOSTILE_PAGE = Buffer.from('<h1>报价</h1><script>fetch("/api/session").then((r) => r.json()).then((s) => { window.top.__stolen = s.csrf; })</script>', 'utf8');

/** Opens a document from a view and clicks Download on one of its files: the bytes the browser saved. */
async function downloadFile(page: Page, viewId: string, docId: string, name: string): Promise<Buffer> {
  await openView(page, viewId);
  await page.locator(`gx-view-pane .row[data-id="${docId}"]`).click();
  const row = page.locator(`gx-document-files tr[data-file="${name}"]`);
  await row.waitFor({ timeout: 15_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), row.locator('button[data-action="download"]').click()]);
  assert.equal(download.suggestedFilename(), name);
  return readFile((await download.path())!);
}

describe('files on documents in Chromium', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([
      { name: '王芳', access: { crm: 'editor' } },
      { name: '李雷', access: { crm: 'reader' } },
      { name: '法务王', roles: ['[Legal]'], access: { library: 'editor' } },
      { name: '张三', access: { library: 'reader' } },
    ]);
    await world.running.store.database('crm').save({
      _id: 'deal-hamburg', form: 'Deal', name: '汉堡北方阀门 2026 框架订单', customerId: 'cust-1', customerName: '汉堡北方阀门有限公司',
      owner: ['王芳'], readers: ['王芳', '李雷'], authors: ['王芳'],
    }, SEED_CTX);
    const library = world.running.store.database('library');
    // Someone attached a page whose script would act as whoever opens it, through the CSRF token.
    const html = await library.save({ _id: 'std-html', form: 'StandardDocument', title: '网页报价', category: ['合同'] }, SEED_CTX);
    await library.pouch.putAttachment('std-html', 'quote.html', html._rev, HOSTILE_PAGE, 'text/html');
    for (const [id, title, readers, name] of [['std-secret', '保密协议范本', ['[Legal]'], '保密协议.pdf'], ['std-open', '产品目录', [], 'catalogue.pdf']] as const) {
      const doc = await library.save({ _id: id, form: 'StandardDocument', title, category: ['合同'], readers: [...readers] }, SEED_CTX);
      await library.pouch.putAttachment(id, name, doc._rev, PDF, 'application/pdf');
    }
  });
  after(async () => {
    await world.close();
  });

  test('a deal gets a PDF and a file with a Chinese name; another reader downloads the same bytes, offline too', async () => {
    const wang = await world.workstation({ lang: 'zh' });
    await signIn(wang.page, '王芳');
    await waitUntilReady(wang.page);
    await openView(wang.page, 'deals-by-owner');
    await wang.page.locator('gx-view-pane .row[data-id="deal-hamburg"]').click();
    const pane = wang.page.locator('gx-document-pane');
    await pane.locator('gx-document-files [data-no-files]').waitFor();
    await pane.locator('button[data-action="edit"]').click();
    await pane.locator('gx-document-files input[data-add-files]').setInputFiles([
      { name: 'quote-2026.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: CHINESE_NAME, mimeType: 'text/csv', buffer: CHINESE_FILE },
    ]);
    const chineseRow = pane.locator(`gx-document-files tr[data-file="${CHINESE_NAME}"]`);
    assert.match(await chineseRow.innerText(), /报价单（汉堡北方阀门）\.csv\s+\d+ B\s+text\/csv/);
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();
    await pane.locator('gx-document-files tr[data-file="quote-2026.pdf"]').waitFor();
    await screenshot(wang.page, 'attachments-deal-saved');

    // The files went up with the document, through the gateway.
    const crm = world.running.store.database('crm');
    await expectEventually(async () => {
      const stored = await crm.pouch.getAttachment('deal-hamburg', CHINESE_NAME);
      assert.deepEqual(Buffer.from(stored as Buffer), CHINESE_FILE);
    }, { timeoutMs: 15_000 });

    // The downloading browser reads from its own replica: the same bytes, the Chinese name kept.
    const li = await world.workstation({ lang: 'en' });
    await signIn(li.page, '李雷');
    await waitUntilReady(li.page);
    // The files are in the replica: they download with the network gone.
    await li.context.setOffline(true);
    assert.deepEqual(await downloadFile(li.page, 'deals-by-owner', 'deal-hamburg', CHINESE_NAME), CHINESE_FILE);
    assert.deepEqual(await downloadFile(li.page, 'deals-by-owner', 'deal-hamburg', 'quote-2026.pdf'), PDF);
    await li.page.locator('gx-document-files h3', { hasText: 'Files (quotes, contracts)' }).waitFor();
    assert.equal(await li.page.locator('gx-document-pane button[data-action="edit"]').count(), 0, 'a reader only reads');
    await screenshot(li.page, 'attachments-deal-second-reader');
    wang.assertNoCspViolations();
    li.assertNoCspViolations();
  });

  test('a removed file is gone for everyone; a file too large is refused at once and nothing else is lost', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openView(page, 'deals-by-owner');
    await page.locator('gx-view-pane .row[data-id="deal-hamburg"]').click();
    const pane = page.locator('gx-document-pane');
    await pane.locator('gx-document-files tr[data-file="quote-2026.pdf"]').waitFor({ timeout: 15_000 });
    await pane.locator('button[data-action="edit"]').click();
    await pane.locator('gx-field[name="notes"] textarea').fill('合同草稿已发客户');
    await pane.locator('gx-document-files input[data-add-files]').setInputFiles([
      { name: '图纸.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) },
    ]);
    const error = pane.locator('gx-document-files [data-field="_attachments"]');
    assert.match(await error.innerText(), /图纸\.pdf.*超过了每个文件 10\.0 MB 的上限/);
    await error.scrollIntoViewIfNeeded();
    await screenshot(page, 'attachments-too-large');
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('.errors[role="alert"]').first().waitFor();
    assert.equal(await pane.locator('gx-field[name="notes"] textarea').inputValue(), '合同草稿已发客户', 'the edit is kept');

    await pane.locator('gx-document-files tr[data-file="图纸.pdf"] button[data-action="remove"]').click();
    await pane.locator('gx-document-files tr[data-file="quote-2026.pdf"] button[data-action="remove"]').click();
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();
    const crm = world.running.store.database('crm');
    await expectEventually(async () => {
      const stored = await crm.get('deal-hamburg');
      assert.equal(stored.notes, '合同草稿已发客户');
      assert.deepEqual(Object.keys(stored._attachments as object), [CHINESE_NAME]);
    }, { timeoutMs: 15_000 });
    assertNoCspViolations();
  });

  test('a standard document filed offline with its file reaches the library when back online', async () => {
    const { page, context, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '法务王');
    await waitUntilReady(page);
    await openView(page, 'standard-documents-by-category');
    await context.setOffline(true);
    await waitForStatus(page, 'online', 'false');
    await page.locator('gx-view-pane gx-action-bar button.primary').first().click();
    const pane = page.locator('gx-document-pane');
    await pane.locator('gx-field[name="title"] input').fill('出口合同范本');
    await pane.locator('gx-document-files input[data-add-files]').setInputFiles([{ name: '出口合同.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();
    await pane.locator('gx-document-files tr[data-file="出口合同.pdf"]').waitFor();

    await context.setOffline(false);
    const library = world.running.store.database('library');
    await expectEventually(async () => {
      const rows = (await library.pouch.allDocs({ include_docs: true })).rows;
      const filed = rows.find((r) => (r.doc as { title?: string } | undefined)?.title === '出口合同范本');
      assert.ok(filed, 'the document reached the server');
      assert.deepEqual(Buffer.from(await library.pouch.getAttachment(filed.id, '出口合同.pdf') as Buffer), PDF);
    }, { timeoutMs: 20_000 });
    assertNoCspViolations();
  });

  test('an HTML file someone attached is downloaded, never rendered on Guanxi\'s origin, from the replica or from the gateway', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '张三');
    await waitUntilReady(page);
    assert.deepEqual(await downloadFile(page, 'standard-documents-by-category', 'std-html', 'quote.html'), HOSTILE_PAGE);
    // Opened straight from the gateway it is still a download, sandboxed: its script never runs here.
    const headers = await page.evaluate(async () => {
      const response = await fetch('/sync/library/std-html/quote.html');
      return [response.headers.get('content-disposition'), response.headers.get('content-security-policy')];
    });
    assert.deepEqual(headers, ['attachment; filename="quote.html"', 'sandbox']);
    assert.equal(await page.evaluate(() => (window as unknown as { __stolen?: string }).__stolen), undefined);
    assertNoCspViolations();
  });

  test('a person who may not read a restricted standard document never gets its file', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '张三');
    await waitUntilReady(page);
    // What they may read arrives with its file…
    assert.deepEqual(await downloadFile(page, 'standard-documents-by-category', 'std-open', 'catalogue.pdf'), PDF);
    // …what they may not is neither in their view, nor in their replica, nor in the gateway's answers.
    assert.equal(await page.locator('gx-view-pane .row[data-id="std-secret"]').count(), 0);
    const seen = await page.evaluate(async () => {
      const file = await fetch(`/sync/library/std-secret/${encodeURIComponent('保密协议.pdf')}`);
      const doc = await fetch('/sync/library/std-secret');
      return [file.status, doc.status];
    });
    assert.deepEqual(seen, [404, 404]);
    // Search runs over the local replica: it holds no such document.
    await page.getByRole('searchbox').fill('保密协议');
    await page.locator('gx-search-results .summary', { hasText: '找到 0 个' }).waitFor();
    await screenshot(page, 'attachments-restricted-not-seen');
    assertNoCspViolations();
  });
});
