import { hostname } from 'node:os';
import type { Logger } from '../log.js';
import type { HylafaxServer } from '../fax/hylafax.js';
import type { FaxTransport } from '../fax/send-faxes.js';
import { Scheduler } from '../scheduler/scheduler.js';
import type { Store } from '../store/store.js';
import { AccountImporter } from './account-importer.js';
import { AddressBook } from './address-book.js';
import { loadMailSettings, type MailAccount } from './mail-settings.js';
import { Outbox } from './outbox.js';

export interface MailGateway {
  /** What runs now: accounts imported from, whether mail can be sent. */
  readonly importing: readonly string[];
  readonly sending: boolean;
  close(): Promise<void>;
}

export interface MailGatewayOptions {
  readonly store: Store;
  readonly logger: Logger;
  readonly serverId?: string;
  readonly pollSeconds?: number;
  readonly schedulerCron?: string;
  /** The e-mail-to-fax service's domain: faxes are mailed to <number>@<domain>. */
  readonly faxEmailDomain?: string;
  /** A HylaFAX server: faxes are handed to its `sendfax` (instead of e-mail to fax). */
  readonly hylafax?: HylafaxServer;
  /** Where recipients reach this server (unsubscribe links of mass mail). */
  readonly publicUrl?: string;
  /** Wait after a change to a mail account before the gateway starts again with it (changes come in bursts). */
  readonly settleMs?: number;
}

/** The importers, outbox and scheduler running with one set of accounts. */
interface Running {
  readonly importing: readonly string[];
  readonly sending: boolean;
  close(): Promise<void>;
}

/**
 * Starts the mail gateway and the scheduler on the server: an importer per account with an IMAP
 * server, the outbox when an account has an SMTP server. When an administrator adds, changes or
 * disables an account (in the workstation, or its password with `guanxi mail password`), the
 * gateway starts again with the accounts as they are then; rules are read before every import pass.
 */
export async function startMailGateway(options: MailGatewayOptions): Promise<MailGateway> {
  const { store, logger, pollSeconds = 60, settleMs = 1000 } = options;
  const names = store.database('names').pouch;
  let accounts = (await loadMailSettings(store)).accounts;
  let running = start(options, accounts);
  let closed = false;
  let checking: Promise<void> = Promise.resolve();
  let settle: NodeJS.Timeout | undefined;

  const restartIfChanged = async () => {
    const now = (await loadMailSettings(store)).accounts;
    if (closed || JSON.stringify(now) === JSON.stringify(accounts)) return;
    await running.close();
    if (closed) return;
    accounts = now;
    running = start(options, accounts);
    logger.info({ importing: running.importing, sending: running.sending }, 'mail accounts changed: the mail gateway started again with them');
  };
  const check = () => {
    checking = checking.then(restartIfChanged).catch((error: unknown) => logger.error({ err: error }, 'mail accounts could not be read again'));
  };
  const feed = names.changes({ since: 'now', live: true, include_docs: true });
  feed.on('change', (change) => {
    const doc = change.doc as { form?: unknown } | undefined;
    if (!change.deleted && doc?.form !== 'MailAccount') return;
    clearTimeout(settle);
    settle = setTimeout(check, settleMs);
  });
  feed.on('error', (error: unknown) => logger.error({ err: error }, 'mail gateway: the account feed stopped'));
  // Passwords are kept in the servers' database, whose changes this feed does not follow: they are compared at every poll.
  const poll = setInterval(check, pollSeconds * 1000);
  return {
    get importing() {
      return running.importing;
    },
    get sending() {
      return running.sending;
    },
    close: async () => {
      closed = true;
      feed.cancel();
      clearTimeout(settle);
      clearInterval(poll);
      await checking;
      await running.close();
    },
  };
}

function start(options: MailGatewayOptions, accounts: readonly MailAccount[]): Running {
  const { store, logger, serverId = `${hostname()}:${process.pid}`, pollSeconds = 60, schedulerCron, faxEmailDomain, hylafax, publicUrl } = options;
  const crm = store.database('crm').pouch;
  const ownAddresses = new Set(accounts.map((a) => a.address));
  const importers = accounts.filter((a) => a.imap).map((account) => new AccountImporter(account, {
    store,
    book: new AddressBook(crm),
    rules: async () => (await loadMailSettings(store)).rules,
    ownAddresses,
    logger,
    pollMs: pollSeconds * 1000,
  }));
  const sending = accounts.some((a) => a.smtp);
  const outbox = sending
    // The accounts this gateway was started with: a changed account starts the gateway again.
    ? new Outbox({ store, book: new AddressBook(crm), serverId, logger, accounts: () => Promise.resolve(accounts) })
    : undefined;
  const sender = accounts.find((a) => a.smtp);
  const transport: FaxTransport | undefined = hylafax ? { kind: 'hylafax', server: hylafax } : faxEmailDomain && sender ? { kind: 'email', emailDomain: faxEmailDomain } : undefined;
  const fax = transport ? { transport, from: sender?.displayName || sender?.address || hylafax?.user || '' } : undefined;
  const scheduler = new Scheduler({ store, serverId, logger, ...(outbox ? { outbox } : {}), ...(fax ? { fax } : {}), ...(publicUrl ? { publicUrl } : {}), ...(schedulerCron ? { cron: schedulerCron } : {}) });
  for (const importer of importers) importer.start();
  scheduler.start();
  const importing = accounts.filter((a) => a.imap).map((a) => a.address);
  logger.info({ importing, sending }, importing.length + (sending ? 1 : 0) === 0 ? 'mail gateway off: no mail account is configured' : 'mail gateway started');
  return {
    importing,
    sending,
    close: async () => {
      await scheduler.stop();
      await Promise.all(importers.map((i) => i.stop()));
      await outbox?.close();
    },
  };
}
