import type { SaveContext } from '../../design/form.js';
import type { Database, StoredDoc } from '../store/store.js';
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
