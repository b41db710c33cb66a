import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createError } from '../../engine/errors.js';
import { SERVER_USER } from '../../design/user.js';
import { checkNewPassword } from '../auth/password-policy.js';
import type { Store } from '../store/store.js';
import { hasAdministrator, makeAdministrator } from './make-administrator.js';

/**
 * The first start: while nobody is an administrator, the server holds a random token, shown only
 * on its console as a link; whoever opens it creates the first administrator in the browser. The
 * token works once, and not at all once an administrator exists (made here or by the command
 * line). It lives in this process only: a restart before it is used prints a new one.
 */
export class FirstSetup {
  private token: string | null;

  private constructor(private readonly store: Store, needed: boolean) {
    this.token = needed ? randomBytes(32).toString('base64url') : null;
  }

  static async open(store: Store): Promise<FirstSetup> {
    return new FirstSetup(store, !(await hasAdministrator(store)));
  }

  /** The token of the setup link, while it is needed. */
  get pendingToken(): string | null {
    return this.token;
  }

  /** Whether the setup page should be offered; an administrator made meanwhile by the command line ends it. */
  async needed(): Promise<boolean> {
    if (this.token && (await hasAdministrator(this.store))) this.token = null;
    return this.token !== null;
  }

  /** Creates the first administrator; the token is spent before anything is written, so two tabs cannot both use it. */
  async complete(token: string, name: string, password: string, now: string): Promise<void> {
    if (!(await this.needed())) throw createError('conflict', 'Guanxi is already set up: sign in as its administrator');
    const expected = this.token;
    if (expected === null || !sameToken(token, expected)) throw createError('forbidden', 'This setup link is not valid: open the link the server printed on its console');
    const trimmed = name.trim();
    if (trimmed === '') throw createError('bad_request', 'The administrator needs a name');
    checkNewPassword(password, trimmed);
    this.token = null;
    try {
      await makeAdministrator(this.store, trimmed, password, { user: SERVER_USER, now });
    } catch (error) {
      // Nothing was made (a name the directory refuses, say): the link still works.
      if (!(await hasAdministrator(this.store))) this.token = expected;
      throw error;
    }
  }
}

function sameToken(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(new Uint8Array(a), new Uint8Array(b));
}
