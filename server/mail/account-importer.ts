import { ImapFlow } from 'imapflow';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { AddressBook } from './address-book.js';
import type { MailRule } from './apply-rules.js';
import { importMailbox, type ImportReport } from './import-mailbox.js';
import type { MailAccount } from './mail-settings.js';

export interface ImporterOptions {
  readonly store: Store;
  readonly book: AddressBook;
  /** The rules as they stand now: read again before every pass, so edits apply without a restart. */
  readonly rules: () => Promise<readonly MailRule[]>;
  readonly ownAddresses: ReadonlySet<string>;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** How often to look again when the server does not announce new mail (IDLE). */
  readonly pollMs?: number;
  /** Back-off after a failed connection: doubles from the first to the last, then stays. */
  readonly retryMs?: readonly [first: number, last: number];
}

/**
 * Imports one account's mailboxes continuously: a pass over every mailbox, then IDLE on the first
 * one until the server announces new mail or the poll interval ends; a dropped connection is
 * reopened after a back-off that grows while the server stays unreachable.
 */
export class AccountImporter {
  private stopped = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** New mail announced during a pass: the next sleep ends at once instead of missing it. */
  private woken = false;
  private waitingForMail = false;
  private failures = 0;

  constructor(private readonly account: MailAccount, private readonly options: ImporterOptions) {}

  /** One pass on a connection of its own, for commands, tests and benchmarks. */
  async importOnce(): Promise<ImportReport> {
    const imap = this.connection();
    await imap.connect();
    try {
      return await this.pass(imap);
    } finally {
      await imap.logout().catch(() => imap.close());
    }
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    const { logger, pollMs = 60_000, retryMs = [1000, 300_000] } = this.options;
    while (!this.stopped) {
      const imap = this.connection();
      imap.on('error', (error: unknown) => logger.warn({ account: this.account.id, err: error }, 'IMAP connection error'));
      imap.on('exists', () => this.wakeUp());
      imap.on('close', () => this.wakeUp());
      try {
        await imap.connect();
        while (!this.stopped && imap.usable) {
          const report = await this.pass(imap);
          this.failures = 0;
          if (report.imported > 0) logger.info({ account: this.account.id, ...report }, 'mail imported');
          await imap.mailboxOpen(this.account.mailboxes[0]!, { readOnly: true });
          await this.sleep(pollMs, true);
        }
      } catch (error) {
        this.failures++;
        logger.warn({ account: this.account.id, err: error, failures: this.failures }, 'IMAP import failed; will reconnect');
      } finally {
        imap.close();
      }
      if (!this.stopped && this.failures > 0) await this.sleep(Math.min(retryMs[0] * 2 ** (this.failures - 1), retryMs[1]), false);
    }
  }

  private async pass(imap: ImapFlow): Promise<ImportReport> {
    this.woken = false;
    const target = { ...this.options, rules: await this.options.rules(), account: this.account, now: this.options.now ?? (() => new Date()) };
    let imported = 0;
    let duplicates = 0;
    for (const mailbox of this.account.mailboxes) {
      try {
        const report = await importMailbox(imap, mailbox, target);
        imported += report.imported;
        duplicates += report.duplicates;
      } catch (error) {
        // One mailbox that cannot be read (renamed, removed) must not stop the others.
        if (!imap.usable) throw error;
        this.options.logger.warn({ account: this.account.id, mailbox, err: error }, 'cannot import this mailbox');
      }
    }
    return { imported, duplicates };
  }

  private connection(): ImapFlow {
    const endpoint = this.account.imap;
    if (!endpoint) throw new Error(`mail account ${this.account.address} has no IMAP server`);
    return new ImapFlow({
      host: endpoint.host,
      port: endpoint.port,
      secure: endpoint.tls,
      auth: { user: endpoint.user ?? this.account.address, pass: endpoint.password ?? '' },
      logger: false,
      // IDLE soon after a pass, so new mail is announced at once; and end it every few minutes so
      // that a silently dropped connection is noticed.
      autoIdleDelay: 500,
      maxIdleTime: 5 * 60_000,
    });
  }

  private wakeUp(): void {
    this.woken = true;
    if (this.waitingForMail) this.wake?.();
  }

  /** Waits `ms`; stopping ends any wait, new mail only a wait for mail (not a back-off). */
  private sleep(ms: number, forMail: boolean): Promise<void> {
    if (this.stopped || (forMail && this.woken)) return Promise.resolve();
    this.waitingForMail = forMail;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.waitingForMail = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
