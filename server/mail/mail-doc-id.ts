import { createHash } from 'node:crypto';
import type { ParsedMessage } from './parse-message.js';

/**
 * The document id of a message: a hash of its Message-ID, so the same message seen twice (two
 * folders, two mailboxes, a rescan after UIDVALIDITY changed) is one document. A message without
 * a Message-ID is keyed by a hash of its bytes, which a rescan finds the same.
 */
export function mailDocId(messageId: string | undefined, raw?: Uint8Array): string {
  const hash = createHash('sha256');
  if (messageId !== undefined) hash.update(`id:${messageId.toLowerCase()}`);
  else if (raw) hash.update('raw:').update(raw);
  else throw new Error('mailDocId needs a Message-ID or the raw message');
  return `mail-${hash.digest('hex').slice(0, 40)}`;
}

/**
 * A Message-ID is a hint, not an identity: a second message that reuses one with other content
 * (a broken mailer, a careless bulk sender) is kept under an id of both, and marked.
 */
export function variantDocId(messageId: string, contentHash: string): string {
  return mailDocId(`${messageId}\n${contentHash}`);
}

/** What a message says, not how it travelled: the same in every folder and after every rescan. */
export function contentHashOf(message: ParsedMessage): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([message.from?.address ?? '', message.subject, message.date ?? '', message.text, message.html ?? '']));
  for (const a of message.attachments) hash.update(a.filename).update(a.content);
  return hash.digest('hex').slice(0, 40);
}

/** Every message of a thread shares the id of its first message (the oldest reference). */
export function threadIdOf(message: { readonly references: readonly string[]; readonly inReplyTo?: string }, ownId: string): string {
  const root = message.references[0] ?? message.inReplyTo;
  return root === undefined ? ownId : mailDocId(root);
}

/** The follow-up scheduled on an outgoing message: one per message, found again by its id. */
export function followUpId(messageDocId: string): string {
  return `followup-${messageDocId}`;
}
