import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { inquirySnippet, subscribeSnippet } from '../../design/web-form-snippet.js';

test('the snippets in docs/web-capture.md are the ones the workstation offers', async () => {
  const doc = await readFile(new URL('../../docs/web-capture.md', import.meta.url), 'utf8');
  const blocks = [...doc.matchAll(/```html\n([\s\S]*?)\n```/g)].map((m) => m[1]);
  assert.deepEqual(blocks, [
    inquirySnippet('https://crm.example.com', 'webform-…', 'I agree that my details are kept to answer this inquiry.', 'en'),
    subscribeSnippet('https://crm.example.com', 'webform-…', 'en'),
  ]);
});

test('what an administrator types into the form cannot break out of the snippet\'s markup', () => {
  const snippet = inquirySnippet('https://crm.example.com/', 'webform-"><script>x</script>', '同意 <b>保存</b> & 联系', 'zh');
  assert.ok(snippet.startsWith('<form action="https://crm.example.com/web/inquiry"'));
  assert.ok(!snippet.includes('<script>') && !snippet.includes('<b>'));
  assert.match(snippet, /同意 &lt;b&gt;保存&lt;\/b&gt; &amp; 联系/);
});
