import type { ImapFlow } from 'imapflow';
import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import type { Doc } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import type { Logger } from '../log.js';
import type { Database, Store } from '../store/store.js';
import type { AddressBook } from './address-book.js';
import { applyRules, type MailRule } from './apply-rules.js';
import { queueAutoReplies, type AutoReplyRequest } from './auto-reply.js';
import { cancelFollowUps, cancelFollowUpsOfSenders } from './cancel-follow-ups.js';
import { unsubscribeByMail } from './unsubscribe.js';
import { fileMessage } from './file-message.js';
import { conversationTitle } from '../../design/conversation-title.js';
import { contentHashOf, mailDocId, variantDocId } from './mail-doc-id.js';
import { ensureInquiryContacts } from './file-inquiry.js';
import type { MailAccount } from './mail-settings.js';
import { parseMessage, type ParsedMessage } from './parse-message.js';
import { receivedDoc } from './received-doc.js';
import { stopNurtures } from './run-nurtures.js';

export interface ImportTarget {
  readonly store: Store;
  readonly book: AddressBook;
  readonly rules: readonly MailRule[];
  readonly account: MailAccount;
  /** The company's own mailbox addresses: never the counterpart a message is filed under. */
  readonly ownAddresses: ReadonlySet<string>;
  readonly now: () => Date;
  readonly logger: Logger;
}

export interface ImportReport {
  readonly imported: number;
  /** Messages already filed (seen in another folder or mailbox, or before a UIDVALIDITY change). */
  readonly duplicates: number;
}

/** How far the gateway has imported one mailbox; a new UIDVALIDITY means its UIDs start over. */
interface MailboxCursor {
  readonly uidValidity: string;
  readonly lastUid: number;
}

const BATCH = 500;

/**
 * Imports what is new in one mailbox: each UID after the cursor, in batches; the cursor moves
 * only after a batch is stored, so a crash repeats at most one batch, and the repeat finds its
 * messages already filed (their document ids come from the Message-ID).
 */
export async function importMailbox(imap: ImapFlow, mailbox: string, target: ImportTarget): Promise<ImportReport> {
  const docs = target.store.serverDocs;
  const cursorId = `mail-cursor-${hexOfUtf8(`${target.account.id}\n${mailbox}`)}`;
  const lock = await imap.getMailboxLock(mailbox, { readOnly: true });
  let imported = 0;
  let duplicates = 0;
  try {
    const opened = imap.mailbox;
    if (!opened) throw new Error(`mailbox ${mailbox} did not open`);
    const uidValidity = String(opened.uidValidity);
    const cursor = await docs.read<MailboxCursor>(cursorId);
    const lastUid = cursor?.uidValidity === uidValidity ? cursor.lastUid : 0;
    if (cursor && cursor.uidValidity !== uidValidity) target.logger.warn({ account: target.account.id, mailbox, was: cursor.uidValidity, now: uidValidity }, 'UIDVALIDITY changed: rescanning the mailbox');
    // Not uidNext: it is not updated when the server announces new mail while selected.
    if (opened.exists === 0) return { imported, duplicates };
    const found = await imap.search({ uid: `${lastUid + 1}:*` }, { uid: true });
    // `n:*` names the last message even when its UID is below n.
    const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
    for (let start = 0; start < uids.length; start += BATCH) {
      const batch = uids.slice(start, start + BATCH);
      const fetched = await imap.fetchAll(batch.join(','), { uid: true, source: true }, { uid: true });
      const raws = fetched.filter((m) => m.source).map((m) => ({ uid: m.uid, raw: new Uint8Array(m.source!.buffer, m.source!.byteOffset, m.source!.byteLength) }));
      const outcome = await storeBatch(raws, { ...target, mailbox, uidValidity });
      imported += outcome.imported;
      duplicates += outcome.duplicates;
      const last = batch[batch.length - 1]!;
      await docs.update<MailboxCursor>(cursorId, () => ({ uidValidity, lastUid: last }));
    }
  } finally {
    lock.release();
  }
  return { imported, duplicates };
}

