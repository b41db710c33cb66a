import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { importFile } from '../../server/exchange/import-file.js';
import { recordsFromVCards } from '../../server/exchange/vcard-import.js';
import { exportContactsVCard, fold, vCardOf } from '../../server/exchange/vcard-export.js';
import { saveContext } from '../helpers/test-store.js';
import { seedCrm, withEmbeddedStore } from '../print/crm-fixture.js';
import { storedRecords } from './stored-records.js';

const ctx = saveContext();

/** QUOTED-PRINTABLE of `text` in `charset`, as an old phone writes it: every byte above ASCII as =XX. */
function qp(text: string, charset: string): string {
  return [...iconv.encode(text, charset)].map((byte) => (byte >= 0x80 || byte === 0x3d ? `=${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte))).join('');
}

const org = qp('上海宏达贸易有限公司;采购部', 'gb2312');
const CARDS = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  `N;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:${qp('张', 'gb2312')};${qp('伟', 'gb2312')};;;`,
  `FN;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:${qp('张伟', 'gb2312')}`,
  // A soft line break in the middle of the quoted-printable value.
  `ORG;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:${org.slice(0, 20)}=`,
  org.slice(20),
  'TITLE:经理',
  'TEL;TYPE=WORK,VOICE:021-5555 1234',
  'TEL;TYPE=CELL:138 0013 8000',
  'EMAIL;TYPE=INTERNET:zhangwei@hongda.cn',
  'item1.EMAIL;TYPE=INTERNET:zw@hongda.cn',
  'ADR;TYPE=WORK:;;南京东路100号;上海;上海;200001;中国',
  'NOTE:first line\\nsecond line\\, with a comma\\; a semicolon and a folded',
  '  continuation',
  'BDAY:1985-04-12',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:2.1',
  'N:Smith;Mary',
  'TEL;CELL;VOICE:+1 212 555 0100',
  'EMAIL;PREF;INTERNET:mary@pacific.com',
  'ORG:Pacific Imports Inc.',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Jürgen Weiß',
  'ORG:Atlas Hardware GmbH;Einkauf',
  'TEL;VALUE=uri;TYPE="work,voice":tel:+49-40-1234567',
  'TEL;TYPE=fax:+49-40-1234568',
  'EMAIL:j.weiss@atlas.de',
  'BDAY:--0412',
  'X-ABLabel:ignored',
  'END:VCARD',
  '',
].join('\r\n');

describe('vCard', () => {
  test('import: several cards of versions 3.0, 2.1 and 4.0, quoted-printable in GB2312 with a soft line break, folded lines, escapes', () => {
    assert.deepEqual(recordsFromVCards(CARDS), [
      {
        row: 1,
        customer: { name: '上海宏达贸易有限公司', address: '南京东路100号', city: '上海', province: 'CN-SH', postcode: '200001', country: 'CN' },
        contact: {
          name: '张伟', department: '采购部', title: '经理', phone: '021-5555 1234', mobile: '138 0013 8000', emails: ['zhangwei@hongda.cn', 'zw@hongda.cn'],
          phones: [{ number: '021-5555 1234', types: 'work,voice' }, { number: '138 0013 8000', types: 'cell' }],
          addresses: [{ types: 'work', street: '南京东路100号', city: '上海', region: '上海', postcode: '200001', country: '中国' }],
          birthday: '1985-04-12', notes: 'first line\nsecond line, with a comma; a semicolon and a folded continuation',
        },
      },
      {
        row: 17, customer: { name: 'Pacific Imports Inc.' },
        contact: { name: 'Mary Smith', mobile: '+1 212 555 0100', phones: [{ number: '+1 212 555 0100', types: 'cell,voice' }], emails: ['mary@pacific.com'], emailTypes: [{ email: 'mary@pacific.com', types: 'pref' }] },
      },
      {
        row: 24, customer: { name: 'Atlas Hardware GmbH', fax: '+49-40-1234568' },
        contact: { name: 'Jürgen Weiß', department: 'Einkauf', phone: '+49-40-1234567', phones: [{ number: '+49-40-1234567', types: 'work,voice' }, { number: '+49-40-1234568', types: 'fax' }], emails: ['j.weiss@atlas.de'] },
        notKept: ['X-ABLABEL:ignored'],
      },
    ]);
  });

  test('import: a file in GBK as a whole reads too, and cards without a customer are rejected by name', () => withEmbeddedStore(async (t) => {
    const text = 'BEGIN:VCARD\nVERSION:3.0\nFN:王芳\nORG:宁波海顺\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:无名公司的人\nEND:VCARD\n';
    const { file, report } = await importFile(t.store.database('crm'), new Uint8Array(iconv.encode(text, 'gbk')), '名片.vcf', { policy: 'fill', ctx });
    assert.equal(file.encoding, 'gb18030');
    assert.equal(report.imported, 2);
    assert.deepEqual(report.rejected.map((r) => r.row), [6]);
    assert.ok((await storedRecords(t.store)).some((r) => r.name === '王芳' && r.customer === '宁波海顺'));
  }));

  test('import: what is not a vCard is an error naming its line', () => {
    assert.throws(() => recordsFromVCards('BEGIN:VCARD\nVERSION:5.0\nFN:x\nEND:VCARD\n'), /begins on line 1 is of version "5.0"/);
    assert.throws(() => recordsFromVCards('BEGIN:VCARD\nVERSION:3.0\nFN:x\nBEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n'), /begins on line 1 has no END:VCARD before the next one begins on line 4/);
    assert.throws(() => recordsFromVCards('BEGIN:VCARD\nVERSION:3.0\nthis is no property\nEND:VCARD\n'), /Line 3 of the vCard file is not a property/);
    assert.throws(() => recordsFromVCards('END:VCARD\n'), /END:VCARD on line 1 ends no vCard/);
    assert.throws(() => recordsFromVCards('name,phone\n'), /holds no vCard/);
    assert.throws(() => recordsFromVCards('BEGIN:VCARD\nVERSION:3.0\nFN;CHARSET=X-NOPE;ENCODING=QUOTED-PRINTABLE:=41\nEND:VCARD\n'), /Line 3 of the vCard file names an unknown CHARSET "X-NOPE"/);
  });

  test('export: vCard 4.0 with RFC 6350 escapes, lines folded at 75 octets and never inside a UTF-8 character', () => {
    const notes = '客户主要采购LED灯具，每年两次大单；付款方式为30%预付，70%见提单副本。\nSecond line, with commas; and a backslash \\ too.';
    const card = vCardOf(
      { form: 'Contact', name: '欧阳明', department: '外贸部', title: '经理', phone: '+86 574 8888 6666', mobile: '13900001111', emails: ['ouyang@haishun.cn'], birthday: '1980-01-31', notes },
      { form: 'Customer', name: '宁波海顺进出口有限公司; Ningbo', address: '鄞州区天童南路588号', city: '宁波', province: '浙江', postcode: '315000', country: '中国', fax: '+86 574 8888 6667' },
    );
    const lines = card.split('\r\n');
    assert.equal(lines.pop(), '', 'every line ends in CRLF');
    for (const line of lines) {
      assert.ok(Buffer.byteLength(line) <= 75, `${Buffer.byteLength(line)} octets: ${line}`);
      new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(line));
    }
    const unfolded = card.replace(/\r\n /g, '');
    assert.match(unfolded, /^BEGIN:VCARD\r\nVERSION:4\.0\r\nFN:欧阳明\r\nN:欧阳;明;;;\r\n/);
    assert.match(unfolded, /\r\nORG:宁波海顺进出口有限公司\\; Ningbo;外贸部\r\n/);
    assert.match(unfolded, /\r\nTEL;VALUE=text;TYPE=cell:13900001111\r\n/);
    assert.match(unfolded, /\r\nADR;TYPE=work:;;鄞州区天童南路588号;宁波;浙江;315000;中国\r\n/);
    assert.match(unfolded, /\r\nBDAY:19800131\r\n/);
    assert.ok(unfolded.includes('NOTE:客户主要采购LED灯具\\，'.replace('\\，', '，')));
    assert.ok(unfolded.includes('副本。\\nSecond line\\, with commas\\; and a backslash \\\\ too.'));
    assert.equal(fold('x'.repeat(75)), 'x'.repeat(75));
    assert.equal(fold('x'.repeat(76)), `${'x'.repeat(75)}\r\n x`);
    assert.equal(fold(`${'x'.repeat(74)}张`), `${'x'.repeat(74)}\r\n 张`, 'a three-octet character goes whole onto the next line');
    const [record] = recordsFromVCards(card);
    assert.equal(record!.contact!.notes, notes);
    assert.equal(record!.customer!.name, '宁波海顺进出口有限公司; Ningbo');
  });

  test('round trip: contacts exported and imported into an empty store are the same records, and export the same again', () => withEmbeddedStore((source) => withEmbeddedStore(async (target) => {
    const { contacts } = await seedCrm(source.store, 30);
    const exported = await exportContactsVCard(source.store.database('crm'));
    assert.equal(exported.match(/BEGIN:VCARD/g)!.length, contacts.length);
    const { report } = await importFile(target.store.database('crm'), new Uint8Array(Buffer.from(exported)), 'contacts.vcf', { policy: 'fill', ctx });
    assert.deepEqual(report.rejected, []);
    assert.equal(await exportContactsVCard(target.store.database('crm')), exported);

    // What a vCard carries; an empty field is the same as none.
    const carried = (records: Record<string, unknown>[]) => records.filter((r) => r.form === 'Contact').map((r) => {
      const fields = ['name', 'department', 'title', 'phone', 'mobile', 'emails', 'birthday', 'notes', 'customerName'];
      return JSON.stringify(Object.fromEntries(fields.filter((f) => r[f] !== undefined && r[f] !== '').map((f) => [f, r[f]])));
    }).sort();
    assert.deepEqual(carried(await storedRecords(target.store)), carried(await storedRecords(source.store)));
  })));
});
