import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { importFile } from '../../server/exchange/import-file.js';
import { exportContactsVCard } from '../../server/exchange/vcard-export.js';
import type { Store } from '../../server/store/store.js';
import { saveContext } from '../helpers/test-store.js';
import { withEmbeddedStore } from '../print/crm-fixture.js';
import { storedRecords } from './stored-records.js';

const ctx = saveContext();
const SAMPLES = new URL('./samples/', import.meta.url);

/** Every record without its attachment stubs (their revpos depends on the store), and each contact's photo as bytes. */
async function recordsAndPhotos(store: Store): Promise<{ records: Record<string, unknown>[]; photos: Map<string, { type: string; bytes: string }> }> {
  const records = (await storedRecords(store)).map(({ _attachments: _files, ...rest }) => rest);
  const crm = store.database('crm');
  const { rows } = await crm.pouch.allDocs({ include_docs: true, attachments: true, binary: true });
  const photos = new Map(rows.flatMap((row) => {
    const files = (row.doc?._attachments ?? {}) as Record<string, { content_type: string; data: Buffer }>;
    return Object.entries(files).map(([name, file]) => [`${String(row.doc!.name)}/${name}`, { type: file.content_type, bytes: Buffer.from(file.data).toString('base64') }] as const);
  }));
  return { records, photos };
}

describe('vCard both ways without loss', () => {
  test('an Android 2.1 and an iPhone 3.0 card survive import → export → import field by field, photos included', () => withEmbeddedStore((first) => withEmbeddedStore(async (second) => {
    const text = (await Promise.all(['android-2.1.vcf', 'iphone-3.0.vcf'].map((name) => readFile(new URL(name, SAMPLES), 'utf8')))).join('');
    const { report } = await importFile(first.store.database('crm'), new Uint8Array(Buffer.from(text)), 'phones.vcf', { policy: 'fill', ctx });
    assert.deepEqual(report.rejected, []);
    assert.equal(report.imported, 4, 'two customers, two contacts');
    const imported = await recordsAndPhotos(first.store);
    const li = imported.records.find((r) => r.name === '李明')!;
    assert.deepEqual(li.phones, [
      { number: '138-0574-6688', types: 'cell' }, { number: '0574-8765-4321', types: 'home' },
      { number: '0574-8888-6666', types: 'work' }, { number: '0574-8888-6667', types: 'fax,work' },
    ], 'the Android TEL;HOME stays, with every other number and its type');
    assert.deepEqual(li.emailTypes, [{ email: 'liming1982@163.com', types: 'home' }, { email: 'liming@haishun-trade.cn', types: 'work' }]);
    assert.deepEqual((li.addresses as { types: string }[]).map((a) => a.types), ['home', 'work']);
    const hans = imported.records.find((r) => r.name === 'Hans Becker')!;
    assert.equal(hans.language, 'en');
    assert.deepEqual(hans.emailTypes, [{ email: 'hans.becker@acme-haushalt.de', types: 'work,pref' }, { email: 'hans.becker@web.de', types: 'home' }]);
    assert.equal(imported.records.find((r) => r.name === 'ACME Haushaltswaren GmbH')!.address, 'Spaldingstraße 64', 'the customer has the work address');
    assert.deepEqual([...imported.photos.keys()].sort(), ['Hans Becker/photo.png', '李明/photo.jpg']);
    assert.equal(imported.photos.get('李明/photo.jpg')!.type, 'image/jpeg');
    assert.deepEqual(report.notKept.map((n) => [n.title, n.items.map((item) => item.split(':')[0])]), [
      ['李明', ['X-ANDROID-CUSTOM']],
      ['Hans Becker', ['PRODID', 'X-ABADR', 'X-ABADR', 'X-ABLABEL', 'X-SOCIALPROFILE']],
    ], 'what has no place is named, card by card');

    const exported = await exportContactsVCard(first.store.database('crm'));
    const again = await importFile(second.store.database('crm'), new Uint8Array(Buffer.from(exported)), 'guanxi.vcf', { policy: 'fill', ctx });
    assert.deepEqual(again.report.rejected, []);
    assert.deepEqual(again.report.notKept, [], 'Guanxi’s own export holds nothing it cannot read back');
    const back = await recordsAndPhotos(second.store);
    assert.deepEqual(back.records, imported.records);
    assert.deepEqual(back.photos, imported.photos);
    assert.equal(await exportContactsVCard(second.store.database('crm')), exported);
  })));
});
