import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Doc, SaveContext } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import type { Logger } from '../log.js';
import { claimOnce } from '../store/claim-once.js';
import type { ServerDocs } from '../store/server-docs.js';
import type { Database, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import { dialString } from './dial-string.js';
import { expandFaxBatches } from './expand-fax-batches.js';
import { submitToHylafax, type HylafaxServer } from './hylafax.js';
import { renderFax } from './render-fax.js';

/**
 * Where faxes go: mailed to an e-mail-to-fax service (a fax to +86 21 1234 5678 is mailed to
 * 862112345678@<domain>, sent by the outbox), or handed to HylaFAX's `sendfax`.
 */
export type FaxTransport =
  | { readonly kind: 'email'; readonly emailDomain: string }
  | { readonly kind: 'hylafax'; readonly server: HylafaxServer };

export interface FaxOptions {
  readonly crm: Database;
  /** Where claims are decided (see claimOnce). */
  readonly claims: ServerDocs;
  readonly transport: FaxTransport;
  /** Printed on the cover as the sender. */
  readonly from: string;
  readonly serverId: string;
  readonly now: Date;
  readonly logger: Logger;
  readonly leaseMs?: number;
}

/**
 * Expands queued batches, then hands each queued fax to the transport: claimed like an outgoing
 * message, rendered to PDF, and handed over. A job HylaFAX accepted makes the fax `sent` with the
 * job's id (followed by followFaxJobs); a fax mailed to the service stays `queued` with the id of
 * its message until the outbox has it accepted or gives up (followed by followFaxMails).
 */
export async function sendFaxes({ crm, claims, transport, from, serverId, now, logger, leaseMs = 120_000 }: FaxOptions): Promise<number> {
  const ctx: SaveContext = { now: now.toISOString(), user: SERVER_USER };
  await expandFaxBatches(crm, ctx);
  // A fax whose mail is in the outbox (`transportRef`) stays queued until followFaxMails sees the mail go.
  const due = (await docsOfView(crm, 'fax-outbox')).filter((fax) => (fax.status === 'queued' && typeof fax.transportRef !== 'string')
    || (fax.status === 'sending' && typeof fax.leaseUntil === 'string' && fax.leaseUntil <= ctx.now));
  let handed = 0;
  for (const fax of due) {
    const attempt = (typeof fax.attempts === 'number' ? fax.attempts : 0) + 1;
    const claimed = await claimOnce(crm, claims, 'fax', { ...fax, status: 'sending', claimedBy: serverId, leaseUntil: new Date(now.getTime() + leaseMs).toISOString(), attempts: attempt }, attempt, ctx);
    if (!claimed) continue;
    const { leaseUntil: _lease, ...rest } = claimed;
    if (!dialString(String(fax.faxNumber))) {
      await crm.save({ ...rest, status: 'failed', lastError: `传真号码无效 / Not a fax number: ${String(fax.faxNumber)}` }, ctx);
      continue;
    }
    try {
      const pdf = await renderFax({
        from, to: String(fax.recipientName ?? fax.customerName ?? ''), faxNumber: String(fax.faxNumber), subject: String(fax.subject),
        coverNote: String(fax.coverNote ?? ''), body: String(fax.body ?? ''), date: `${ctx.now.slice(0, 10)} ${ctx.now.slice(11, 16)} UTC`,
      });
      const handedOver = transport.kind === 'email'
        ? { transport: 'email', transportRef: await queueFaxMail(crm, fax, pdf, transport.emailDomain, ctx), status: 'queued' }
        : { transport: 'hylafax', faxJobId: await submitPdf(transport.server, fax, pdf), jobState: 'queued', status: 'sent', sentAt: ctx.now };
      await crm.save({ ...rest, ...handedOver }, ctx);
      handed++;
    } catch (error) {
      logger.error({ id: fax._id, err: error }, 'a fax could not be handed over; it will be tried again when its claim expires');
    }
  }
  return handed;
}

/** The fax as a queued message to the e-mail-to-fax service, with an id derived from the fax's: made once, sent once by the outbox. */
async function queueFaxMail(crm: Database, fax: StoredDoc, pdf: Uint8Array, emailDomain: string, ctx: SaveContext): Promise<string> {
  const mailId = `faxmail-${fax._id}`;
  const mail: Doc = {
    _id: mailId, form: 'MailMessage', direction: 'out', status: 'queued',
    to: [`${dialString(String(fax.faxNumber))!.replace('+', '')}@${emailDomain}`], subject: String(fax.subject), body: String(fax.coverNote ?? ''),
    ...(typeof fax.customerId === 'string' ? { customerId: fax.customerId, customerName: fax.customerName } : {}),
    readers: Array.isArray(fax.readers) ? fax.readers : [], authors: Array.isArray(fax.authors) ? fax.authors : [],
    _attachments: { 'fax.pdf': { content_type: 'application/pdf', data: Buffer.from(pdf).toString('base64') } },
  };
  const [queued] = await crm.saveMany([mail], ctx);
  // Already there: an earlier claim queued it before its server stopped.
  if (queued && !queued.ok && queued.error !== 'conflict') throw new Error(queued.reason);
  return mailId;
}

/** sendfax reads the document from a file: one of its own, removed once HylaFAX has its copy. */
async function submitPdf(server: HylafaxServer, fax: StoredDoc, pdf: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-fax-'));
  try {
    const file = join(dir, 'fax.pdf');
    await writeFile(file, pdf);
    return await submitToHylafax(server, file, String(fax.faxNumber), String(fax._id));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
