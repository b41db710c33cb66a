import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { customerForm } from '../../design/forms/customer.js';
import { parseCsv } from '../../server/exchange/csv-import.js';
import { safeCell, unsafeCell } from '../../server/exchange/csv-write.js';
import { decodeText } from '../../server/exchange/decode-text.js';
import { emailKey, nameKey, phoneKey } from '../../server/exchange/find-duplicates.js';
import { fieldValue } from '../../server/exchange/import-values.js';

describe('duplicate keys', () => {
  test('names fold width, case, spaces and punctuation, but homophones stay apart', () => {
    assert.equal(nameKey('ＡＢＣ Trading Co., Ltd.'), nameKey('abc trading co ltd'));
    assert.equal(nameKey('上海 宏达（集团）'), nameKey('上海宏达(集团)'));
    assert.equal(nameKey('Société Générale'), nameKey('SOCIETE GENERALE'));
    assert.notEqual(nameKey('张伟'), nameKey('章伟'));
    assert.equal(nameKey('——'), '');
  });

  test('phones: digits only, China’s country code and trunk zero and extensions left out', () => {
    for (const same of ['+86 (0)21 5555-1234', '021 55551234', '86-21-55551234', '0086 21 5555 1234', '021-5555 1234 转 808', '(021) 5555-1234 ext. 12']) {
      assert.equal(phoneKey(same), '2155551234', same);
    }
    assert.equal(phoneKey('+86 138 0013 8000'), phoneKey('13800138000'));
    assert.equal(phoneKey('+49 40 1234567'), '49401234567');
    assert.equal(phoneKey('110'), null, 'too short to tell anyone apart');
    assert.equal(emailKey(' Sales@ABC.com '), 'sales@abc.com');
  });
});

describe('cell values', () => {
  const { fields } = customerForm;
  test('as people type them in Excel', () => {
    assert.equal(fieldValue(fields.annualVolume, '¥1,234.50'), 1234.5);
    assert.equal(fieldValue(fields.annualVolume, '１２３'), 123);
    assert.equal(fieldValue(fields.annualVolume, 'lots'), 'lots', 'kept for validation to refuse');
    assert.equal(fieldValue(fields.firstContact, '2024/3/5'), '2024-03-05');
    assert.equal(fieldValue(fields.firstContact, '2024年3月5日'), '2024-03-05');
    assert.equal(fieldValue(fields.firstContact, '2024.03.05 14:30'), '2024-03-05');
    assert.equal(fieldValue(fields.firstContact, '20240305'), '2024-03-05');
    assert.equal(fieldValue(fields.category, '合作伙伴'), 'partner');
    assert.equal(fieldValue(fields.category, 'AGENT'), 'agent');
    assert.deepEqual(fieldValue(fields.tags, 'VIP、老客户; OEM，样品'), ['VIP', '老客户', 'OEM', '样品']);
    assert.equal(fieldValue(fields.name, '  '), undefined);
    assert.equal(fieldValue(fields.phone, "'+86 21 5555 1234"), '+86 21 5555 1234', 'the apostrophe an export added');
  });

  test('formula neutralising and its undoing are inverse', () => {
    for (const text of ['=1+1', '+86', '-5', '@SUM(A1)', '\tx', '\rx', 'plain', "'quoted", '']) assert.equal(unsafeCell(safeCell(text)), text);
    assert.equal(safeCell('=HYPERLINK("x")'), '\'=HYPERLINK("x")');
    assert.equal(safeCell('上海'), '上海');
  });
});

describe('reading text files', () => {
  test('UTF-8, UTF-8 with BOM, UTF-16 with BOM and GB18030 are told apart', () => {
    const text = '客户名称,城市\n上海宏达,上海\n';
    assert.deepEqual(decodeText(new Uint8Array(Buffer.from(text))), { text, encoding: 'utf-8' });
    assert.deepEqual(decodeText(new Uint8Array(Buffer.from(`\ufeff${text}`))), { text, encoding: 'utf-8-bom' });
    assert.deepEqual(decodeText(new Uint8Array([0xfe, 0xff, ...iconv.encode(text, 'utf-16be')])), { text, encoding: 'utf-16be' });
    assert.deepEqual(decodeText(new Uint8Array(iconv.encode(text, 'gbk'))), { text, encoding: 'gb18030' });
    const traditional = '客戶名稱,城市\n台北宏達,臺北\n';
    assert.deepEqual(decodeText(new Uint8Array(iconv.encode(traditional, 'big5')), 'big5'), { text: traditional, encoding: 'big5' });
    assert.throws(() => decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xd5, 0xc5])), /says it is UTF-8 \(with byte-order mark\) but holds bytes that are not UTF-8/);
  });

  test('CSV: the delimiter from the header line, quoted line breaks, row numbers as Excel shows them', () => {
    const table = parseCsv('名称;备注;城市\n"宏达; 上海";"第一行\n第二行";上海\n\n  \nAtlas;;Hamburg\n');
    assert.equal(table.delimiter, ';');
    assert.deepEqual(table.headers, ['名称', '备注', '城市']);
    assert.deepEqual(table.rows, [{ row: 2, cells: ['宏达; 上海', '第一行\n第二行', '上海'] }, { row: 5, cells: ['Atlas', '', 'Hamburg'] }]);
    assert.equal(parseCsv('a\tb\n1\t2\n').delimiter, '\t');
    assert.deepEqual(parseCsv('a,,c\n').headers, ['a', '#2', 'c']);
    assert.throws(() => parseCsv(''), /The CSV file is empty/);
  });
});
