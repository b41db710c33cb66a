import { createHash } from 'node:crypto';
import type { ServerDocs } from '../store/server-docs.js';

const HOUR = 3_600_000;

/** How many sendings an hour one e-mail address, and one network address, may make through the website forms. */
export const PER_ADDRESS_PER_HOUR = 3;
export const PER_IP_PER_HOUR = 20;

/**
 * Counts one sending by `who` (an e-mail address, an IP) in the current hour; false once it had
 * `limit` already. The count is a server document shared by every server (read-modify-write
 * checked by revision), so a bot spread over several servers is counted once.
 */
export async function withinRateLimit(docs: ServerDocs, kind: 'address' | 'ip', who: string, limit: number, now: number): Promise<boolean> {
  const id = `web-rate-${createHash('sha256').update(`${kind}\n${who.toLowerCase()}`).digest('hex').slice(0, 40)}`;
  const hour = Math.floor(now / HOUR);
  let allowed = false;
  try {
    await docs.update<{ hour: number; count: number }>(id, (current) => {
      const count = current?.hour === hour ? current.count : 0;
      allowed = count < limit;
      return allowed ? { hour, count: count + 1 } : undefined;
    });
  } catch {
    // The count kept changing under this write: a flood from one sender, turned away.
    return false;
  }
  return allowed;
}
