import { createHash } from 'node:crypto';
import type { ServerDocs } from '../store/server-docs.js';

const HOUR = 3_600_000;
/** The prefix of the counts' server documents (cleaned up by server/web/clean-web-records.ts). */
export const RATE_PREFIX = 'web-rate-';

/**
 * Counts one sending by `who` (an e-mail address, an IP) through the website form `site` in the
 * current hour; false once it had `limit` (the form's own) already. The count is a server document
 * shared by every server (read-modify-write checked by revision), so a bot spread over several
 * servers is counted once.
 */
export async function withinRateLimit(docs: ServerDocs, site: string, kind: 'address' | 'ip', who: string, limit: number, now: number): Promise<boolean> {
  const id = `${RATE_PREFIX}${createHash('sha256').update(`${site}\n${kind}\n${who.toLowerCase()}`).digest('hex').slice(0, 40)}`;
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
