import type { Label } from '../../design/label.js';
import { ApiError, callJson } from './server-api.js';
import { currentSession } from './session-api.js';

export type FilingOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: Label | string };

const NEEDS_NETWORK: Label = {
  zh: '无法连接服务器：分配邮件和创建联系人需要联网，请联网后再试。',
  en: 'The server cannot be reached: assigning mail and creating contacts need the network. Try again when online.',
};

/**
 * Files a received message by hand on the server (server/mail/mail-routes.ts), which also adds the
 * sender's address to the contact; the filed message and contact come back by replication.
 */
export async function fileMessageOn(messageId: string, target: { contactId: string } | { customerId: string; name?: string }): Promise<FilingOutcome> {
  const session = await currentSession();
  if (session.kind !== 'signed-in') return { ok: false, reason: NEEDS_NETWORK };
  const path = `/api/mail/messages/${encodeURIComponent(messageId)}/${'contactId' in target ? 'assign' : 'contact'}`;
  try {
    await callJson(path, { method: 'POST', csrf: session.csrf, json: target });
    return { ok: true };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, reason: error.status === 0 ? NEEDS_NETWORK : error.reason };
    throw error;
  }
}
