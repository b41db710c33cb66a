import { createHash, randomBytes } from 'node:crypto';
import type { ServerDocs } from '../store/server-docs.js';

/**
 * Each person's secret for their iCal feed, kept in the servers' own database: one document per
 * person holding the secret (to show the address again) and one per secret, named by its hash,
 * naming the person (to answer a feed request with one read). Renewing revokes the old address.
 */
const PERSON = 'icalfeed-person-';
const SECRET = 'icalfeed-secret-';

/** What a feed address may hold: the secret, as made here (base64url), and nothing else. */
export const FEED_SECRET = /^[A-Za-z0-9_-]{43}$/;

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/** The person's secret, made on first use. */
export async function feedSecret(docs: ServerDocs, person: string): Promise<string> {
  const stored = await docs.read<{ secret: string }>(PERSON + hash(person));
  return stored?.secret ?? renewFeedSecret(docs, person);
}

/** A new secret for the person; the old address stops working. */
export async function renewFeedSecret(docs: ServerDocs, person: string): Promise<string> {
  const secret = randomBytes(32).toString('base64url');
  await docs.create(SECRET + hash(secret), { person });
  let old: string | undefined;
  await docs.update<{ person: string; secret: string }>(PERSON + hash(person), (current) => {
    old = current?.secret;
    return { person, secret };
  });
  if (old) await docs.remove(SECRET + hash(old));
  return secret;
}

/** Revokes the person's address: no feed until they ask for a new one. */
export async function revokeFeedSecret(docs: ServerDocs, person: string): Promise<void> {
  const stored = await docs.read<{ secret: string }>(PERSON + hash(person));
  if (!stored) return;
  await docs.remove(SECRET + hash(stored.secret));
  await docs.remove(PERSON + hash(person));
}

/** Whose feed a secret opens, if anyone's. */
export async function feedOwner(docs: ServerDocs, secret: string): Promise<string | undefined> {
  if (!FEED_SECRET.test(secret)) return undefined;
  return (await docs.read<{ person: string }>(SECRET + hash(secret)))?.person;
}
