import type { Doc } from '../../design/form.js';
import type { Store } from '../store/store.js';
import { rulesFromDocs, type MailRule } from './apply-rules.js';
import { readMailSecret } from './mail-secrets.js';

export interface ServerEndpoint {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly user?: string;
  readonly password?: string;
}

/** A MailAccount document with its server-side passwords: what the gateway connects with. */
export interface MailAccount {
  readonly id: string;
  readonly address: string;
  readonly displayName: string;
  readonly mailboxes: readonly string[];
  readonly defaultOwner: readonly string[];
  readonly imap?: ServerEndpoint;
  readonly smtp?: ServerEndpoint;
}

export interface MailSettings {
  readonly accounts: readonly MailAccount[];
  readonly rules: readonly MailRule[];
}

/** The enabled accounts and rules, as the administrator last saved them in `names`. */
export async function loadMailSettings(store: Store): Promise<MailSettings> {
  const { rows } = await store.database('names').pouch.allDocs({ include_docs: true });
  const docs = rows.flatMap((row) => (row.doc ? [row.doc as Doc] : []));
  const accountDocs = docs.filter((doc) => doc.form === 'MailAccount' && doc.enabled !== false && typeof doc.address === 'string');
  const accounts = await Promise.all(accountDocs.map(async (doc) => accountOf(doc, await readMailSecret(store, String(doc._id)))));
  return { accounts, rules: rulesFromDocs(docs) };
}

function accountOf(doc: Doc, secret: { imapPassword?: string; smtpPassword?: string }): MailAccount {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const endpoint = (host: unknown, port: unknown, tls: unknown, user: unknown, password: string | undefined, defaultPort: number): ServerEndpoint | undefined => {
    const name = text(host);
    if (!name) return undefined;
    const login = text(user) ?? text(doc.address);
    return { host: name, port: typeof port === 'number' ? port : defaultPort, tls: tls !== false, ...(login ? { user: login } : {}), ...(password ? { password } : {}) };
  };
  const imap = endpoint(doc.imapHost, doc.imapPort, doc.imapTls, doc.imapUser, secret.imapPassword, 993);
  const smtp = endpoint(doc.smtpHost, doc.smtpPort, doc.smtpTls, doc.smtpUser, secret.smtpPassword, 465);
  const mailboxes = Array.isArray(doc.mailboxes) && doc.mailboxes.length > 0 ? doc.mailboxes.map(String) : ['INBOX'];
  return {
    id: String(doc._id),
    address: String(doc.address).toLowerCase(),
    displayName: text(doc.displayName) ?? '',
    mailboxes,
    defaultOwner: Array.isArray(doc.defaultOwner) ? doc.defaultOwner.map(String) : [],
    ...(imap ? { imap } : {}),
    ...(smtp ? { smtp } : {}),
  };
}
