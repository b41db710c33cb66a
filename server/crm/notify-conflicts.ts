import { createHash } from 'node:crypto';
import type { Doc, SaveContext } from '../../design/form.js';
import { formByName } from '../../design/forms/index.js';
import { SERVER_USER } from '../../design/user.js';
import type { Database } from '../store/store.js';
import { saveNoticeOnce } from './save-notice-once.js';

/**
 * The notice of a conflict is named by the document and the losing revision: whichever server
 * sees the conflict first, or the same server replaying its feed, saves the same id, and the
 * second save is refused as a conflict. Hashed, since a document id may be up to 200 characters.
 */
export function conflictNoticeId(docId: string, losingRev: string): string {
  return `conflict-${createHash('sha256').update(`${docId}\n${losingRev}`).digest('hex').slice(0, 32)}`;
}

/**
 * Two people edited one record apart (offline, or on two servers) and replication kept both
 * revisions: the store shows one and keeps the other silently. The people whose edits conflict —
 * who last modified the winning and the losing revision — each get a Notice linking to the record,
 * so someone looks at both versions. People are not known to have a language, so the notice says
 * it in both, as the other notices do. Conflicts with the server's own revisions are merged
 * (mergeServerConflicts) and the conflicts of a Notice or a read receipt (read on two devices) are no news.
 * Returns how many notices this call created.
 */
export async function notifyConflicts(crm: Database, id: string, ctx: () => SaveContext): Promise<number> {
  let winner: Doc & { _conflicts?: string[] };
  try {
    winner = await crm.pouch.get(id, { conflicts: true });
  } catch (error) {
    if ((error as { status?: number }).status === 404) return 0;
    throw error;
  }
  if (winner.form === 'Notice' || winner.form === 'Receipt') return 0;
  let created = 0;
  for (const rev of winner._conflicts ?? []) {
    const loser = (await crm.pouch.get(id, { rev })) as Doc;
    const people = [...new Set([winner.modifiedBy, loser.modifiedBy])].filter((name): name is string => typeof name === 'string' && name !== '' && name !== SERVER_USER.name);
    if (people.length === 0) continue;
    const title = String(winner[formByName(String(winner.form))?.titleField ?? ''] ?? id);
    const notice: Doc = {
      _id: conflictNoticeId(id, rev),
      form: 'Notice',
      kind: 'conflict',
      recipients: people,
      subject: `修改冲突 Conflicting edits: ${title}`.slice(0, 300),
      body: [
        `${people.join('、')} 分别修改了此文档，两个版本都已保留；请打开文档核对并合并。`,
        `${people.join(' and ')} edited this document apart; both versions are kept. Open it to compare and reconcile them.`,
      ].join('\n'),
      linkDb: 'crm',
      linkId: id,
    };
    if (await saveNoticeOnce(crm, notice, ctx())) created++;
  }
  return created;
}
