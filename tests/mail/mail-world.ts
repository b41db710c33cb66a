import { readFile } from 'node:fs/promises';
import type { Doc } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import { createLogger } from '../../server/log.js';
import { AccountImporter } from '../../server/mail/account-importer.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { setMailSecret } from '../../server/mail/mail-secrets.js';
import { loadMailSettings, type MailAccount } from '../../server/mail/mail-settings.js';
import type { Store } from '../../server/store/store.js';
import { after, before } from 'node:test';
import { startDovecot, type Dovecot, type MailUser } from '../helpers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

export const SALES: MailUser = { user: 'sales', password: 'mailbox-secret-1' };
export const ADMIN_CTX = { now: '2026-03-01T08:00:00.000Z', user: SERVER_USER };
export const SAMPLES = new URL('./samples/', import.meta.url);

export function sample(name: string): Promise<Uint8Array> {
  return readFile(new URL(name, SAMPLES)).then((bytes) => new Uint8Array(bytes));
}

/** The company mailbox sales@ as an administrator configures it: the document, and its password kept apart. */
export async function configureAccount(store: Store, imap: Dovecot | undefined, extra: Doc = {}): Promise<MailAccount> {
  const doc = await store.database('names').save({
    _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', displayName: '关系贸易 销售部',
    ...(imap ? { imapHost: imap.host, imapPort: imap.port, imapTls: false, imapUser: SALES.user } : {}),
    ...extra,
  }, ADMIN_CTX);
  await setMailSecret(store, doc._id, { imapPassword: SALES.password });
  const { accounts } = await loadMailSettings(store);
  return accounts.find((a) => a.id === doc._id)!;
}

export function importerFor(store: Store, account: MailAccount, options: { pollMs?: number; retryMs?: [number, number]; now?: () => Date } = {}): AccountImporter {
  return new AccountImporter(account, {
    store,
    book: new AddressBook(store.database('crm').pouch),
    rules: async () => (await loadMailSettings(store)).rules,
    ownAddresses: new Set([account.address]),
    logger: createLogger((process.env.MAIL_TEST_LOG as 'debug' | undefined) ?? 'silent'),
    now: () => new Date('2026-03-03T12:00:00.000Z'),
    ...options,
  });
}

/** Every MailMessage document, by Message-ID. */
export async function messagesByMessageId(store: Store): Promise<Map<string, Doc>> {
  const { rows } = await store.database('crm').pouch.allDocs({ include_docs: true });
  return new Map(rows.flatMap((row) => (row.doc?.form === 'MailMessage' ? [[String(row.doc.messageId), row.doc as Doc]] : [])));
}

/** A Dovecot with the sales mailbox and an SMTP server, started before the suite's tests and stopped after. */
export function mailServersForSuite(): { readonly dovecot: Dovecot; readonly sink: SmtpSink } {
  let servers: { dovecot: Dovecot; sink: SmtpSink } | undefined;
  before(async () => {
    const [dovecot, sink] = await Promise.all([startDovecot([SALES]), startSmtpSink()]);
    servers = { dovecot, sink };
  });
  after(async () => {
    await Promise.all([servers?.dovecot.stop(), servers?.sink.stop()]);
  });
  return {
    get dovecot() {
      return servers!.dovecot;
    },
    get sink() {
      return servers!.sink;
    },
  };
}
