import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { pouchWriter, ServerDocs } from '../store/server-docs.js';

// An ordinary document: two servers starting at once must agree on one secret, and only an
// ordinary document's creation is refused to the second (Apache CouchDB lets a `_local` one be overwritten).
const SECRET_ID = 'removal-secret';

/**
 * A document a user may no longer read is removed from their workstation by a deletion revision
 * that only this user is sent: a child of each revision they hold, named by an HMAC of the user,
 * the document and the parent, so the gateway recognises it when the workstation sends it back and
 * never stores it (it would delete the document for everyone).
 */
export class RemovalRevs {
  private constructor(private readonly secret: string) {}

  /** The secret is shared through the store, so that every Guanxi server mints the same revisions. */
  static async open(pouch: PouchDB.Database): Promise<RemovalRevs> {
    const fresh = await legacySecret(pouch) ?? randomBytes(32).toString('hex');
    // Of two servers starting at once, the second's creation is refused and it reads the first's.
    const stored = await new ServerDocs(pouch, pouchWriter(pouch)).update<{ secret: string }>(SECRET_ID, (current) => (current?.secret ? undefined : { secret: fresh }));
    return new RemovalRevs(stored!.secret);
  }

  mint(user: string, docId: string, parentRev: string): string {
    const hash = createHmac('sha256', this.secret).update(`${user}\n${docId}\n${parentRev}`).digest('hex').slice(0, 32);
    return `${generation(parentRev) + 1}-${hash}`;
  }

  /** This installation's id, the same on every server of the store (PouchDB keys checkpoints by it). */
  serverUuid(): string {
    return createHmac('sha256', this.secret).update('server uuid').digest('hex').slice(0, 32);
  }

  /** The key that seals sequence tokens (see since-token.ts), the same on every server of the store. */
  tokenKey(): KeyObject {
    return createSecretKey(Uint8Array.from(createHmac('sha256', this.secret).update('sequence tokens').digest()));
  }

  /** Is `rev` a removal this gateway minted for this user, as a child of one of `parents`? */
  isRemoval(user: string, docId: string, rev: string, parents: readonly string[]): boolean {
    return parents.some((parent) => this.mint(user, docId, parent) === rev);
  }
}

/** The secret as kept before it moved to an ordinary document, so that revisions minted with it stay known. */
async function legacySecret(pouch: PouchDB.Database): Promise<string | undefined> {
  try {
    return ((await pouch.get('_local/removal-secret')) as unknown as { secret: string }).secret;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
    return undefined;
  }
}

export function generation(rev: string): number {
  return Number.parseInt(rev.slice(0, rev.indexOf('-')), 10);
}

export function revHash(rev: string): string {
  return rev.slice(rev.indexOf('-') + 1);
}
