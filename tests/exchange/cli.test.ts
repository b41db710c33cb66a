import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { CLI, spawnEntry, tempDir } from '../server/fixtures.js';
import { pdfText } from '../print/pdf-tools.js';
import { compact } from '../print/sample-addresses.js';
import { exportDealRecordsCsv } from '../../server/exchange/deal-records.js';
import { exportCustomerRecordsCsv } from '../../server/exchange/records-export.js';
import { withEmbeddedStore } from '../print/crm-fixture.js';
import { seedDeals } from './deal-fixture.js';

/** `guanxi <args>` in `dir`, on the data directory there, to the end. */
async function guanxiIn(dir: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnEntry(CLI, args, { GUANXI_DATA_DIR: join(dir, 'data') }, dir);
  const { code } = await child.exited;
  return { code, stdout: child.logs.map((line) => (typeof line.text === 'string' ? line.text : JSON.stringify(line))).join('\n'), stderr: child.stderr() };
}

const CSV = '客户名称,联系人,电话,地址,邮编,地区,国家\n上海宏达贸易有限公司,张伟,021-55551234,上海市黄浦区南京东路100号,200001,华东,中国\nAtlas Hardware GmbH,Hans Müller,+49 40 1234567,"Mönckebergstraße 7, Hamburg",20095,欧洲,Germany\n';

describe('guanxi import, export and labels', () => {
  test('a GBK file imported, imported again with skip, exported as CSV and printed as labels', async () => {
    const { dir, cleanup } = await tempDir('exchange-cli');
    try {
      await writeFile(join(dir, '客户.csv'), new Uint8Array(iconv.encode(CSV.replace('Müller', 'Mueller').replace('ß', 'ss'), 'gbk')));
      const first = await guanxiIn(dir, ['import', '客户.csv']);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stdout, '客户.csv (csv, gb18030): 2 rows\nimported 4, merged 0, skipped 0, rejected 0');

      const again = await guanxiIn(dir, ['import', '客户.csv', '--policy', 'skip', '--json']);
      const { report } = JSON.parse(again.stdout) as { report: { imported: number; skipped: number } };
      assert.deepEqual([report.imported, report.skipped], [0, 4]);

      const exported = await guanxiIn(dir, ['export', 'crm', 'customers-by-name', '--out', 'customers.csv', '--lang', 'en']);
      assert.equal(exported.code, 0, exported.stderr);
      assert.equal(await readFile(join(dir, 'customers.csv'), 'utf8'), '\ufeffCustomer,Code,City,Owner\r\nAtlas Hardware GmbH,,,\r\n上海宏达贸易有限公司,,,\r\n');

      const labels = await guanxiIn(dir, ['labels', 'customers-by-region', '--format', 'L7163', '--start', '4', '--category', '华东', '--out', 'labels.pdf']);
      assert.equal(labels.code, 0, labels.stderr);
      assert.equal(labels.stdout, '1 label on L7163 sheets → labels.pdf');
      assert.equal(compact(await pdfText(new Uint8Array(await readFile(join(dir, 'labels.pdf'))))), compact('200001 上海市黄浦区南京东路100号 上海宏达贸易有限公司 张伟'));

      // Every customer with every field, into another data directory and out again: the same file.
      const complete = await guanxiIn(dir, ['export-customers', '--out', 'all.csv']);
      assert.equal(complete.code, 0, complete.stderr);
      const all = await readFile(join(dir, 'all.csv'), 'utf8');
      assert.match(all, /^\ufeff客户资料：客户编号,客户资料：客户名称,/);
      assert.match(all, /上海宏达贸易有限公司,[^\r]*,张伟,/);
      const { dir: other, cleanup: cleanupOther } = await tempDir('exchange-cli-restore');
      try {
        await writeFile(join(other, 'all.csv'), all);
        assert.equal((await guanxiIn(other, ['import', 'all.csv'])).code, 0);
        assert.equal((await guanxiIn(other, ['export-customers', '--out', 'again.csv'])).code, 0);
        assert.equal(await readFile(join(other, 'again.csv'), 'utf8'), all);
      } finally {
        await cleanupOther();
      }
    } finally {
      await cleanup();
    }
  });

  test('every deal with its order lines: export-deals, import --deals into another data directory, the same file out again', async () => {
    const { dir, cleanup } = await tempDir('exchange-cli-deals');
    try {
      await withEmbeddedStore(async (t) => {
        await seedDeals(t.store);
        await writeFile(join(dir, 'customers.csv'), await exportCustomerRecordsCsv(t.store.database('crm'), 'zh'));
        await writeFile(join(dir, 'deals.csv'), await exportDealRecordsCsv(t.store.database('crm'), 'zh'));
      });
      assert.equal((await guanxiIn(dir, ['import', 'customers.csv'])).code, 0);
      const imported = await guanxiIn(dir, ['import', '--deals', 'deals.csv']);
      assert.equal(imported.code, 0, imported.stderr);
      assert.equal(imported.stdout, 'deals.csv: 5 rows; imported 3 deals, skipped 0 rows already stored, rejected 0');
      const exported = await guanxiIn(dir, ['export-deals', '--out', 'again.csv']);
      assert.equal(exported.code, 0, exported.stderr);
      assert.equal(await readFile(join(dir, 'again.csv'), 'utf8'), await readFile(join(dir, 'deals.csv'), 'utf8'));
    } finally {
      await cleanup();
    }
  });

  test('a bad file, option or view prints one line and exits 1', async () => {
    const { dir, cleanup } = await tempDir('exchange-cli-bad');
    try {
      await writeFile(join(dir, 'broken.csv'), '客户名称\n"上海\n');
      for (const [args, message] of [
        [['import', 'broken.csv'], /^guanxi: The CSV file is malformed: Quote Not Closed/],
        [['import', 'missing.csv'], /^guanxi: Cannot read missing\.csv: ENOENT/],
        [['import', 'broken.csv', '--policy', 'replace'], /^guanxi: policy must be fill, overwrite or skip/],
        [['labels', 'no-view', '--out', 'x.pdf'], /^guanxi: No view no-view/],
        [['labels', 'customers-by-name', '--format', '{"pageWidth":', '--out', 'x.pdf'], /^guanxi: --format is not valid JSON/],
        [['export', 'mars', 'customers-by-name'], /^guanxi: No database "mars"/],
      ] as const) {
        const { code, stderr } = await guanxiIn(dir, args);
        assert.equal(code, 1, args.join(' '));
        assert.match(stderr, message);
        assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
      }
    } finally {
      await cleanup();
    }
  });
});
