import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Download, Page } from 'playwright-core';
import type { Doc } from '../../design/form.js';
import { generateCustomers } from '../bench/generate-crm.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { pdfText, savePageOne } from '../print/pdf-tools.js';
import { compact } from '../print/sample-addresses.js';
import { openView, screenshot, signIn, visibleRows, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const alice = { name: 'Alice', roles: [] };
/** Enough labels for the job to report progress (every 250) and fill many sheets, few enough to replicate quickly. */
const MANY = 600;
const OURS: Doc[] = [
  { _id: 'c-hd', form: 'Customer', name: '宁波宏达贸易有限公司', category: 'existing', owner: ['Alice'], postcode: '315000', address: '浙江省宁波市鄞州区天童南路588号', city: '宁波' },
  { _id: 'c-hs', form: 'Customer', name: '上海海顺进出口有限公司', category: 'existing', owner: ['Alice'], postcode: '200001', address: '上海市黄浦区南京东路100号8楼', city: '上海' },
  { _id: 'c-gt', form: 'Customer', name: 'Global Trading GmbH', category: 'partner', owner: ['Alice'], postcode: '20095', address: 'Mönckebergstraße 7, Hamburg', city: 'Hamburg' },
];

describe('printing and data exchange from the workstation, in Chromium', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: 'Alice', access: { crm: 'editor' } }]);
    const crm = world.running.store.database('crm');
    await crm.saveMany(OURS, { ...SEED_CTX, user: alice });
    await crm.saveMany([{ _id: 'p-zs', form: 'Contact', name: '张三', customerId: 'c-hd', customerName: '宁波宏达贸易有限公司', department: '采购部' }], { ...SEED_CTX, user: alice });
    // Everyone else's customers: a view of hundreds, for the progress of a larger job.
    await crm.saveMany(generateCustomers(MANY), SEED_CTX);
  });
  after(async () => {
    await world.close();
  });

  /** Alice's workstation in this language, with its replica ready and this view open. */
  async function aliceAt(lang: 'zh' | 'en', viewId: string) {
    const workstation = await world.workstation({ lang });
    await signIn(workstation.page, 'Alice');
    await waitUntilReady(workstation.page, 60_000);
    await openView(workstation.page, viewId);
    return workstation;
  }

  test('tick two customers, preview their labels in the page, download the PDF: their addresses, in view order', async () => {
    const { page, assertNoCspViolations } = await aliceAt('zh', 'customers-by-owner');
    await expectEventually(async () => assert.ok((await visibleRows(page)).some((row) => row.id === 'c-gt'), 'the customer is in the view'), { timeoutMs: 10_000 });

    await page.locator('gx-view-pane .row[data-id="c-hs"] [data-check]').click();
    await page.locator('gx-view-pane .row[data-id="c-hd"] [data-check]').click();
    assert.match(await page.locator('gx-view-pane [data-checked-count]').innerText(), /已选 2 个/);
    await page.locator('gx-view-pane button[data-action="print"]').click();
    const dialog = page.locator('gx-print-dialog');
    assert.equal(await dialog.locator('input[name="scope"][value="selected"]').isChecked(), true);
    assert.match(await dialog.getByText('选中的 2 个文档').innerText(), /选中的 2 个文档/);
    await dialog.locator('select[name="format"] option[value="L7163"]').waitFor({ state: 'attached' });
    await dialog.locator('select[name="format"]').selectOption('L7163');
    await dialog.locator('input[name="start"]').fill('3');
    await dialog.locator('input[name="start"]').dispatchEvent('change');

    const previewLoaded = page.waitForResponse((response) => /\/api\/print\/jobs\/[^/]+\/file$/.test(response.url()) && response.request().frame() !== page.mainFrame());
    await dialog.locator('button[data-action="preview"]').click();
    const preview = await previewLoaded;
    assert.equal(preview.status(), 200);
    assert.equal(preview.headers()['content-type'], 'application/pdf');
    await previewShowsAPage(page);
    await screenshot(page, 'zh-print-preview');

    const pdf = await downloaded(page, () => dialog.locator('button[data-action="download"]').click());
    assert.equal(pdf.name, 'labels-L7163.pdf');
    await savePageOne(pdf.bytes, 'print/workstation-labels-L7163');
    // In drawing order: label by label, whichever column each is in.
    const text = compact(await pdfText(pdf.bytes, 'raw'));
    // The view lists 宁波 (ning2) before 上海 (shang4): the labels follow the view, not the order of the clicks.
    const ningbo = text.indexOf(compact('315000浙江省宁波市鄞州区天童南路588号宁波宏达贸易有限公司'));
    const shanghai = text.indexOf(compact('200001上海市黄浦区南京东路100号8楼上海海顺进出口有限公司'));
    assert.ok(ningbo >= 0 && shanghai > ningbo, text);
    assert.ok(!text.includes('GlobalTrading'), 'a customer not ticked is not printed');

    // The group of the current row: every customer of Alice's, as an address list.
    await dialog.locator('button[data-action="close"]').click();
    await page.locator('gx-view-pane .row[data-id="c-gt"] > div:nth-child(3)').click();
    await page.locator('gx-view-pane button[data-action="print"]').click();
    await dialog.locator('input[name="scope"][value="group"]').check();
    await dialog.locator('select[name="output"]').selectOption('address');
    await dialog.locator('button[data-action="preview"]').click();
    await dialog.locator('iframe.preview').waitFor();
    const list = compact(await pdfText((await downloaded(page, () => dialog.locator('button[data-action="download"]').click())).bytes));
    assert.match(list, /地址列表·客户\\按业务员/);
    for (const customer of OURS) assert.ok(list.includes(compact(String(customer.name))), `${String(customer.name)} is listed`);
    assert.equal((list.match(/有限公司|GmbH|Ltd|Inc\.|S\.A\.|LLC|B\.V\./g) ?? []).length, OURS.length, 'only the group is listed');

    // A ticked customer deleted elsewhere meanwhile: the job fails, and says which one is gone.
    await dialog.locator('button[data-action="close"]').click();
    const crm = world.running.store.database('crm');
    await crm.remove('c-hs', (await crm.get('c-hs'))._rev, { ...SEED_CTX, user: alice });
    await page.locator('gx-view-pane button[data-action="print"]').click();
    await dialog.locator('button[data-action="preview"]').click();
    assert.match(await dialog.getByRole('alert').innerText(), /^服务器拒绝了请求：crm 中没有文档 c-hs · No document c-hs in crm$/);
    assert.equal(await dialog.locator('iframe.preview').count(), 0);
    assertNoCspViolations();
  });

  test('a large job shows its progress and finishes; another is cancelled; English', async () => {
    const { page, assertNoCspViolations } = await aliceAt('en', 'customers-by-name');
    await page.locator('gx-view-pane button[data-action="print"]').click();
    const dialog = page.locator('gx-print-dialog');
    assert.equal(await dialog.locator('input[name="scope"][value="view"]').isChecked(), true, 'nothing ticked: the whole view');
    await dialog.locator('select[name="format"] option[value="5160"]').waitFor({ state: 'attached' });
    await dialog.locator('select[name="format"]').selectOption('custom');
    for (const [field, value] of Object.entries({ columns: '4', rows: '12', marginTop: '12', marginBottom: '12' })) {
      await dialog.locator(`input[name="${field}"]`).fill(value);
      await dialog.locator(`input[name="${field}"]`).dispatchEvent('change');
    }
    assert.match(await dialog.locator('section').innerText(), /Start at label \(1–48/);
    // Labels too small to print on are refused before any work starts, in both languages.
    await dialog.locator('input[name="columns"]').fill('20');
    await dialog.locator('input[name="columns"]').dispatchEvent('change');
    await dialog.locator('button[data-action="preview"]').click();
    assert.match(await dialog.getByRole('alert').innerText(), /^The server refused: 自定义标签纸：.*至少需要 15×8 毫米 · Custom label format: .* a label needs at least 15×8 mm$/);
    await dialog.locator('input[name="columns"]').fill('4');
    await dialog.locator('input[name="columns"]').dispatchEvent('change');
    assert.equal(await dialog.getByRole('alert').count(), 0, 'a change clears the complaint');

    // A slow network: each answer about the job takes a second, so its progress stays on screen long
    // enough to be seen. (The server stopping a cancelled job: tests/print/print-jobs.test.ts.)
    let statusHeld: Promise<unknown> | null = null;
    await page.route(/\/api\/print\/jobs\/[^/]+$/, async (route) => {
      if (route.request().method() === 'GET') await (statusHeld ?? new Promise((resolve) => setTimeout(resolve, 1000)));
      await route.continue();
    });

    await dialog.locator('button[data-action="preview"]').click();
    await dialog.locator('progress[data-job-progress]').waitFor();
    await screenshot(page, 'en-print-progress');
    await dialog.locator('iframe.preview').waitFor({ timeout: 60_000 });
    assert.equal(await dialog.locator('progress[data-job-progress]').count(), 0);
    await previewShowsAPage(page);
    await screenshot(page, 'en-print-preview-custom');
    const pdf = await downloaded(page, () => dialog.locator('button[data-action="download"]').click());
    const pages = (await pdfText(pdf.bytes)).split('\f').filter((p) => p.trim() !== '');
    assert.equal(pages.length, Math.ceil((MANY + OURS.length) / 48), 'every customer of the view, 48 to a sheet');

    // The same again from the second label, cancelled while it runs: nothing to download. Its
    // progress is answered only once the cancel has gone out: the server, warm now, may finish it
    // within the second the first answer takes, which took the cancel button away before a click
    // slowed by a loaded machine.
    await dialog.locator('input[name="start"]').fill('2');
    await dialog.locator('input[name="start"]').dispatchEvent('change');
    const cancelled = page.waitForRequest((request) => request.method() === 'DELETE' && /\/api\/print\/jobs\/[^/]+$/.test(request.url()));
    statusHeld = cancelled;
    await dialog.locator('button[data-action="preview"]').click();
    await dialog.locator('button[data-action="cancel"]').click();
    await cancelled;
    await dialog.getByText('Cancelled.').waitFor();
    assert.equal(await dialog.locator('button[data-action="download"]').count(), 0);
    assertNoCspViolations();
  });

  test('import a GBK CSV: the mapping and first rows, duplicates merged, the report; export the view as CSV', async () => {
    const { page, assertNoCspViolations } = await aliceAt('zh', 'customers-by-owner');
    await page.locator('gx-view-pane button[data-action="import"]').click();
    const dialog = page.locator('gx-import-dialog');
    // A file of the wrong kind is refused with the server's reason, and nothing is offered to import.
    await dialog.locator('input[type="file"]').setInputFiles({ name: '客户.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) });
    assert.match(await dialog.getByRole('alert').innerText(), /^服务器拒绝了请求：.*\.xls/);
    assert.equal(await dialog.locator('button[data-action="import"]').count(), 0);

    const csv = [
      '公司名称,联系人,手机,地址,业务员,备注',
      '杭州新星电子有限公司,李雷,13700000001,杭州市西湖区文三路90号,Alice,展会认识',
      '宁波宏达贸易有限公司,王五,13700000002,宁波市海曙区中山西路1号,Alice,老客户',
      ',无名氏,13700000003,,,缺公司名',
    ].join('\r\n');
    await dialog.locator('input[type="file"]').setInputFiles({ name: '客户名单.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'gbk') });
    await dialog.locator('table[data-preview-rows] tr[data-row="2"]').waitFor();
    assert.match(await dialog.locator('[data-file-info]').innerText(), /CSV（gb18030）/);
    assert.equal(await dialog.locator('select[data-column="#1"]').inputValue(), 'customer.name');
    assert.match(await dialog.locator('table[data-preview-rows]').innerText(), /杭州新星电子有限公司[\s\S]*李雷[\s\S]*展会认识/);

    // 备注 left out: the preview reads the file again without it.
    await dialog.locator('select[data-column="#6"]').selectOption('');
    await expectEventually(async () => assert.doesNotMatch(await dialog.locator('table[data-preview-rows]').innerText(), /展会认识/), { timeoutMs: 10_000 });
    await screenshot(page, 'zh-import-preview');

    assert.equal(await dialog.locator('input[name="policy"][value="fill"]').isChecked(), true, 'filling empty fields only is the default');
    await dialog.locator('input[name="policy"][value="overwrite"]').check();
    await dialog.locator('button[data-action="import"]').click();
    await dialog.locator('[data-report-counts]').waitFor();
    await screenshot(page, 'zh-import-report');
    assert.equal(await dialog.locator('[data-report-counts]').innerText(), '新建 3 个文档，合并 1 个，跳过 0 个，拒绝 1 行。');
    assert.match(await dialog.locator('table[data-rejected]').innerText(), /4\s+[\s\S]*客户名称/);
    assert.match(await dialog.locator('table[data-duplicates]').innerText(), /3\s+客户 已合并到 宁波宏达贸易有限公司 \(名称相同\)/);
    // The merge report: the record by its title, the field, old → new; and undone from there.
    assert.match(await dialog.locator('table[data-changes]').innerText(), /宁波宏达贸易有限公司\s+地址\s+浙江省宁波市鄞州区天童南路588号\s+宁波市海曙区中山西路1号/);
    assert.equal((await world.running.store.database('crm').get('c-hd')).address, '宁波市海曙区中山西路1号');
    await dialog.locator('button[data-action="undo-import"]').click();
    assert.equal(await dialog.locator('[data-undone]').innerText(), '已恢复 1 个字段。');
    assert.equal((await world.running.store.database('crm').get('c-hd')).address, '浙江省宁波市鄞州区天童南路588号');
    await dialog.locator('button[data-action="close"]').click();

    // A workbook whose customers are on its second worksheet: the dialog offers the worksheets.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['请在“客户”表中填写']);
    workbook.addWorksheet('客户').addRows([['客户名称', '城市'], ['厦门海天贸易有限公司', '厦门']]);
    await page.locator('gx-view-pane button[data-action="import"]').click();
    await dialog.locator('input[type="file"]').setInputFiles({ name: '客户.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(await workbook.xlsx.writeBuffer()) });
    await dialog.locator('select[name="sheet"]').selectOption('客户');
    await dialog.locator('table[data-preview-rows] tr[data-row="2"]', { hasText: '厦门海天贸易有限公司' }).waitFor();
    assert.equal(await dialog.locator('select[data-column="#2"]').inputValue(), 'customer.city');
    await dialog.locator('button[data-action="close"]').click();

    // The new customer reaches this workstation by replication, under its owner.
    await expectEventually(async () => assert.ok((await visibleRows(page)).some((row) => row.text.includes('杭州新星电子有限公司')), 'the imported customer is in the view'), { timeoutMs: 15_000 });
    const merged = await world.running.store.database('crm').get('c-hd');
    assert.equal(merged.name, '宁波宏达贸易有限公司');

    const exported = await downloaded(page, () => page.locator('gx-view-pane button[data-action="export-csv"]').click());
    assert.equal(exported.name, 'customers-by-owner.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(exported.bytes);
    assert.match(text, /^\ufeff业务员,客户名称/);
    assert.ok(text.includes('杭州新星电子有限公司'));

    // The contacts as vCard, from a view of contacts: the one imported among them, with its customer.
    await openView(page, 'contacts-by-customer');
    const vcard = await downloaded(page, () => page.locator('gx-view-pane button[data-action="export-vcard"]').click());
    assert.equal(vcard.name, 'contacts.vcf');
    const cards = new TextDecoder().decode(vcard.bytes);
    assert.match(cards, /BEGIN:VCARD\r\nVERSION:4\.0\r\n[^]*FN:李雷\r\n[^]*ORG:杭州新星电子有限公司/);
    assert.equal(cards.match(/BEGIN:VCARD/g)?.length, 3, '张三, and the two contacts imported');
    assertNoCspViolations();
  });

  test('every deal with its order lines exported from a view of deals: a workbook row per order line', async () => {
    await world.running.store.database('crm').saveMany([{ _id: 'd-spring', form: 'Deal', name: '保温杯春季订单', number: 'D2026-0001', customerId: 'c-hd', customerName: '宁波宏达贸易有限公司',
      owner: ['Alice'], status: 'tracking', currency: 'CNY', orderLines: [{ product: '保温杯 500ml', quantity: 3000, price: 12.5 }, { product: '礼盒', quantity: 3000, price: 1.35 }] }], { ...SEED_CTX, user: alice });
    const { page } = await aliceAt('zh', 'deals-by-stage');
    const workbook = await downloaded(page, () => page.locator('gx-view-pane button[data-action="export-records:deals"]').click());
    assert.equal(workbook.name, 'deals.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(workbook.bytes) as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Array.isArray).map((row) => (row as unknown[]).slice(1).map((cell) => String(cell ?? '')));
    const [header, ...lines] = rows;
    const product = header!.indexOf('订单明细：产品');
    assert.ok(product > 0, '订单明细：产品');
    assert.deepEqual(lines.map((line) => [line[header!.indexOf('业务：业务编号')], line[product]]), [['D2026-0001', '保温杯 500ml'], ['D2026-0001', '礼盒']]);
  });
});

/**
 * Waits until the browser's PDF viewer in the preview frame has drawn a page: white paper over its
 * dark background, counted in a screenshot of the frame (decoded by the page's own canvas).
 */
async function previewShowsAPage(page: Page): Promise<void> {
  const frame = page.locator('gx-print-dialog iframe.preview');
  await frame.waitFor();
  await expectEventually(async () => {
    const png = (await frame.screenshot()).toString('base64');
    const paper = await page.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data: pixels } = context.getImageData(0, 0, image.width, image.height);
      let white = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! > 240 && pixels[i + 1]! > 240 && pixels[i + 2]! > 240) white++;
      return white / (pixels.length / 4);
    }, png);
    assert.ok(paper > 0.1, `the preview shows a page (${(paper * 100).toFixed(1)}% of it is paper)`);
  }, { timeoutMs: 30_000, intervalMs: 250 });
}

/** What a click saves as a download: its suggested name and its bytes. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]) as [Download, void];
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}
