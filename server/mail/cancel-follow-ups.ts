import type { Doc, SaveContext } from '../../design/form.js';
import type { Database, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import { followUpId, mailDocId } from './mail-doc-id.js';
import type { ParsedMessage } from './parse-message.js';

/**
 * A reply cancels the follow-ups pending on the messages it answers: each outgoing message's
 * follow-up has an id derived from the message's, so no query is needed to find it.
 */
export async function cancelFollowUps(crm: Database, replies: readonly ParsedMessage[], ctx: SaveContext): Promise<number> {
  const answeredBy = new Map<string, string>();
  for (const reply of replies) {
    const replyId = reply.messageId ? mailDocId(reply.messageId) : '';
    for (const answered of new Set([...reply.references, ...(reply.inReplyTo ? [reply.inReplyTo] : [])])) {
      answeredBy.set(followUpId(mailDocId(answered)), replyId);
    }
  }
  if (answeredBy.size === 0) return 0;
  const { rows } = await crm.pouch.allDocs({ keys: [...answeredBy.keys()], include_docs: true });
  const cancelled = rows.flatMap((row) => {
    const doc = 'doc' in row ? (row.doc as StoredDoc | null | undefined) : undefined;
    if (!doc || doc.status !== 'pending') return [];
    return [{ ...doc, status: 'cancelled', cancelledBy: answeredBy.get(doc._id) || 'reply' }];
  });
  const results = await crm.saveMany(cancelled, ctx);
  return results.filter((r) => r.ok).length;
}

/**
 * Any mail a person at the customer writes (filed under the customer by their address or their
 * company's domain, as filing does, or from the address followed up) cancels the follow-ups pending
 * on that customer, whether or not it answers the message followed up: they are talking now.
 */
export async function cancelFollowUpsOfSenders(crm: Database, received: readonly Doc[], ctx: SaveContext): Promise<number> {
  if (received.length === 0) return 0;
  const byCustomer = new Map<string, string>();
  const byAddress = new Map<string, string>();
  for (const doc of received) {
    if (typeof doc.customerId === 'string') byCustomer.set(doc.customerId, String(doc._id));
    if (typeof doc.from === 'string') byAddress.set(doc.from.toLowerCase(), String(doc._id));
  }
  const cancelled = (await docsOfView(crm, 'pending-work')).flatMap((work) => {
    if (work.status !== 'pending' || (work.kind !== 'followUp' && work.kind !== 'followUpMail')) return [];
    const to = Array.isArray(work.to) ? work.to.map((a) => String(a).toLowerCase()) : [];
    const by = (typeof work.customerId === 'string' ? byCustomer.get(work.customerId) : undefined) ?? to.map((a) => byAddress.get(a)).find((id) => id !== undefined);
    return by ? [{ ...work, status: 'cancelled', cancelledBy: by }] : [];
  });
  const results = await crm.saveMany(cancelled, ctx);
  return results.filter((r) => r.ok).length;
}
