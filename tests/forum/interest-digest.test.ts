import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ForumPost } from '../../design/interest-match.js';
import { validate } from '../../design/validate.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { SERVER_USER } from '../../design/user.js';
import { addToDigest, mergeDigestLeaves, nextDigestTime } from '../../server/interest/interest-notice-docs.js';

const post = (i: number): ForumPost => ({ id: `p${i}`, threadId: `p${i}`, subject: `第${i}批阀门报价`.repeat(3), body: '', author: '张三', categories: [] });
const entry = (i: number) => ({ post: post(i), reasons: [{ kind: 'word' as const, value: '报价' }] });
const DUE = '2026-03-11T00:00:00.000Z';

describe('interest digests', () => {
  test('each post once, however often it is added', () => {
    const first = addToDigest(null, '王芳', DUE, [entry(1), entry(2), entry(1)])!;
    assert.equal(first.added, 2);
    assert.equal(String(first.doc.body).split('\n').length, 2);
    assert.equal(addToDigest(first.doc, '王芳', DUE, [entry(2)]), null);
    const second = addToDigest(first.doc, '王芳', DUE, [entry(2), entry(3)])!;
    assert.equal(second.added, 1);
    assert.match(String(second.doc.body).split('\n')[2]!, /第3批阀门报价.*#\/discussion\/all-documents\/p3$/);
  });

  test('a busy day fills the digest up to what a notice holds, then points to the forum; it stays a valid notice', () => {
    const full = addToDigest(null, '王芳', DUE, Array.from({ length: 1000 }, (_, i) => entry(i)))!;
    const body = String(full.doc.body);
    assert.ok(body.length <= 20000, `${body.length} characters`);
    assert.match(body, /More posts in the forum$/);
    assert.equal(full.added, body.split('\n').length - 1);
    assert.equal(addToDigest(full.doc, '王芳', DUE, [entry(5000)]), null);
    const saved = prepareForSave(full.doc, null, { now: DUE, user: SERVER_USER });
    assert.deepEqual(validate(saved, null, SERVER_USER), []);
  });

  test('two leaves of one digest, written by two servers at once, merge into one that lists every post once', () => {
    const base = addToDigest(null, '王芳', DUE, [entry(1)])!.doc;
    const onNodeA = addToDigest(base, '王芳', DUE, [entry(2)])!.doc;
    const onNodeB = addToDigest(base, '王芳', DUE, [entry(3), entry(2)])!.doc;
    const lines = String(mergeDigestLeaves(onNodeA, [onNodeB]).body).split('\n');
    assert.deepEqual(lines.map((line) => line.slice(line.lastIndexOf('/') + 1)), ['p1', 'p2', 'p3']);
    // Two full leaves still make one notice within what a notice holds, ending with the pointer to the forum.
    const full = (from: number) => addToDigest(null, '王芳', DUE, Array.from({ length: 400 }, (_, i) => entry(from + i)))!.doc;
    const merged = String(mergeDigestLeaves(full(0), [full(1000)]).body);
    assert.ok(merged.length <= 20000, `${merged.length} characters`);
    assert.match(merged, /More posts in the forum$/);
    assert.equal(merged.split('\n').filter((line) => /More posts/.test(line)).length, 1);
  });

  test('digests are due at the next digest hour', () => {
    assert.equal(nextDigestTime(new Date('2026-03-10T09:30:00.000Z'), 0), '2026-03-11T00:00:00.000Z');
    assert.equal(nextDigestTime(new Date('2026-03-10T09:30:00.000Z'), 12), '2026-03-10T12:00:00.000Z');
    assert.equal(nextDigestTime(new Date('2026-03-10T12:00:00.000Z'), 12), '2026-03-11T12:00:00.000Z', 'not the hour that has just begun');
    assert.equal(nextDigestTime(new Date('2026-12-31T23:00:00.000Z'), 0), '2027-01-01T00:00:00.000Z');
  });
});
