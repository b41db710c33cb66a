import type { SaveContext } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import { GuanxiError } from '../../engine/errors.js';
import type { Logger } from '../log.js';
import type { Database, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import { expandFaxBatches } from './expand-fax-batches.js';
import { renderFax } from './render-fax.js';

export interface FaxOptions {
  readonly crm: Database;
  /** The e-mail-to-fax service: a fax to +86 21 1234 5678 is mailed to 862112345678@<domain>. */
  readonly emailDomain: string;
  /** Printed on the cover as the sender. */
  readonly from: string;
  readonly serverId: string;
  readonly now: Date;
  readonly logger: Logger;
  readonly leaseMs?: number;
}

/**
 * Expands queued batches, then hands each queued fax to the e-mail-to-fax service: claimed like an outgoing message, rendered to
 * PDF, and queued as a message with an id derived from the fax's (so it is made once, and the
 * outbox sends it once); the fax is then `sent` (handed over) with that message as its reference.
 */
export async function sendFaxes({ crm, emailDomain, from, serverId, now, logger, leaseMs = 120_000 }: FaxOptions): Promise<number> {
  const ctx: SaveContext = { now: now.toISOString(), user: SERVER_USER };
  await expandFaxBatches(crm, ctx);
  const due = (await docsOfView(crm, 'fax-outbox')).filter((fax) => fax.status === 'queued'
    || (fax.status === 'sending' && typeof fax.leaseUntil === 'string' && fax.leaseUntil <= ctx.now));
  let handed = 0;
  for (const fax of due) {
    let claimed: StoredDoc;
    try {
      claimed = await crm.save({ ...fax, status: 'sending', claimedBy: serverId, leaseUntil: new Date(now.getTime() + leaseMs).toISOString(), attempts: (typeof fax.attempts === 'number' ? fax.attempts : 0) + 1 }, ctx);
    } catch (error) {
      if (error instanceof GuanxiError && error.kind === 'conflict') continue;
      throw error;
    }
    const { leaseUntil: _lease, ...rest } = claimed;
    const digits = String(fax.faxNumber).replace(/\D/g, '');
    if (digits.length < 5) {
      await crm.save({ ...rest, status: 'failed', lastError: `传真号码无效 / Not a fax number: ${String(fax.faxNumber)}` }, ctx);
      continue;
    }
    try {
      const pdf = await renderFax({
        from, to: String(fax.recipientName ?? fax.customerName ?? ''), faxNumber: String(fax.faxNumber), subject: String(fax.subject),
        coverNote: String(fax.coverNote ?? ''), body: String(fax.body ?? ''), date: `${ctx.now.slice(0, 10)} ${ctx.now.slice(11, 16)} UTC`,
      });
      const mailId = `faxmail-${fax._id}`;
      const [queued] = await crm.saveMany([{
        _id: mailId, form: 'MailMessage', direction: 'out', status: 'queued',
        to: [`${digits}@${emailDomain}`], subject: String(fax.subject), body: String(fax.coverNote ?? ''),
        ...(typeof fax.customerId === 'string' ? { customerId: fax.customerId, customerName: fax.customerName } : {}),
        readers: Array.isArray(fax.readers) ? fax.readers : [], authors: Array.isArray(fax.authors) ? fax.authors : [],
        _attachments: { 'fax.pdf': { content_type: 'application/pdf', data: Buffer.from(pdf).toString('base64') } },
      }], ctx);
      // Already there: an earlier claim queued it before its server stopped.
      if (queued && !queued.ok && queued.error !== 'conflict') throw new Error(queued.reason);
      await crm.save({ ...rest, status: 'sent', sentAt: ctx.now, transportRef: mailId }, ctx);
      handed++;
    } catch (error) {
      logger.error({ id: fax._id, err: error }, 'a fax could not be handed over; it will be tried again when its claim expires');
    }
  }
  return handed;
}
