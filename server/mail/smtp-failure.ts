import type { Label } from '../../design/label.js';

/** Why a message could not be sent, as the outbox records it; permanent ones are not retried. */
export const SMTP_FAILURES = {
  unreachable: { zh: '无法连接发信服务器', en: 'Cannot reach the mail server', permanent: false },
  timeout: { zh: '发信服务器响应超时', en: 'The mail server did not answer in time', permanent: false },
  auth: { zh: '发信服务器拒绝登录（请检查用户名和密码）', en: 'The mail server refused the sign-in (check the user name and password)', permanent: false },
  temporary: { zh: '发信服务器暂时不能接收邮件', en: 'The mail server cannot take the message for now', permanent: false },
  rejected: { zh: '发信服务器拒收了邮件或收件人', en: 'The mail server rejected the message or a recipient', permanent: true },
  bad_address: { zh: '收件人地址无效', en: 'A recipient address is not valid', permanent: true },
  no_account: { zh: '没有可用于发信的邮箱账户', en: 'No mail account is set up to send this message', permanent: false },
  interrupted: { zh: '发送时服务器停止了，不能确定邮件是否已发出；请核实后重新发送或不再发送', en: 'The server stopped while sending it: the message may or may not have gone out. Check, then resend or dismiss it', permanent: true },
} as const satisfies Record<string, Label & { permanent: boolean }>;

export type SmtpFailureCode = keyof typeof SMTP_FAILURES;

export class SmtpFailure extends Error {
  constructor(readonly code: SmtpFailureCode, readonly detail: string, options?: { cause?: unknown }) {
    super(`${SMTP_FAILURES[code].en}: ${detail}`, options);
    this.name = 'SmtpFailure';
  }

  get permanent(): boolean {
    return SMTP_FAILURES[this.code].permanent;
  }

  /** Both languages, for the message's `lastError`. */
  describe(): string {
    const { zh, en } = SMTP_FAILURES[this.code];
    return `${zh} / ${en}: ${this.detail}`.slice(0, 2000);
  }
}

/** nodemailer's errors, translated at the edge into our codes; the cause is kept. */
export function smtpFailureOf(error: unknown): SmtpFailure {
  if (error instanceof SmtpFailure) return error;
  const { code, responseCode, message } = (error ?? {}) as { code?: string; responseCode?: number; message?: string };
  const detail = message ?? String(error);
  if (code === 'EAUTH') return new SmtpFailure('auth', detail, { cause: error });
  if (code === 'ETIMEDOUT') return new SmtpFailure('timeout', detail, { cause: error });
  if (typeof responseCode === 'number') {
    return new SmtpFailure(responseCode >= 500 ? 'rejected' : 'temporary', detail, { cause: error });
  }
  if (code === 'EENVELOPE') return new SmtpFailure('bad_address', detail, { cause: error });
  return new SmtpFailure('unreachable', detail, { cause: error });
}
