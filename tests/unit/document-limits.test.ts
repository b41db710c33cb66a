import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { docIdProblem } from '../../design/doc-id-rules.js';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { SERVER_USER, type UserContext } from '../../design/user.js';
import { MAX_DOC_BYTES, validate } from '../../design/validate.js';
import { newDocId } from '../../server/store/doc-id.js';

const WANG: UserContext = { name: '王芳', roles: ['[Sales]'] };
const NOW = '2026-03-01T08:00:00.000Z';

function errorsOf(doc: Doc, user: UserContext = WANG): string[] {
  return validate(prepareForSave(doc, null, { now: NOW, user }), null, user).map((e) => `${e.field}: ${e.message.en}`);
}

describe('limits that protect everyone who replicates a document', () => {
  test('the ids the gateway once took and /api refused are refused on every path: CR/LF, NUL, /, spaces, U+202E, 5,000 characters', () => {
    for (const id of ['a\r\nb', 'a\u0000b', 'a/b', 'a b', 'abc\u202Efdp', 'x'.repeat(5000), '客户1', '', '_design/x', '../etc']) {
      assert.ok(docIdProblem(id), JSON.stringify(id.slice(0, 20)));
    }
    for (const id of [newDocId(), 'crm-settings', 'person-e78e8be88ab3', 'interest-e78e8b-0abc:1', 'mail-3f2a@example.com', 'x'.repeat(200)]) {
      assert.equal(docIdProblem(id), null, id.slice(0, 40));
    }
    assert.ok(docIdProblem(42));
    assert.match(docIdProblem('x'.repeat(5000))!, /\(5000 characters\)/);
  });

  test('a form refuses fields it does not declare, and names them', () => {
    assert.deepEqual(errorsOf({ form: 'Customer', name: '宁波泵阀', favouriteColour: 'red' }), ['favouriteColour: Customer has no such fields: "favouriteColour"']);
    assert.deepEqual(errorsOf({ form: 'Customer', name: '宁波泵阀', customFields: [{ name: '开户行', value: '中国银行' }] }).filter((e) => !e.startsWith('customFields.0.name')), []);
  });

  test('a Customer with 100,000 fields is refused with one message, not 100,000', () => {
    const doc: Doc = { form: 'Customer', name: '宁波泵阀' };
    for (let i = 0; i < 100_000; i++) doc[`f${i}`] = 'value';
    const errors = errorsOf(doc);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /has no such fields: "f0", "f1", "f2", "f3", "f4" … \(100000\)/);
  });

  test('custom fields are bounded: at most 100 on a customer', () => {
    const rows = (n: number) => Array.from({ length: n }, () => ({ name: '开户行', value: '中国银行' }));
    assert.ok(!errorsOf({ form: 'Customer', name: '宁波泵阀', customFields: rows(100) }).some((e) => /at most/.test(e)));
    assert.ok(errorsOf({ form: 'Customer', name: '宁波泵阀', customFields: rows(101) }).includes('customFields: Custom fields may have at most 100 entries'));
  });

  test(`a person's document over ${MAX_DOC_BYTES / 1024} KB besides its files is refused; the server's own (a received mail) is not`, () => {
    const notes = '备注'.repeat(10_000);
    const orderLines = Array.from({ length: 60 }, () => ({ product: 'DN50 闸阀', quantity: 1, price: 1, notes }));
    const deal: Doc = { form: 'Deal', name: '大订单', customerId: 'cust-1', orderLines };
    assert.ok(errorsOf(deal).some((e) => /too large/.test(e)), JSON.stringify(errorsOf(deal)).slice(0, 300));
    assert.ok(!errorsOf(deal, SERVER_USER).some((e) => /too large/.test(e)));
  });
});
