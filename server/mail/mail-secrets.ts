import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import type { Legacy } from '../store/server-docs.js';
import type { Store } from '../store/store.js';

/** A mail account's passwords: in the servers' own database, never replicated. */
export interface MailSecret {
  readonly imapPassword?: string;
  readonly smtpPassword?: string;
}

function secretId(accountId: string): string {
  return `mail-secret-${hexOfUtf8(accountId)}`;
}

/** Where the passwords were kept before they moved to the servers' database; read until first rewritten. */
function legacy(store: Store, accountId: string): Legacy {
  return { pouch: store.database('names').pouch, id: `_local/mail-secret-${hexOfUtf8(accountId)}` };
}

export async function readMailSecret(store: Store, accountId: string): Promise<MailSecret> {
  const stored = await store.serverDocs.read<MailSecret>(secretId(accountId), legacy(store, accountId));
  return { ...(stored?.imapPassword ? { imapPassword: stored.imapPassword } : {}), ...(stored?.smtpPassword ? { smtpPassword: stored.smtpPassword } : {}) };
}

export async function setMailSecret(store: Store, accountId: string, secret: MailSecret): Promise<void> {
  await store.serverDocs.update<MailSecret>(secretId(accountId), (current) => ({ ...current, ...secret }), legacy(store, accountId));
}
