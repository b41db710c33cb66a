import { remindWaitingApprovals } from './approvals/remind-waiting-approvals.js';
import { flagOverdueComplaints } from './complaints/flag-overdue-complaints.js';
import { cleanWebRecords } from './web/clean-web-records.js';
import type { Config } from './config.js';
import type { Directory } from './directory/directory.js';
import { InterestNotifier } from './interest/interest-notifier.js';
import type { Logger } from './log.js';
import type { Store } from './store/store.js';

const OVERDUE_CHECK_MS = 15 * 60_000;

/**
 * The forum's, customer service's and office's background work: interest notices as posts arrive,
 * and a check for complaints open too long and approvals waiting a day every quarter of an hour
 * (and at start), which also clears the website forms' spent rate counts and stale sign-ups.
 */
export interface ForumJobOptions {
  readonly store: Store;
  readonly directory: Directory;
  readonly logger: Logger;
  readonly config: Pick<Config, 'digestHourUtc' | 'complaintOpenHours'>;
  readonly now?: () => number;
}

export function startForumJobs({ store, directory, logger, config, now = Date.now }: ForumJobOptions): { close(): Promise<void> } {
  const notifier = new InterestNotifier({ store, directory, logger, now, digestHourUtc: config.digestHourUtc });
  notifier.start();
  let checking = Promise.resolve();
  const check = () => {
    checking = checking
      .then(() => flagOverdueComplaints(store, new Date(now()).toISOString(), config.complaintOpenHours))
      .then((ids) => { if (ids.length > 0) logger.info({ complaints: ids }, 'overdue complaints flagged'); })
      .catch((error: unknown) => logger.error({ err: error }, 'overdue complaints: check failed'))
      .then(() => remindWaitingApprovals(store, new Date(now()).toISOString()))
      .then((ids) => { if (ids.length > 0) logger.info({ documents: ids }, 'approvers reminded'); })
      .catch((error: unknown) => logger.error({ err: error }, 'approval reminders failed'))
      .then(() => cleanWebRecords(store, now()))
      .then((count) => { if (count > 0) logger.info({ count }, 'website form records cleaned up'); })
      .catch((error: unknown) => logger.error({ err: error }, 'website form records: clean-up failed'));
  };
  check();
  const timer = setInterval(check, OVERDUE_CHECK_MS);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await Promise.all([notifier.close(), checking]);
    },
  };
}
