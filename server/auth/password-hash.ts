import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * A password as stored: scrypt's output with its salt and its cost parameters, so that the cost
 * can be raised later while the hashes made before still verify.
 */
export interface PasswordHash {
  readonly kdf: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly keyLength: number;
  /** base64 */
  readonly salt: string;
  /** base64 */
  readonly hash: string;
}

type Cost = Pick<PasswordHash, 'N' | 'r' | 'p' | 'keyLength'>;

/** About 100 ms and 32 MiB per hash on a current server. */
const COST: Cost = { N: 2 ** 15, r: 8, p: 1, keyLength: 64 };
const SALT_BYTES = 16;

/** For names that have no password: checking them costs what checking a real one does. */
const DUMMY_SALT = bytes(randomBytes(SALT_BYTES));

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, bytes(salt), COST);
  return { kdf: 'scrypt', ...COST, salt: salt.toString('base64'), hash: Buffer.from(key).toString('base64') };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = bytes(Buffer.from(stored.hash, 'base64'));
  const key = await derive(password, bytes(Buffer.from(stored.salt, 'base64')), stored);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Takes as long as verifying a password, so that an unknown name is not told apart by the time it takes. */
export async function spendVerifyTime(password: string): Promise<void> {
  await derive(password, DUMMY_SALT, COST);
}

function derive(password: string, salt: Uint8Array<ArrayBuffer>, { N, r, p, keyLength }: Cost): Promise<Uint8Array<ArrayBuffer>> {
  // NFKC: the same password typed in a Chinese input method's full-width mode matches.
  const input = password.normalize('NFKC');
  return new Promise((resolve, reject) => {
    scrypt(input, salt, keyLength, { N, r, p, maxmem: 256 * N * r }, (error, key) => (error ? reject(error) : resolve(bytes(key))));
  });
}

/** Node's Buffers, as the DOM typings that this project also compiles with accept them. */
function bytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer);
}
