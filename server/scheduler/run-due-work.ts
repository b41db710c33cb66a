import type { Doc, SaveContext } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import type { Logger } from '../log.js';
import { claimOnce } from '../store/claim-once.js';
import type { ServerDocs } from '../store/server-docs.js';
import type { Database, StoredDoc } from '../store/store.js';
import { findDue } from './find-due.js';
import { docsOfView } from '../store/view-docs.js';
import { followUpMail } from '../mail/follow-up-mail.js';

export interface DueWorkOptions {
  readonly crm: Database;
  /** Where claims are decided (see claimOnce). */
  readonly claims: ServerDocs;
  readonly serverId: string;
  readonly now: Date;
  readonly logger: Logger;
  readonly leaseMs?: number;
}

/**
 * Does the due work once: each item is claimed for the revision it was read at (claimOnce: one
 * server wins), and what it makes has an id derived from the item's, so a server that dies
 * halfway leaves work that the next one finishes without doing it twice.
 */
export async function runDueWork({ crm, claims, serverId, now, logger, leaseMs = 120_000 }: DueWorkOptions): Promise<number> {
  const ctx: SaveContext = { now: now.toISOString(), user: SERVER_USER };
  let done = 0;
  for (const work of findDue(now, await docsOfView(crm, 'pending-work'))) {
    const claimed = await claimOnce(crm, claims, 'due', { ...work, claimedBy: serverId, leaseUntil: new Date(now.getTime() + leaseMs).toISOString() }, work._rev, ctx);
    if (!claimed) continue;
    try {
      const made = await perform(crm, claimed, ctx);
      const { leaseUntil: _lease, ...rest } = claimed;
      await crm.save({ ...rest, status: 'done', doneAt: ctx.now, ...(claimed.kind === 'followUpMail' ? { mailId: made } : {}) }, ctx);
      done++;
    } catch (error) {
      logger.error({ id: work._id, err: error }, 'scheduled work failed; it will be tried again when its claim expires');
    }
  }
  return done;
}

/**
 * A follow-up mail is queued to the customer; a follow-up reminder tells its owner, with a Notice,
 * that the customer has not answered. Returns the id of what it made.
 */
async function perform(crm: Database, work: StoredDoc, ctx: SaveContext): Promise<string> {
  const made = work.kind === 'followUpMail' ? await followUpMail(crm, work) : work.kind === 'followUp' ? reminder(work) : undefined;
  if (!made) throw new Error(`unknown kind of scheduled work: ${String(work.kind)}`);
  const [result] = await crm.saveMany([made], ctx);
  // Already there: an earlier claim made it before its server stopped.
  if (result && !result.ok && result.error !== 'conflict') throw new Error(result.reason);
  return String(made._id);
}

function reminder(work: StoredDoc): Doc {
  return {
    _id: `notice-${work._id}`,
    form: 'Notice',
    kind: 'reminder',
    recipients: Array.isArray(work.owner) ? work.owner : [],
    subject: `跟进：${String(work.subject)}`.slice(0, 300),
    body: `客户尚未回复，请跟进。\nNo answer yet from ${String(work.customerName ?? 'the customer')}: time to follow up.`,
    ...(typeof work.aboutId === 'string' ? { linkDb: 'crm', linkId: work.aboutId } : {}),
  };
}