async function storeBatch(raws: readonly { uid: number; raw: Uint8Array }[], target: ImportTarget & { mailbox: string; uidValidity: string }): Promise<ImportReport> {
  const crm = target.store.database('crm');
  const ctx = { now: target.now().toISOString(), user: SERVER_USER };
  await target.book.refresh();
  const parsed = await Promise.all(raws.map(async ({ uid, raw }) => {
    const message = await parseMessage(raw);
    return { uid, message, hash: contentHashOf(message), id: mailDocId(message.messageId, raw) };
  }));
  const stored = await storedMessages(crm, parsed);
  const threads = await knownThreads(crm, parsed.map((p) => p.message));
  // The messages to file, each under its id (a Message-ID reused with other content gets its own).
  const placed = new Map<string, { contentHash: string }>();
  const planned = parsed.flatMap(({ uid, message, hash, id: firstId }) => {
    const id = idFor(firstId, message.messageId, hash, stored, placed);
    if (id === undefined) return [];
    if (id !== firstId) target.logger.warn({ account: target.account.id, mailbox: target.mailbox, uid, messageId: message.messageId }, 'a message reuses an earlier Message-ID with other content: both are kept');
    placed.set(id, { contentHash: hash });
    return [{ uid, message, hash, firstId, id, routing: applyRules(message, target.rules) }];
  });
  await ensureInquiryContacts(crm, target.book, planned.flatMap((p) => (p.message.inquiry ? [{ inquiry: p.message.inquiry, routing: p.routing }] : [])), ctx);
  const docs = new Map<string, Doc>();
  const fresh: ParsedMessage[] = [];
  const autoReplies: AutoReplyRequest[] = [];
  for (const { uid, message, hash, firstId, id, routing } of planned) {
    // A platform's inquiry is filed under its buyer, never under the platform's robot address;
    // a sender writing from a private address names their company's in Reply-To.
    const senders = message.inquiry?.buyer.email ? [{ address: message.inquiry.buyer.email, name: '' }] : [message.from, ...message.replyTo];
    const counterparts = [...senders, ...message.to, ...message.cc]
      .flatMap((a) => (a && !target.ownAddresses.has(a.address) ? [a.address] : []));
    const filing = fileMessage(counterparts, target.book, routing, target.account.defaultOwner);
    const doc = receivedDoc(id, message, { accountId: target.account.id, mailbox: target.mailbox, uidValidity: target.uidValidity, uid }, filing, routing);
    const thread = threadOfParent(message, threads, docs);
    const filed = { ...doc, ...(thread ? { threadId: thread.id, threadTitle: thread.title ?? doc.threadTitle } : {}), contentHash: hash, ...(id !== firstId ? { sameMessageIdAs: firstId } : {}) };
    docs.set(id, filed);
    fresh.push(message);
    if (routing.autoReplyTemplate) autoReplies.push({ docId: id, message, templateId: routing.autoReplyTemplate, filed, ...(routing.autoReplyDays ? { days: routing.autoReplyDays } : {}) });
  }
  const results = await crm.saveMany([...docs.values()], ctx);
  let imported = 0;
  let duplicates = parsed.length - docs.size;
  for (const result of results) {
    if (result.ok) imported++;
    // Another server filed the same message a moment ago.
    else if (result.error === 'conflict') duplicates++;
    else target.logger.error({ account: target.account.id, mailbox: target.mailbox, id: result.id, error: result.error, reason: result.reason }, 'a received message could not be stored');
  }
  const saved = new Set(results.filter((r) => r.ok).map((r) => r.id));
  await cancelFollowUps(crm, fresh.filter((m) => !m.autoGenerated), ctx);
  // Not the company's own mail (a Sent folder imported): only the customer's side cancels.
  await cancelFollowUpsOfSenders(crm, [...docs.values()].filter((doc) => saved.has(String(doc._id)) && doc.autoGenerated !== true && !target.ownAddresses.has(String(doc.from))), ctx);
  await unsubscribeByMail(target.store, fresh.map((m) => m.subject), new Date(ctx.now));
  await stopNurtures(crm, [...docs.values()].flatMap((doc) => (saved.has(String(doc._id)) && doc.autoGenerated !== true && typeof doc.contactId === 'string'
    ? [{ contactId: doc.contactId, messageId: String(doc._id) }] : [])), ctx);
  await queueAutoReplies(crm, target.store.serverDocs, autoReplies.filter((r) => saved.has(r.docId)), target.ownAddresses, target.account.id, ctx, target.logger);
  return { imported, duplicates };
}

