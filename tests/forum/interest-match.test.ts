import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchInterests, type ForumPost, type Interests } from '../../design/interest-match.js';

const nobody: Interests = { owner: '王芳', categories: [], authors: [], words: [], threads: [] };
const post = (extra: Partial<ForumPost>): ForumPost => ({
  id: 'p1', subject: '', body: '', author: '张三', categories: [], threadId: 'p1', ...extra,
});
const kinds = (interests: Partial<Interests>, p: Partial<ForumPost>) =>
  matchInterests({ ...nobody, ...interests }, post(p)).map((r) => `${r.kind}:${r.value}`);

describe('interest matching', () => {
  test('a Chinese word matches anywhere in the subject or body, with no spaces around it', () => {
    assert.deepEqual(kinds({ words: ['报价'] }, { subject: '德国客户要求尽快报价' }), ['word:报价']);
    assert.deepEqual(kinds({ words: ['报价'] }, { body: '第一行\n请在周五前给出报价单。' }), ['word:报价']);
    assert.deepEqual(kinds({ words: ['报价'] }, { subject: '报关流程' }), []);
    assert.deepEqual(kinds({ words: ['球阀'] }, { subject: 'DN50球阀漏水' }), ['word:球阀'], 'next to Latin letters and digits');
  });

  test('a Latin word matches as a whole word, whatever its case or width', () => {
    assert.deepEqual(kinds({ words: ['ISO'] }, { subject: '通过了 ISO 9001 认证' }), ['word:ISO']);
    assert.deepEqual(kinds({ words: ['iso'] }, { subject: 'ＩＳＯ认证' }), ['word:iso'], 'full-width letters next to Chinese');
    assert.deepEqual(kinds({ words: ['ISO'] }, { subject: 'isolate the fault' }), []);
    assert.deepEqual(kinds({ words: ['price list'] }, { body: 'New PRICE LIST for 2027.' }), ['word:price list']);
    assert.deepEqual(kinds({ words: ['café'] }, { body: 'CAFÉ order' }), ['word:café']);
  });

  test('blank words and an empty post never match', () => {
    assert.deepEqual(kinds({ words: ['', '  '] }, { subject: '任何内容' }), []);
    assert.deepEqual(kinds({ words: ['报价'] }, {}), []);
  });

  test('categories: the post\'s thread categories, any of several, folded', () => {
    assert.deepEqual(kinds({ categories: ['展会'] }, { categories: ['市场', '展会'] }), ['category:展会']);
    assert.deepEqual(kinds({ categories: ['Trade Fair'] }, { categories: ['trade fair'] }), ['category:Trade Fair']);
    assert.deepEqual(kinds({ categories: ['展会'] }, { categories: ['展会安排'] }), [], 'a category is matched whole, not as a word');
  });

  test('authors, by their name in the directory', () => {
    assert.deepEqual(kinds({ authors: ['张三', '李四'] }, { author: '张三' }), ['author:张三']);
    assert.deepEqual(kinds({ authors: ['张三丰'] }, { author: '张三' }), []);
  });

  test('a followed thread: every new response in it, not the topic itself', () => {
    assert.deepEqual(kinds({ threads: ['topic-9'] }, { id: 'r1', threadId: 'topic-9' }), ['thread:topic-9']);
    assert.deepEqual(kinds({ threads: ['topic-9'] }, { id: 'topic-9', threadId: 'topic-9' }), []);
    assert.deepEqual(kinds({ threads: ['topic-9'] }, { id: 'r2', threadId: 'topic-8' }), []);
  });

  test('every reason is given, in the order of the profile', () => {
    assert.deepEqual(
      kinds({ categories: ['报价'], authors: ['张三'], words: ['阀门', 'DN50'], threads: ['t'] }, { id: 'r', threadId: 't', subject: 'DN50 阀门报价', categories: ['报价'] }),
      ['category:报价', 'author:张三', 'word:阀门', 'word:DN50', 'thread:t'],
    );
  });

  test('one\'s own posts never match', () => {
    assert.deepEqual(kinds({ authors: ['王芳'], words: ['报价'] }, { author: '王芳', subject: '报价' }), []);
  });
});
