import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { attachmentNameProblem, attachmentSize, MB, safeAttachmentName } from '../../design/attachment-rules.js';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { SERVER_USER, type UserContext } from '../../design/user.js';
import { validate } from '../../design/validate.js';

const WANG: UserContext = { name: '王芳', roles: ['[Sales]'] };
const NOW = '2026-03-01T08:00:00.000Z';

/** The errors a save gets, as `field: English message`. */
function errorsOf(doc: Doc, user: UserContext = WANG, oldDoc: Doc | null = null): string[] {
  return validate(prepareForSave(doc, oldDoc, { now: NOW, user }), oldDoc, user).map((e) => `${e.field}: ${e.message.en}`);
}

const deal = (files: Record<string, unknown>): Doc => ({ _id: 'deal-1', form: 'Deal', name: '汉堡阀门订单', customerId: 'cust-1', _attachments: files });
const pdf = (bytes: number) => ({ content_type: 'application/pdf', data: new Uint8Array(bytes) });

describe('files on documents', () => {
  test('a deal takes files with Chinese names, new or kept as stubs', () => {
    assert.deepEqual(errorsOf(deal({ '报价单.pdf': pdf(2048), 'contract.pdf': { stub: true, length: 5 * MB, digest: 'md5-x', content_type: 'application/pdf' } })), []);
  });

  test('a form that takes no files refuses them, in Chinese and English', () => {
    const doc = { _id: 'c1', form: 'Customer', name: '宁波泵阀', _attachments: { 'a.pdf': pdf(10) } };
    const errors = validate(prepareForSave(doc, null, { now: NOW, user: WANG }), null, WANG).filter((e) => e.field === '_attachments');
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message.zh, /不能附加文件/);
    assert.match(errors[0]!.message.en, /do not take files/);
  });

  test('a file over the per-file limit is refused and named, whichever way it is carried', () => {
    assert.deepEqual(errorsOf(deal({ '大图纸.pdf': pdf(10 * MB + 1) })),
      ['_attachments: The file “大图纸.pdf” (10485761 B) is larger than the 10.0 MB allowed per file']);
    assert.match(errorsOf(deal({ '大图纸.pdf': pdf(12 * MB) }))[0]!, /\(12\.0 MB\)/);
    assert.equal(attachmentSize({ data: Buffer.alloc(11).toString('base64') }), 11);
    assert.equal(attachmentSize({ data: 'YQ==' }), 1);
    assert.equal(attachmentSize({ stub: true, length: 7 }), 7);
    assert.equal(attachmentSize({ data: new Blob(['合同']) }), 6);
  });

  test('the files of one document together are limited too', () => {
    const files = Object.fromEntries([1, 2, 3, 4].map((n) => [`第${n}页.pdf`, pdf(8 * MB)]));
    assert.deepEqual(errorsOf(deal(files)), ['_attachments: The files come to 32.0 MB, more than the 30.0 MB allowed per document']);
  });

  test('names that CouchDB or a disk would refuse are refused', () => {
    for (const name of ['_design.pdf', ' ', 'a\nb.pdf', `${'长'.repeat(256)}.pdf`, `${'长'.repeat(85)}.pdf`, 'a\u0000.pdf', 'a\u0085.pdf', 'x\u2028y.pdf']) {
      assert.equal(errorsOf(deal({ [name]: pdf(1) })).length, 1, JSON.stringify(name));
    }
    assert.deepEqual(errorsOf(deal({ [`${'长'.repeat(80)}.pdf`]: pdf(1), '报价单 (2) v1.2.pdf': pdf(1) })), []);
  });

  test('../../../../etc/passwd is refused on save: no separators, no .., on the workstation and the server alike', () => {
    for (const name of ['../../../../etc/passwd', 'a/b.pdf', 'a\\b.pdf', '..', 'report..pdf']) {
      assert.match(attachmentNameProblem(name)?.en ?? '', /may not contain “\/”, “\\” or “\.\.”/, name);
      assert.equal(errorsOf(deal({ [name]: pdf(1) })).length, 1, name);
    }
  });

  test('a name that reads backwards (U+202E, “exe.pdf” shown as “fdp.exe”) is refused, and the message shows the mark', () => {
    const problem = attachmentNameProblem('invoice\u202Efdp.exe');
    assert.match(problem?.en ?? '', /invoice\\u202efdp\.exe.*text direction marks/);
    assert.ok(!problem!.en.includes('\u202E'));
  });

  test('a received mail\'s file name is made to pass the rule', () => {
    for (const name of ['../../../../etc/passwd', '_x.pdf', 'a\r\nb.pdf', 'invoice\u202Efdp.exe', `${'长'.repeat(200)}.pdf`, '..', '']) {
      const safe = safeAttachmentName(name, 8);
      assert.equal(attachmentNameProblem(safe), null, `${JSON.stringify(name)} → ${JSON.stringify(safe)}`);
      assert.equal(attachmentNameProblem(`${safe} (2)`), null, `${JSON.stringify(name)} numbered`);
    }
    assert.equal(safeAttachmentName('报价单.pdf'), '报价单.pdf');
  });

  test('a file whose size cannot be told is refused', () => {
    assert.deepEqual(errorsOf(deal({ 'x.pdf': { content_type: 'application/pdf' } })), ['_attachments: The size of the file “x.pdf” cannot be told']);
  });

  test('outgoing mail takes files while a draft; received mail keeps the files the gateway filed', () => {
    const draft = { _id: 'm1', form: 'MailMessage', direction: 'out', status: 'draft', subject: '报价', _attachments: { '报价单.pdf': pdf(100) } };
    assert.deepEqual(errorsOf(draft), []);
    const received = prepareForSave({ _id: 'm2', form: 'MailMessage', direction: 'in', status: 'received', _attachments: { 'a.pdf': pdf(30 * MB) } }, null, { now: NOW, user: SERVER_USER });
    assert.deepEqual(validate(received, null, SERVER_USER), [], 'the server files a large received mail');
    const stored = { ...received, _rev: '1-a', _attachments: { 'a.pdf': { stub: true, length: 30 * MB, digest: 'md5-a' } } };
    assert.deepEqual(errorsOf({ ...stored, _attachments: { ...stored._attachments, 'b.pdf': pdf(1) } }, WANG, stored),
      ['_attachments: The attachments of this e-mail cannot be changed']);
  });

  test('only the fax gateway writes a fax’s pages', () => {
    const fax = { _id: 'f1', form: 'Fax', faxNumber: '+86 21 1234 5678', subject: '报价', _attachments: { 'fax.pdf': pdf(100) } };
    assert.deepEqual(errorsOf(fax, SERVER_USER), []);
    assert.deepEqual(errorsOf(fax), ['_attachments: The fax pages of this fax cannot be changed']);
  });
});
