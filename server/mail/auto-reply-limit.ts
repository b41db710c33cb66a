import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import type { ServerDocs } from '../store/server-docs.js';

export const AUTO_REPLY_DAYS = 4;
const DAY = 86_400_000;

/**
 * Takes the right to auto-reply to `address` at `now`, at most once per `days` (RFC 3834 §3.1.1,
 * as vacation responders do): false when it was answered within the period. The last answer's
 * time is a server document per sender, written with the revision read (CouchDB checks it), so
 * of two servers (or two messages in one batch) only one wins; it never replicates to workstations.
 */
export async function claimAutoReply(docs: ServerDocs, address: string, now: Date, days = AUTO_REPLY_DAYS): Promise<boolean> {
  let claimed = false;
  await docs.update<{ at: string }>(`auto-replied-${hexOfUtf8(address.toLowerCase())}`, (last) => {
    // Judged again on every try: a server that lost the write sees the winner's answer.
    claimed = !last || Date.parse(last.at) + days * DAY <= now.getTime();
    return claimed ? { at: now.toISOString() } : undefined;
  });
  return claimed;
}
