import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { afterFailure, FREE_ATTEMPTS, isLockedOut, NO_FAILURES, type AttemptState } from '../../server/auth/lockout.js';
import { hashPassword, verifyPassword } from '../../server/auth/password-hash.js';
import { checkNewPassword } from '../../server/auth/password-policy.js';

describe('lockout', () => {
  test('free attempts, then a minute, doubling with each failure, up to an hour', () => {
    const now = Date.parse('2026-03-01T09:00:00.000Z');
    let state: AttemptState = NO_FAILURES;
    const locks: number[] = [];
    for (let i = 0; i < FREE_ATTEMPTS + 8; i++) {
      state = afterFailure(state, now);
      locks.push(state.lockedUntil === null ? 0 : (Date.parse(state.lockedUntil) - now) / 60_000);
    }
    assert.deepEqual(locks, [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
    assert.equal(isLockedOut(state, now + 59 * 60_000), true);
    assert.equal(isLockedOut(state, now + 60 * 60_000), false);
  });
});

describe('password hashes', () => {
  test('scrypt with its salt and cost stored, so a hash made at another cost still verifies', async () => {
    const stored = await hashPassword('correct horse');
    assert.deepEqual({ ...stored, salt: undefined, hash: undefined }, { kdf: 'scrypt', N: 2 ** 15, r: 8, p: 1, keyLength: 64, salt: undefined, hash: undefined });
    assert.equal(Buffer.from(stored.salt, 'base64').length, 16);
    assert.equal(Buffer.from(stored.hash, 'base64').length, 64);
    assert.equal(await verifyPassword('correct horse', stored), true);
    assert.equal(await verifyPassword('correct horsf', stored), false);
    assert.notEqual((await hashPassword('correct horse')).salt, stored.salt);

    // What a weaker setting made before (N = 2^10, 32 bytes) is checked with its own parameters.
    const older = { kdf: 'scrypt', N: 1024, r: 8, p: 1, keyLength: 32, salt: 'c2FsdHNhbHRzYWx0c2FsdA==', hash: 'A9lBa6RTbfBovWqamVIqXKovIl4Vk6OZyVojLJmYmSI=' } as const;
    assert.equal(await verifyPassword('correct horse', older), true);
  });

  test('full-width characters from a Chinese input method match their half-width forms', async () => {
    assert.equal(await verifyPassword('ｃｏｒｒｅｃｔ　ｈｏｒｓｅ', await hashPassword('correct horse')), true);
  });
});

describe('new passwords', () => {
  test('at least 8 characters, 4 different ones, not the user name', () => {
    for (const [password, reason] of [
      ['short', /at least 8 characters/],
      ['张三李四王五', /at least 8 characters/],
      ['abababab', /4 different characters/],
      ['xx lilei 2026', /must not contain the user name/],
      ['x'.repeat(1025) + 'abcd', /at most 1024/],
    ] as const) {
      assert.throws(() => checkNewPassword(password, 'Li Lei'), (error: Error) => reason.test(error.message), password);
    }
    for (const password of ['correct horse', '我的密码很安全啊', 'Lightning-7']) assert.doesNotThrow(() => checkNewPassword(password, 'Li'));
  });
});
