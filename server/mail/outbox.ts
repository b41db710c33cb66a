import { randomUUID } from 'node:crypto';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { Doc } from '../../design/form.js';
import { tomorrowAt } from '../../design/local-time.js';
import { SERVER_USER } from '../../design/user.js';
import { EMAIL } from '../../design/validate.js';
import { GuanxiError } from '../../engine/errors.js';
import type { Logger } from '../log.js';
import { claimOnce } from '../store/claim-once.js';
import { timeZoneOf } from '../scheduler/time-zone-of.js';
import type { Database, Store, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import type { AddressBook } from './address-book.js';
import { fileMessage } from './file-message.js';
import { followUpId, mailDocId, threadIdOf } from './mail-doc-id.js';
import type { MailAccount } from './mail-settings.js';
import { SmtpFailure, smtpFailureOf } from './smtp-failure.js';

/** A follow-up mail goes out at this hour of the customer's next morning unless the sender chose a time. */
const FOLLOW_UP_HOUR = 9;

export interface OutboxOptions {
  readonly store: Store;
  readonly book: AddressBook;
  /** This server's name in claims: several servers share one outbox. */
  readonly serverId: string;
  readonly accounts: () => Promise<readonly MailAccount[]>;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** How long a claim holds: a server that dies while sending leaves the message to another after this. */
  readonly leaseMs?: number;
  readonly maxAttempts?: number;
  /** Wait before the next attempt: doubles from the first to the last, then stays. */
  readonly retryMs?: readonly [first: number, last: number];
  /** Messages sent at the same time. */
  readonly concurrency?: number;
  /**
   * A message whose server stopped while sending it (its claim expired) may have reached the SMTP
   * server: `hold` (the default) marks it `uncertain` for a person to resend or dismiss; `resend`
   * sends it again under the same Message-ID (receivers that dedupe by it show it once).
   */
  readonly afterInterruption?: 'hold' | 'resend';
}

export interface OutboxReport {
  readonly sent: number;
  readonly retrying: number;
  readonly failed: number;
  /** Found interrupted and held for a person to check (see `afterInterruption`). */
  readonly uncertain: number;
}

type Outcome = 'sent' | 'retrying' | 'failed' | 'uncertain' | 'taken';

/**
 * Sends queued MailMessage documents. A message is claimed for its next attempt before it is
 * handed to SMTP (claimOnce: its document marked `sending` with its Message-ID, this server and a
 * lease, and one server alone wins the claim), so each message goes out once however many
 * servers run, on one CouchDB node or a cluster. It is marked `sent` after the SMTP server accepted it. A server that
 * dies in between leaves a claim that expires; whether the SMTP server had the message then is
 * unknowable here, so by default it is marked `uncertain` rather than sent twice.
 */
export class Outbox {
  private readonly transports = new Map<string, Transporter>();

  constructor(private readonly options: OutboxOptions) {}

  async sendDue(): Promise<OutboxReport> {
    const crm = this.options.store.database('crm');
    const now = this.now();
    const waiting = await docsOfView(crm, 'mail-outbox');
    const accounts = await this.options.accounts();
    const outcomes = await this.sendAll(crm, waiting.filter((doc) => isDueToSend(doc, now)), accounts);
    // A server that answers again ends the back-off of what waits for it: the queue drains at once after an outage.
    const answering = new Set(outcomes.flatMap(({ outcome, accountId }) => (outcome === 'sent' ? [accountId] : [])));
    const drained = answering.size === 0 ? [] : await this.sendAll(crm, waiting.filter((doc) => isWaitingForServer(doc, now) && answering.has(String(doc.accountId))), accounts);
    const all = [...outcomes, ...drained].map((o) => o.outcome);
    const count = (what: Outcome) => all.filter((o) => o === what).length;
    return { sent: count('sent'), retrying: count('retrying'), failed: count('failed'), uncertain: count('uncertain') };
  }

  /** Sends these, a few at a time; with the account each went by. */
  private async sendAll(crm: Database, docs: readonly StoredDoc[], accounts: readonly MailAccount[]): Promise<{ outcome: Outcome; accountId: string }[]> {
    const outcomes: { outcome: Outcome; accountId: string }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < docs.length) {
        const doc = docs[next++]!;
        const interrupted = doc.status === 'sending' && this.options.afterInterruption !== 'resend';
        const outcome = await (interrupted ? this.holdInterrupted(crm, doc) : this.sendOne(crm, doc, accounts));
        outcomes.push({ outcome, accountId: String(doc.accountId ?? accounts.find((a) => a.smtp)?.id) });
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency ?? 4 }, worker));
    return outcomes;
  }

  async close(): Promise<void> {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }

  /** A claim that expired: its server stopped somewhere between claiming and marking it sent. */
  private async holdInterrupted(crm: Database, doc: StoredDoc): Promise<Outcome> {
    const now = this.now();
    const failure = new SmtpFailure('interrupted', `${String(doc.claimedBy)}, <${String(doc.messageId)}>`);
    const { leaseUntil: _lease, nextAttemptAt: _next, ...rest } = doc;
    this.options.logger.warn({ id: doc._id, claimedBy: doc.claimedBy, messageId: doc.messageId }, 'a message was being sent when its server stopped; held for a person to check');
    try {
      await crm.save({ ...rest, status: 'uncertain', lastError: failure.describe(), lastErrorCode: failure.code }, this.ctx(now));
    } catch (error) {
      if (error instanceof GuanxiError && error.kind === 'conflict') return 'taken';
      throw error;
    }
    return 'uncertain';
  }

  private async sendOne(crm: Database, doc: StoredDoc, accounts: readonly MailAccount[]): Promise<Outcome> {
    const now = this.now();
    const account = accounts.find((a) => a.id === doc.accountId && a.smtp) ?? accounts.find((a) => a.smtp && doc.accountId === undefined);
    const attempt = (typeof doc.attempts === 'number' ? doc.attempts : 0) + 1;
    const claimed = await claimOnce(crm, this.options.store.serverDocs, 'mail', {
      ...doc,
      status: 'sending',
      claimedBy: this.options.serverId,
      leaseUntil: new Date(now.getTime() + (this.options.leaseMs ?? 120_000)).toISOString(),
      attempts: attempt,
      messageId: typeof doc.messageId === 'string' ? doc.messageId : `${randomUUID()}@${domainOf(account?.address ?? 'guanxi.invalid')}`,
      ...(account && doc.accountId === undefined ? { accountId: account.id } : {}),
    }, attempt, this.ctx(now));
    if (!claimed) return 'taken';
    let sender: MailAccount;
    try {
      if (!account?.smtp) throw new SmtpFailure('no_account', String(doc.accountId ?? 'no account named and none with an SMTP server'));
      sender = account;
      await this.transport(account).sendMail(await this.envelope(crm, claimed, account));
    } catch (error) {
      return this.recordFailure(crm, claimed, smtpFailureOf(error));
    }
    const sentAt = this.now();
    const { leaseUntil: _lease, lastError: _error, lastErrorCode: _code, nextAttemptAt: _next, ...rest } = claimed;
    const filed = await this.filed(rest);
    try {
      await crm.save({
        ...filed, status: 'sent', sentAt: sentAt.toISOString(), date: sentAt.toISOString(), threadId: threadOf(filed),
        // What the recipient sees, whatever the draft said.
        from: sender.address, ...(sender.displayName ? { fromName: sender.displayName } : {}),
      }, this.ctx(sentAt));
    } catch (error) {
      this.options.logger.error({ id: doc._id, err: error }, 'a sent message could not be marked sent');
    }
    await this.scheduleFollowUp(crm, filed, sentAt);
    return 'sent';
  }

  private async recordFailure(crm: Database, claimed: StoredDoc, failure: SmtpFailure): Promise<'retrying' | 'failed'> {
    const now = this.now();
    const attempts = Number(claimed.attempts);
    const giveUp = failure.permanent || attempts >= (this.options.maxAttempts ?? 8);
    const [first, last] = this.options.retryMs ?? [60_000, 3_600_000];
    const { leaseUntil: _lease, ...rest } = claimed;
    this.options.logger.warn({ id: claimed._id, code: failure.code, detail: failure.detail, attempts, giveUp }, 'sending a message failed');
    await crm.save({
      ...rest,
      status: giveUp ? 'failed' : 'queued',
      lastError: failure.describe(),
      lastErrorCode: failure.code,
      ...(giveUp ? {} : { nextAttemptAt: new Date(now.getTime() + Math.min(first * 2 ** (attempts - 1), last)).toISOString() }),
    }, this.ctx(now));
    return giveUp ? 'failed' : 'retrying';
  }

  /** The message as nodemailer takes it. Names and the subject are made one line: no header can be smuggled in. */
  private async envelope(crm: Database, doc: StoredDoc, account: MailAccount): Promise<SendMailOptions> {
    const names = Array.isArray(doc.toNames) ? doc.toNames.map(String) : [];
    const list = (value: unknown) => (Array.isArray(value) ? value.map((v) => String(v).trim()) : []);
    const to = list(doc.to);
    const all = [...to, ...list(doc.cc), ...list(doc.bcc)];
    if (all.length === 0) throw new SmtpFailure('bad_address', 'the message has no recipient');
    const bad = all.filter((address) => !EMAIL.test(address));
    if (bad.length > 0) throw new SmtpFailure('bad_address', bad.join(', '));
    const references = list(doc.references).map((r) => `<${oneLine(r)}>`);
    return {
      from: { name: oneLine(account.displayName), address: account.address },
      to: to.map((address, i) => ({ name: oneLine(names[i] ?? ''), address })),
      cc: list(doc.cc),
      bcc: list(doc.bcc),
      subject: oneLine(String(doc.subject ?? '')),
      text: String(doc.body ?? ''),
      messageId: `<${oneLine(String(doc.messageId))}>`,
      headers: { ...autoSubmittedHeader(doc), ...unsubscribeHeaders(doc) },
      ...(typeof doc.inReplyTo === 'string' ? { inReplyTo: `<${oneLine(doc.inReplyTo)}>` } : {}),
      ...(references.length > 0 ? { references } : {}),
      attachments: await this.attachments(crm, doc),
      disableFileAccess: true,
      disableUrlAccess: true,
    };
  }

  private async attachments(crm: Database, doc: StoredDoc): Promise<{ filename: string; content: Buffer; contentType: string }[]> {
    if (!doc._attachments || Object.keys(doc._attachments).length === 0) return [];
    const full = await crm.pouch.get(doc._id, { attachments: true, binary: true });
    return Object.entries(full._attachments ?? {}).map(([filename, a]) => ({
      filename: oneLine(filename),
      content: (a as { data: Buffer }).data,
      contentType: (a as { content_type: string }).content_type,
    }));
  }

  /** A sent message is filed like a received one: under the contact or customer it went to. */
  private async filed(doc: Doc): Promise<Doc> {
    if (typeof doc.customerId === 'string' && doc.customerId !== '') return doc;
    await this.options.book.refresh();
    const recipients = [...(Array.isArray(doc.to) ? doc.to : []), ...(Array.isArray(doc.cc) ? doc.cc : [])].map((a) => String(a).toLowerCase());
    const filing = fileMessage(recipients, this.options.book, { owner: [], tags: [], matched: [] });
    if (!filing.customerId) return doc;
    return {
      ...doc,
      customerId: filing.customerId,
      customerName: filing.customerName,
      ...(filing.contactId ? { contactId: filing.contactId, contactName: filing.contactName } : {}),
    };
  }

  /**
   * The follow-up the sender asked for: a mail to the customer (`followUpKind: 'mail'`; at the
   * customer's next 09:00 unless a time was given) or a reminder at `followUpAt`. One per message, by its id.
   */
  private async scheduleFollowUp(crm: Database, doc: Doc, now: Date): Promise<void> {
    const mail = doc.followUpKind === 'mail';
    if ((!mail && typeof doc.followUpAt !== 'string') || typeof doc.messageId !== 'string') return;
    const owner = Array.isArray(doc.owner) && doc.owner.length > 0 ? doc.owner.map(String) : [String(doc.createdBy)];
    const due = typeof doc.followUpAt === 'string' ? doc.followUpAt : tomorrowAt(now, FOLLOW_UP_HOUR, await timeZoneOf(crm, { contactId: doc.contactId, customerId: doc.customerId })).toISOString();
    const subject = String(doc.subject ?? '').slice(0, 2000) || '—';
    const [result] = await crm.saveMany([{
      _id: followUpId(mailDocId(doc.messageId)),
      form: 'DueWork',
      kind: mail ? 'followUpMail' : 'followUp',
      due,
      subject: mail && typeof doc.followUpSubject === 'string' && doc.followUpSubject.trim() !== '' ? doc.followUpSubject : subject,
      owner,
      aboutId: String(doc._id),
      ...(typeof doc.customerId === 'string' ? { customerId: doc.customerId, customerName: doc.customerName } : {}),
      ...(typeof doc.contactId === 'string' ? { contactId: doc.contactId, contactName: doc.contactName } : {}),
      ...(mail ? {
        to: doc.to, toNames: doc.toNames, body: String(doc.followUpBody ?? ''),
        ...(typeof doc.followUpTemplateId === 'string' ? { templateId: doc.followUpTemplateId } : {}),
        inReplyTo: doc.messageId, references: [...(Array.isArray(doc.references) ? doc.references : []), doc.messageId],
        threadId: threadOf(doc), accountId: doc.accountId,
      } : {}),
      readers: Array.isArray(doc.readers) ? doc.readers : [],
      authors: owner,
    }], this.ctx(now));
    if (result && !result.ok && result.error !== 'conflict') this.options.logger.error({ id: doc._id, reason: result.reason }, 'the follow-up could not be scheduled');
  }

  private transport(account: MailAccount): Transporter {
    let transport = this.transports.get(account.id);
    if (!transport) {
      const smtp = account.smtp!;
      transport = nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.tls,
        ...(smtp.user && smtp.password ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
        pool: true,
        maxConnections: this.options.concurrency ?? 4,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
      });
      this.transports.set(account.id, transport);
    }
    return transport;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private ctx(now: Date) {
    return { now: now.toISOString(), user: SERVER_USER };
  }
}

