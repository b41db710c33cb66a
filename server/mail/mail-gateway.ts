import { hostname } from 'node:os';
import type { Logger } from '../log.js';
import type { HylafaxServer } from '../fax/hylafax.js';
import type { FaxTransport } from '../fax/send-faxes.js';
import { Scheduler } from '../scheduler/scheduler.js';
import type { Store } from '../store/store.js';
import { AccountImporter } from './account-importer.js';
import { AddressBook } from './address-book.js';
import { loadMailSettings } from './mail-settings.js';
import { Outbox } from './outbox.js';

export interface MailGateway {
  /** What runs: accounts imported from, whether mail can be sent. */
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
}

/**
 * Starts the mail gateway and the scheduler on the server: an importer per account with an IMAP
 * server, the outbox when an account has an SMTP server. Accounts are read at start (a changed
 * account applies after a restart); rules are read again before every import pass.
 */
export async function startMailGateway({ store, logger, serverId = `${hostname()}:${process.pid}`, pollSeconds = 60, schedulerCron, faxEmailDomain, hylafax, publicUrl }: MailGatewayOptions): Promise<MailGateway> {
  const { accounts } = await loadMailSettings(store);
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
    ? new Outbox({ store, book: new AddressBook(crm), serverId, logger, accounts: async () => (await loadMailSettings(store)).accounts })
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
