import cron, { type ScheduledTask } from 'node-cron';
import { followFaxJobs } from '../fax/follow-fax-jobs.js';
import { followFaxMails } from '../fax/follow-fax-mails.js';
import { sendFaxes, type FaxTransport } from '../fax/send-faxes.js';
import type { Logger } from '../log.js';
import { paymentReminderBatch } from '../crm/payment-reminders.js';
import { expandMassMailings } from '../mail/expand-mass-mailings.js';
import { runNurtures } from '../mail/run-nurtures.js';
import type { Outbox } from '../mail/outbox.js';
import type { Store } from '../store/store.js';
import { birthdayCare } from './birthday-care.js';
import { mailNotices } from './mail-notices.js';
import { runDueWork } from './run-due-work.js';
import { sendGreetings } from './send-greetings.js';

export interface SchedulerOptions {
  readonly store: Store;
  readonly serverId: string;
  readonly logger: Logger;
  /** Sends the queued mail; without it (no account can send) notices are not mailed either. */
  readonly outbox?: Outbox;
  /** The fax transport and the sender on cover sheets; e-mail to fax needs the outbox too. */
  readonly fax?: { readonly transport: FaxTransport; readonly from: string };
  /** Where recipients reach this server: mass mailings are sent only when it is known (for their unsubscribe links); mailed notices link to it. */
  readonly publicUrl?: string;
  /** node-cron expression of the tick; every 30 seconds by default. */
  readonly cron?: string;
}

/**
 * The scheduler's tick: due work, birthday care, faxes (and their HylaFAX jobs), mass mailings, nurture steps, greetings, notices to mail, the weekly payment reminders, the outbox. All state is in documents, so a
 * tick after a restart or downtime picks up whatever came due meanwhile; the wiring here only
 * decides when a tick runs (never two at once on one server).
 */
export class Scheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  start(): void {
    this.task ??= cron.schedule(this.options.cron ?? '*/30 * * * * *', () => {
      void this.tickOnce();
    }, { noOverlap: true });
  }

  /** One tick at `now`; tests call it with their own clock. */
  async tick(now = new Date()): Promise<void> {
    const { store, serverId, logger, outbox, fax, publicUrl } = this.options;
    await runDueWork({ crm: store.database('crm'), claims: store.serverDocs, serverId, now, logger });
    await birthdayCare(store, now);
    if (fax?.transport.kind === 'hylafax') {
      await sendFaxes({ crm: store.database('crm'), claims: store.serverDocs, ...fax, serverId, now, logger });
      await followFaxJobs(store.database('crm'), fax.transport.server, now, logger);
    }
    if (outbox) {
      if (fax?.transport.kind === 'email') await sendFaxes({ crm: store.database('crm'), claims: store.serverDocs, ...fax, serverId, now, logger });
      if (publicUrl) await expandMassMailings({ store, publicUrl, now, logger });
      await runNurtures(store.database('crm'), now, logger);
      await sendGreetings({ store, now, logger, ...(publicUrl ? { publicUrl } : {}) });
      await mailNotices(store, now, publicUrl);
      await paymentReminderBatch(store, now, logger);
      await outbox.sendDue();
      if (fax?.transport.kind === 'email') await followFaxMails(store.database('crm'), now);
    }
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = undefined;
    await this.running;
  }

  private tickOnce(): Promise<void> {
    this.running ??= this.tick().catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'scheduler tick failed');
    }).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}
