import { SERVER_USER } from '../../design/user.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { CrmFollower } from './crm-follower.js';
import { sendReminders } from './send-reminders.js';
import { upgradeDealCalendarDays } from './upgrade-deal-calendar-days.js';
import { upgradeReferenceData } from './upgrade-reference-data.js';
import { upgradeSalesTargets } from './sales-targets.js';

const REMINDER_EVERY_MS = 60_000;

export interface CrmJobs {
  close(): Promise<void>;
}

/** The CRM's work in the background: the one-time upgrade of old installs, completing records as they change, and reminders when due. */
export function startCrmJobs(store: Store, logger: Logger, now: () => string): CrmJobs {
  const crm = store.database('crm');
  const follower = new CrmFollower(crm, store.serverDocs, logger, now);
  let reminding: Promise<unknown> = Promise.resolve();
  const stopping = new AbortController();
  const upgrading = Promise.all([
    upgradeReferenceData(store, () => ({ user: SERVER_USER, now: now() }), logger, stopping.signal)
      .catch((error: unknown) => logger.error({ err: error }, 'crm: upgrading customers\' reference data failed')),
    upgradeSalesTargets(crm, () => ({ user: SERVER_USER, now: now() }))
      .catch((error: unknown) => logger.error({ err: error }, 'crm: moving the sales targets out of the CRM settings failed')),
    upgradeDealCalendarDays(crm, () => ({ user: SERVER_USER, now: now() }), logger, stopping.signal)
      .catch((error: unknown) => logger.error({ err: error }, 'crm: adding deals\' calendar days failed')),
  ]);
  const timer = setInterval(() => {
    reminding = sendReminders(crm, now()).catch((error: unknown) => logger.error({ err: error }, 'crm: sending reminders failed'));
  }, REMINDER_EVERY_MS);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      stopping.abort();
      await upgrading;
      await reminding;
      await follower.close();
    },
  };
}
