import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/store.js';
import { serverSecret } from '../store/server-secret.js';

const SECRET_ID = 'web-form-secret';
/** A form left open longer than this is asked to confirm again: its token is too old to judge by. */
const MAX_AGE_MS = 24 * 3_600_000;

/**
 * The time a form was shown, signed by the server (`<ms>.<hmac>`): a program that posts at once
 * cannot claim it took the time a person takes, nor reuse another site's token.
 */
export async function fillTimeToken(store: Store, siteId: string, shownAt: number): Promise<string> {
  return `${shownAt}.${sign(await serverSecret(store, SECRET_ID), siteId, shownAt)}`;
}

/** How the time the form took reads: long enough, too quick, or not a token this server signed (or gone stale). */
export async function judgeFillTime(store: Store, siteId: string, token: unknown, now: number, minSeconds: number): Promise<'ok' | 'too_quick' | 'missing'> {
  if (typeof token !== 'string') return 'missing';
  const match = /^(\d{1,15})\.([\w-]{43})$/.exec(token);
  if (!match) return 'missing';
  const shownAt = Number(match[1]);
  const expected = new TextEncoder().encode(sign(await serverSecret(store, SECRET_ID), siteId, shownAt));
  const given = new TextEncoder().encode(match[2]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || now - shownAt > MAX_AGE_MS) return 'missing';
  return now - shownAt >= minSeconds * 1000 ? 'ok' : 'too_quick';
}

function sign(key: string, siteId: string, shownAt: number): string {
  return createHmac('sha256', key).update(`fill-time\n${siteId}\n${shownAt}`).digest('base64url');
}
