import { Command } from 'commander';
import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import type { Doc } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import { createError } from '../../engine/errors.js';
import { setMailSecret } from '../mail/mail-secrets.js';
import type { Store, StoredDoc } from '../store/store.js';
import { firstLineOfStdin, promptHidden } from './read-new-password.js';
import { configFor, withStore } from './with-store.js';

export function mailCommand(): Command {
  return new Command('mail')
    .description('mail accounts of the mail gateway')
    .addCommand(accountCommand())
    .addCommand(passwordCommand());
}

function accountCommand(): Command {
  return new Command('account')
    .description('add or change a mail account (a company mailbox); a running server imports and sends with it at once')
    .argument('<address>', 'the mailbox address, e.g. sales@example.com')
    .option('--name <text>', 'display name of outgoing mail')
    .option('--imap <host:port>', 'IMAP server (port 993 when omitted)')
    .option('--imap-user <user>', 'IMAP user name (default: the address)')
    .option('--no-imap-tls', 'plain IMAP, without TLS')
    .option('--mailboxes <list>', 'mailboxes to import, comma-separated (default INBOX)')
    .option('--smtp <host:port>', 'SMTP server (port 465 when omitted)')
    .option('--smtp-user <user>', 'SMTP user name (default: the address)')
    .option('--no-smtp-tls', 'plain SMTP, without TLS')
    .option('--default-owner <name>', 'salesperson who gets new leads that no rule routes')
    .option('--disable', 'stop using this account')
    .action(async (address: string, options: Record<string, string | boolean | undefined>, command: Command) => {
      const doc = await withStore(configFor(command), async (store) => {
        const current = await findAccount(store, address).catch(() => undefined);
        return store.database('names').save({ ...(current ?? { _id: accountId(address), form: 'MailAccount', address: address.trim().toLowerCase() }), ...accountFields(options) }, { now: new Date().toISOString(), user: SERVER_USER });
      });
      console.log(`Mail account ${String(doc.address)} saved (${doc._id}). Set its password with 'guanxi mail password ${String(doc.address)}'; a running server takes the account up at once.`);
    });
}

function passwordCommand(): Command {
  return new Command('password')
    .description("set a mail account's password, kept on the servers only (never replicated)")
    .argument('<address>', 'the account address (or its id)')
    .option('--imap', 'only the IMAP password')
    .option('--smtp', 'only the SMTP password')
    .option('--password-stdin', 'read the password from standard input instead of prompting for it')
    .action(async (address: string, options: { imap?: boolean; smtp?: boolean; passwordStdin?: boolean }, command: Command) => {
      const password = options.passwordStdin || !process.stdin.isTTY ? await firstLineOfStdin() : await promptHidden(`Password of ${address}: `);
      if (password === '') throw createError('bad_request', 'The password is empty');
      const both = !options.imap && !options.smtp;
      await withStore(configFor(command), async (store) => {
        const account = await findAccount(store, address);
        await setMailSecret(store, account._id, { ...(both || options.imap ? { imapPassword: password } : {}), ...(both || options.smtp ? { smtpPassword: password } : {}) });
      });
      console.log(`The ${both ? 'IMAP and SMTP passwords' : options.imap ? 'IMAP password' : 'SMTP password'} of ${address} are kept on the server.`);
    });
}

function accountId(address: string): string {
  return `mailaccount-${hexOfUtf8(address.trim().toLowerCase())}`;
}

async function findAccount(store: Store, address: string): Promise<StoredDoc> {
  const names = store.database('names');
  for (const id of [address, accountId(address)]) {
    const doc = await names.find(id);
    if (doc?.form === 'MailAccount') return doc;
  }
  throw createError('not_found', `No mail account ${address}; add it with 'guanxi mail account ${address} --imap … --smtp …'`);
}

function accountFields(options: Record<string, string | boolean | undefined>): Doc {
  const fields: Doc = {};
  const endpoint = (kind: 'imap' | 'smtp') => {
    const value = options[kind];
    if (typeof value !== 'string') return;
    const match = /^([^:\s]+)(?::(\d{1,5}))?$/.exec(value.trim());
    if (!match || (match[2] !== undefined && (Number(match[2]) < 1 || Number(match[2]) > 65535))) throw createError('bad_request', `--${kind} must be host or host:port, got ${JSON.stringify(value)}`);
    fields[`${kind}Host`] = match[1];
    if (match[2] !== undefined) fields[`${kind}Port`] = Number(match[2]);
  };
  endpoint('imap');
  endpoint('smtp');
  if (typeof options.name === 'string') fields.displayName = options.name;
  if (typeof options.imapUser === 'string') fields.imapUser = options.imapUser;
  if (typeof options.smtpUser === 'string') fields.smtpUser = options.smtpUser;
  if (options.imapTls === false) fields.imapTls = false;
  if (options.smtpTls === false) fields.smtpTls = false;
  if (typeof options.mailboxes === 'string') fields.mailboxes = options.mailboxes.split(',').map((m) => m.trim()).filter((m) => m !== '');
  if (typeof options.defaultOwner === 'string') fields.defaultOwner = [options.defaultOwner];
  fields.enabled = options.disable !== true;
  return fields;
}
