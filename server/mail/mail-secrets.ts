import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import { readLocal, updateLocal } from '../auth/local-docs.js';
import type { Store } from '../store/store.js';

/** A mail account's passwords: in a `_local` document of `names`, never replicated. */
export interface MailSecret {
  readonly imapPassword?: string;
  readonly smtpPassword?: string;
}

function secretId(accountId: string): string {
  return `_local/mail-secret-${hexOfUtf8(accountId)}`;
}

export async function readMailSecret(store: Store, accountId: string): Promise<MailSecret> {
  const stored = await readLocal<MailSecret>(store.database('names').pouch, secretId(accountId));
  return { ...(stored?.imapPassword ? { imapPassword: stored.imapPassword } : {}), ...(stored?.smtpPassword ? { smtpPassword: stored.smtpPassword } : {}) };
}

export async function setMailSecret(store: Store, accountId: string, secret: MailSecret): Promise<void> {
  await updateLocal<MailSecret>(store.database('names').pouch, secretId(accountId), (current) => ({ ...current, ...secret }));
}
