import { createCipheriv, createDecipheriv, randomFillSync, type KeyObject } from 'node:crypto';

/**
 * The sequences the gateway hands a workstation carry the user's access epoch with the store's own
 * sequence: when the user's access changes (roles, groups, ACL), the next `_changes` request finds a
 * different epoch and starts from the beginning, so newly readable documents arrive and newly
 * hidden ones are removed even though none of them changed.
 *
 * The store's sequence counts every change, those the user may not see among them, so a token is
 * sealed (AES-256-GCM, a fresh nonce each time, padded): it says nothing, not even whether anything
 * changed, and the gateway alone can read it back.
 */
export type StoreSeq = number | string;

const NONCE = 12;
const TAG = 16;
/** Plain tokens are padded to a multiple of this, so that their length follows the store's growth only in large steps. */
const BLOCK = 128;
/** Nonces drawn from the system's random source at once, this many per draw: a page of changes seals a token per row. */
const NONCES = 1024;

export class SeqTokens {
  private readonly nonces = new Uint8Array(NONCE * NONCES);
  private next = NONCE * NONCES;

  constructor(private readonly key: KeyObject) {}

  encode(epoch: string, seq: StoreSeq): string {
    const plain = JSON.stringify([epoch, seq]);
    const padded = plain.padEnd(Math.ceil((plain.length + 1) / BLOCK) * BLOCK, ' ');
    const nonce = this.nonce();
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const sealed = cipher.update(padded, 'utf8');
    cipher.final();
    const token = Buffer.allocUnsafe(NONCE + sealed.length + TAG);
    token.set(nonce);
    token.set(sealed, NONCE);
    token.set(cipher.getAuthTag(), NONCE + sealed.length);
    return token.toString('base64url');
  }

  /** A fresh random nonce, as random as one drawn alone: each stretch of the buffer is used once (the cipher and the token copy it). */
  private nonce(): Uint8Array<ArrayBuffer> {
    if (this.next === this.nonces.length) {
      randomFillSync(this.nonces);
      this.next = 0;
    }
    this.next += NONCE;
    return this.nonces.subarray(this.next - NONCE, this.next);
  }

  /** The store sequence to go on from: 0 for no token, a token of another epoch, or one this gateway did not make. */
  decode(since: unknown, epoch: string): StoreSeq {
    if (typeof since !== 'string' || since.length < NONCE + TAG) return 0;
    try {
      const raw = Buffer.from(since, 'base64url').toString('hex');
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes(raw.slice(0, 2 * NONCE)));
      decipher.setAuthTag(bytes(raw.slice(-2 * TAG)));
      const plain = decipher.update(raw.slice(2 * NONCE, -2 * TAG), 'hex', 'utf8') + decipher.final('utf8');
      const [tokenEpoch, seq] = JSON.parse(plain) as [unknown, unknown];
      return tokenEpoch === epoch && (typeof seq === 'number' || typeof seq === 'string') ? seq : 0;
    } catch {
      return 0;
    }
  }
}

/** Node's Buffer, as the crypto typings take it. */
function bytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}