/** What is filed under each message's id and its variant's: a content hash, or null for a deleted document. */
async function storedMessages(crm: Database, parsed: readonly { message: ParsedMessage; hash: string; id: string }[]): Promise<Map<string, string | null>> {
  const ids = new Set(parsed.flatMap((p) => [p.id, ...(p.message.messageId ? [variantDocId(p.message.messageId, p.hash)] : [])]));
  const { rows } = await crm.pouch.allDocs({ keys: [...ids], include_docs: true });
  const stored = new Map<string, string | null>();
  for (const row of rows) {
    if (!('value' in row) || !row.value) continue;
    const doc = 'doc' in row ? row.doc : undefined;
    // Messages filed before hashes were kept count as the same content.
    stored.set(row.key, doc && typeof doc.contentHash === 'string' ? doc.contentHash : null);
  }
  return stored;
}

/**
 * The id to file a message under, or undefined when it is filed already: its Message-ID's, unless
 * that holds other content (then the variant of both). A message deleted by a user stays deleted.
 */
function idFor(firstId: string, messageId: string | undefined, hash: string, stored: ReadonlyMap<string, string | null>, batch: ReadonlyMap<string, { contentHash: string }>): string | undefined {
  const first = batch.get(firstId)?.contentHash ?? stored.get(firstId);
  if (first === undefined) return firstId;
  if (first === null || first === hash || messageId === undefined) return undefined;
  const variant = variantDocId(messageId, hash);
  return stored.has(variant) || batch.has(variant) ? undefined : variant;
}

/** A conversation a message joins: its id and heading. */
interface Thread {
  readonly id: string;
  readonly title?: string;
}

/** The threads of the messages these answer, where those are already filed. */
async function knownThreads(crm: Database, messages: readonly ParsedMessage[]): Promise<Map<string, Thread>> {
  const ids = [...new Set(messages.flatMap((m) => [...m.references, ...(m.inReplyTo ? [m.inReplyTo] : [])]).map((ref) => mailDocId(ref)))];
  const threads = new Map<string, Thread>();
  if (ids.length === 0) return threads;
  const { rows } = await crm.pouch.allDocs({ keys: ids, include_docs: true });
  for (const row of rows) {
    const doc = 'doc' in row ? row.doc : undefined;
    if (doc && typeof doc.threadId === 'string') threads.set(row.key, threadOf(doc as Doc)!);
  }
  return threads;
}

function threadOf(doc: Doc | undefined): Thread | undefined {
  if (typeof doc?.threadId !== 'string') return undefined;
  return { id: doc.threadId, ...(typeof doc.threadTitle === 'string' ? { title: doc.threadTitle } : typeof doc.subject === 'string' ? { title: conversationTitle(doc.subject) } : {}) };
}

/** A reply joins the thread of the oldest message it references that Guanxi has (this batch too). */
function threadOfParent(message: ParsedMessage, threads: ReadonlyMap<string, Thread>, batch: ReadonlyMap<string, Doc>): Thread | undefined {
  for (const ref of [...message.references, ...(message.inReplyTo ? [message.inReplyTo] : [])]) {
    const id = mailDocId(ref);
    const thread = threads.get(id) ?? threadOf(batch.get(id));
    if (thread) return thread;
  }
  return undefined;
}
