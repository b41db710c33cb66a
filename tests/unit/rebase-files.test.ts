import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rebaseDraft } from '../../client/controllers/rebase-draft.js';
import { withFileRemoved, withFilesAdded } from '../../client/controllers/document-files.js';
import type { Doc } from '../../design/form.js';

const stub = (digest: string) => ({ stub: true, length: 3, digest, content_type: 'application/pdf' });

test('a file a colleague added while a person edited the files is kept; the person\'s adds and removals apply', () => {
  const base: Doc = { _id: 'd', _rev: '1-a', form: 'Deal', _attachments: { '旧报价.pdf': stub('md5-old'), '合同.pdf': stub('md5-c') } };
  const latest: Doc = { ...base, _rev: '2-b', _attachments: { ...base._attachments as object, '同事的.pdf': stub('md5-x') } };
  const added = { ...base, _attachments: withFilesAdded(base, [new File(['新'], '新报价.pdf', { type: 'application/pdf' })]) };
  const draft = { ...added, _attachments: withFileRemoved(added, '旧报价.pdf') };
  const rebased = rebaseDraft(draft, base, latest);
  assert.deepEqual(Object.keys(rebased._attachments as object).sort(), ['合同.pdf', '同事的.pdf', '新报价.pdf']);
  assert.equal(rebased._rev, '2-b');
});

test('removing the last file removes the item', () => {
  const base: Doc = { _id: 'd', _rev: '1-a', _attachments: { 'a.pdf': stub('md5-a') } };
  const draft = { ...base, _attachments: withFileRemoved(base, 'a.pdf') };
  assert.equal('_attachments' in rebaseDraft(draft, base, { ...base, _rev: '2-b' }), false);
});
