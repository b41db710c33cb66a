import type { Label } from '../../design/label.js';
import { callApi, callJson, onServer, type ServerOutcome } from './server-api.js';

/** Whether an account's passwords are kept on the server (never the passwords themselves). */
export interface PasswordsSet {
  readonly imap: boolean;
  readonly smtp: boolean;
}

const NEEDS_NETWORK: Label = {
  zh: '无法连接服务器：邮箱密码只保存在服务器上，请联网后再设置。',
  en: 'The server cannot be reached: mail passwords are kept on the server only. Set them when online.',
};

const path = (accountId: string) => `/api/mail/accounts/${encodeURIComponent(accountId)}/password`;

/** Asks the server (server/mail/mail-routes.ts) which of the account's passwords it keeps. */
export function passwordsSet(accountId: string): Promise<ServerOutcome<PasswordsSet>> {
  return onServer(NEEDS_NETWORK, (csrf) => callJson<PasswordsSet>(path(accountId), { csrf }));
}

/** Sets the passwords given (the others stay); the mail gateway takes them up at its next poll. */
export function setPasswords(accountId: string, passwords: { imapPassword?: string; smtpPassword?: string }): Promise<ServerOutcome<null>> {
  return onServer(NEEDS_NETWORK, async (csrf) => {
    await callApi(path(accountId), { method: 'PUT', csrf, json: passwords });
    return null;
  });
}
