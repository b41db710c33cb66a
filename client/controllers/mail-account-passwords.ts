import type { Label } from '../../design/label.js';
import { ApiError, callApi, callJson } from './server-api.js';
import { currentSession } from './session-api.js';

/** Whether an account's passwords are kept on the server (never the passwords themselves). */
export interface PasswordsSet {
  readonly imap: boolean;
  readonly smtp: boolean;
}

export type PasswordOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: Label | string };

const NEEDS_NETWORK: Label = {
  zh: '无法连接服务器：邮箱密码只保存在服务器上，请联网后再设置。',
  en: 'The server cannot be reached: mail passwords are kept on the server only. Set them when online.',
};

const path = (accountId: string) => `/api/mail/accounts/${encodeURIComponent(accountId)}/password`;

/** Asks the server (server/mail/mail-routes.ts) which of the account's passwords it keeps. */
export function passwordsSet(accountId: string): Promise<PasswordOutcome<PasswordsSet>> {
  return onServer((csrf) => callJson<PasswordsSet>(path(accountId), { csrf }));
}

/** Sets the passwords given (the others stay); the mail gateway takes them up at its next poll. */
export function setPasswords(accountId: string, passwords: { imapPassword?: string; smtpPassword?: string }): Promise<PasswordOutcome<null>> {
  return onServer(async (csrf) => {
    await callApi(path(accountId), { method: 'PUT', csrf, json: passwords });
    return null;
  });
}

async function onServer<T>(call: (csrf: string) => Promise<T>): Promise<PasswordOutcome<T>> {
  const session = await currentSession();
  if (session.kind !== 'signed-in') return { ok: false, reason: NEEDS_NETWORK };
  try {
    return { ok: true, value: await call(session.csrf) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, reason: error.status === 0 ? NEEDS_NETWORK : error.reason };
    throw error;
  }
}
