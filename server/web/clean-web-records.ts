import type { Store } from '../store/store.js';
import { RATE_PREFIX } from './rate-limit.js';
import { SIGN_UP_PREFIX } from './subscriptions.js';

const HOUR = 3_600_000;
/** A sign-up not confirmed in a week is forgotten (its link still confirms it, without the name given). */
export const SIGN_UP_KEPT_MS = 7 * 24 * HOUR;

interface WebRecord {
  readonly _id: string;
  readonly hour?: unknown;
  readonly requestedAt?: unknown;
}

/** The website forms' server records no longer needed at `now`: counts of past hours, sign-ups not confirmed in a week. */
export function staleWebRecords(now: number, records: readonly WebRecord[]): string[] {
  const hour = Math.floor(now / HOUR);
  return records.filter((r) => (r._id.startsWith(RATE_PREFIX) ? typeof r.hour !== 'number' || r.hour < hour
    : r._id.startsWith(SIGN_UP_PREFIX) && !(typeof r.requestedAt === 'string' && Date.parse(r.requestedAt) > now - SIGN_UP_KEPT_MS))).map((r) => r._id);
}

/** Removes the stale records (a scheduled job: every server may run it, a removal twice is harmless). Returns how many. */
export async function cleanWebRecords(store: Store, now: number): Promise<number> {
  const docs = store.serverDocs;
  const read = async (prefix: string) => (await docs.pouch.allDocs({ startkey: prefix, endkey: `${prefix}\uffff`, include_docs: true })).rows
    .flatMap((row) => (row.doc ? [row.doc as unknown as WebRecord] : []));
  const stale = staleWebRecords(now, [...await read(RATE_PREFIX), ...await read(SIGN_UP_PREFIX)]);
  for (const id of stale) await docs.remove(id);
  return stale.length;
}
