import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareForSave } from '../../design/prepare-doc.js';
import { validate } from '../../design/validate.js';

const user = { name: '王芳', roles: [] };
const phoneErrors = (phone: string) => {
  const doc = prepareForSave({ form: 'Customer', name: '宁波阀门', phone }, null, { user, now: '2026-03-02T10:00:00.000Z' });
  return validate(doc, null, user).filter((e) => e.field === 'phone').map((e) => e.message.en);
};

test('a phone number may be written with spaces, dashes and an extension, as people and Excel write them', () => {
  for (const phone of ['+86 574 8765 4321', '0574-87654321 转 123', '(0574) 8765.4321 ext. 12', '+86\u00a0574\u00a087654321']) {
    assert.deepEqual(phoneErrors(phone), [], phone);
  }
});

test('a phone number with a line break is refused: it would reach fax dial strings and mail headers', () => {
  for (const phone of ['+86 574 8765 4321\r\nBcc: spy@example.com', '0574\n87654321']) {
    assert.deepEqual(phoneErrors(phone), ['Phone is not in a valid format'], JSON.stringify(phone));
  }
});
