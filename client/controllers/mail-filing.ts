import type { Label } from '../../design/label.js';
import { callJson, onServer, type ServerOutcome } from './server-api.js';

const NEEDS_NETWORK: Label = {
  zh: '无法连接服务器：分配邮件和创建联系人需要联网，请联网后再试。',
  en: 'The server cannot be reached: assigning mail and creating contacts need the network. Try again when online.',
};

/**
 * Files a received message by hand on the server (server/mail/mail-routes.ts), which also adds the
 * sender's address to the contact; the filed message and contact come back by replication.
 */
export function fileMessageOn(messageId: string, target: { contactId: string } | { customerId: string; name?: string }): Promise<ServerOutcome<null>> {
  const path = `/api/mail/messages/${encodeURIComponent(messageId)}/${'contactId' in target ? 'assign' : 'contact'}`;
  return onServer(NEEDS_NETWORK, async (csrf) => {
    await callJson(path, { method: 'POST', csrf, json: target });
    return null;
  });
}
