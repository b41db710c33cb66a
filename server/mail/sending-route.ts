import type { RequestHandler } from 'express';
import type { Store } from '../store/store.js';
import { loadMailSettings } from './mail-settings.js';

/** Why mail written now could never leave: said when it is composed, not after it waits in the outbox forever. */
export const NO_SENDING_ACCOUNT = {
  zh: '没有可以发送邮件的公司邮箱（没有启用且设置了 SMTP 服务器的邮件账户）：请管理员在 设置 → 邮件账户 中设置。',
  en: 'No company mailbox can send mail (no enabled mail account with an SMTP server): ask an administrator to set one up in Settings → Mail accounts.',
} as const;

/** `GET /api/mail/sending`: `{canSend}`, and the reason when nothing could send what is written now. */
export function sendingRoute(store: Store): RequestHandler {
  return async (_req, res) => {
    const canSend = (await loadMailSettings(store)).accounts.some((account) => account.smtp !== undefined);
    res.json(canSend ? { canSend } : { canSend, reason: NO_SENDING_ACCOUNT });
  };
}