/** Queued and its next attempt has come, or claimed by a server whose lease ran out. */
export function isDueToSend(doc: Doc, now: Date): boolean {
  const time = now.toISOString();
  if (doc.status === 'queued') return typeof doc.nextAttemptAt !== 'string' || doc.nextAttemptAt <= time;
  return doc.status === 'sending' && typeof doc.leaseUntil === 'string' && doc.leaseUntil <= time;
}

/** Queued in its back-off because its mail server could not be reached or did not answer. */
function isWaitingForServer(doc: Doc, now: Date): boolean {
  return doc.status === 'queued' && typeof doc.nextAttemptAt === 'string' && doc.nextAttemptAt > now.toISOString()
    && (doc.lastErrorCode === 'unreachable' || doc.lastErrorCode === 'timeout');
}

/** A reply to this message names it (or its thread's first message) in References: the thread ids then agree. */
function threadOf(doc: Doc): string {
  if (typeof doc.threadId === 'string' && doc.threadId !== '') return doc.threadId;
  const references = Array.isArray(doc.references) ? doc.references.map(String) : [];
  const inReplyTo = typeof doc.inReplyTo === 'string' ? doc.inReplyTo : undefined;
  return threadIdOf({ references, ...(inReplyTo ? { inReplyTo } : {}) }, mailDocId(String(doc.messageId)));
}

/** Mass mail: both ways of unsubscribing in one List-Unsubscribe (RFC 2369), and one click by POST to the link (RFC 8058). */
function unsubscribeHeaders(doc: Doc): Record<string, string> {
  const links = [doc.unsubscribeMailto, doc.unsubscribeUrl].filter((link): link is string => typeof link === 'string' && link !== '');
  if (links.length === 0) return {};
  return {
    'List-Unsubscribe': links.map((link) => `<${oneLine(link)}>`).join(', '),
    ...(typeof doc.unsubscribeUrl === 'string' ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
  };
}

/** What the server sends of itself says so (RFC 3834), so that responders elsewhere do not answer it. */
function autoSubmittedHeader(doc: Doc): Record<string, string> {
  return doc.autoSubmitted === 'auto-replied' || doc.autoSubmitted === 'auto-generated' ? { 'Auto-Submitted': doc.autoSubmitted } : {};
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').trim();
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1) || 'guanxi.invalid';
}
