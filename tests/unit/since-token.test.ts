import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { SeqTokens } from '../../server/gateway/since-token.js';

const NONCE_BYTES = 12;
const newKey = () => createSecretKey(Uint8Array.from(randomBytes(32)));

// Nonces are drawn a thousand at a time: a page of changes seals one token per row.
test('every token of a long feed has a nonce of its own and reads back as the sequence it seals', () => {
  const tokens = new SeqTokens(newKey());
  const nonces = new Set<string>();
  for (let seq = 0; seq < 3000; seq++) {
    const sealed = seq % 3 === 0 ? `${seq}-g1AAAA销售` : seq;
    const token = tokens.encode('epoch 王芳', sealed);
    nonces.add(Buffer.from(token, 'base64url').subarray(0, NONCE_BYTES).toString('hex'));
    assert.equal(tokens.decode(token, 'epoch 王芳'), sealed);
  }
  assert.equal(nonces.size, 3000, 'a nonce used twice under one key would undo AES-GCM');
});

test('a token of another epoch, another key, or altered reads as the start of the feed', () => {
  const key = newKey();
  const token = new SeqTokens(key).encode('epoch 1', 42);
  assert.equal(new SeqTokens(key).decode(token, 'epoch 1'), 42, 'another server with the same key reads it');
  assert.equal(new SeqTokens(key).decode(token, 'epoch 2'), 0);
  assert.equal(new SeqTokens(newKey()).decode(token, 'epoch 1'), 0);
  const altered = Uint8Array.from(Buffer.from(token, 'base64url'));
  altered[NONCE_BYTES + 3]! ^= 1;
  assert.equal(new SeqTokens(key).decode(Buffer.from(altered).toString('base64url'), 'epoch 1'), 0);
  assert.equal(new SeqTokens(key).decode('not a token at all', 'epoch 1'), 0);
});
