/**
 * Why a received message must never be answered automatically (RFC 3834 §2 and what mail servers
 * do in practice), or `undefined` for mail a person wrote. One place for the gateway's auto-reply,
 * follow-up cancelling and nurture stopping to agree on what "automatic" is.
 */
export type AutomaticReason = 'auto-submitted' | 'precedence' | 'list' | 'no-reply-sender' | 'bounce';

/** A header as it arrived: its name in lower case, its value unfolded. */
export interface RawHeader {
  readonly key: string;
  readonly value: string;
}

/** Senders that no person reads: answering them at best bounces, at worst starts a loop. */
const NO_REPLY_SENDER = /^(?:mailer-daemon|postmaster|no[-_.]?reply|do[-_.]?not[-_.]?reply|bounces?)(?:[+-][^@]*)?@/i;

export function automaticReason(headers: readonly RawHeader[], fromAddress: string | undefined): AutomaticReason | undefined {
  const values = (name: string) => headers.filter((h) => h.key === name).map((h) => h.value.trim().toLowerCase());
  if (values('auto-submitted').some((value) => value.split(';')[0]!.trim() !== 'no')) return 'auto-submitted';
  // Older vacation programs' own marks, set where Auto-Submitted is not.
  if (values('x-autoreply').length > 0 || values('x-autorespond').length > 0) return 'auto-submitted';
  if (values('precedence').some((value) => /\b(bulk|list|junk|auto_reply)\b/.test(value))) return 'precedence';
  if (values('list-id').length > 0 || values('list-unsubscribe').length > 0) return 'list';
  // A bounce is sent with the null reverse path, which the delivering server records as `Return-Path: <>`.
  if (values('return-path').some((value) => /^<\s*>$/.test(value))) return 'bounce';
  if (values('content-type').some((value) => /^multipart\/report\b/.test(value))) return 'bounce';
  if (fromAddress && NO_REPLY_SENDER.test(fromAddress)) return 'no-reply-sender';
  return undefined;
}
