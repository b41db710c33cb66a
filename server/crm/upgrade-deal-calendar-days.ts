import { dealCalendarDays } from '../../design/calendar/deal-dates.js';
import type { SaveContext } from '../../design/form.js';
import type { Logger } from '../log.js';
import type { Database } from '../store/store.js';
import { docsOfForm, hasLocal } from './docs-of-form.js';

/** Marks the upgrade done on this database (a `_local` document: never replicated, not a record). */
export const DEAL_CALENDAR_UPGRADE_ID = '_local/upgrade-deal-calendar-days';

/**
 * The calendar finds a deal's expected close, payments due and deliveries by its computed
 * `calendarDays`, which deals saved before it existed lack: once per database, each such deal is
 * saved again (the save computes it), so an upgraded install's calendar shows every deal's dates at
 * once rather than after each deal's next edit. Safe to run again or on two servers at once: a
 * deal whose days are right is left alone, and one changed meanwhile gets them at that save.
 */
export async function upgradeDealCalendarDays(crm: Database, ctx: () => SaveContext, logger?: Logger, signal?: AbortSignal): Promise<number | null> {
  if (await hasLocal(crm, DEAL_CALENDAR_UPGRADE_ID)) return null;
  let saved = 0;
  for await (const deal of docsOfForm(crm, 'Deal')) {
    // Stopped (the server closes): not marked done, the next start goes on.
    if (signal?.aborted) return null;
    const days = dealCalendarDays(deal);
    if (JSON.stringify(days) === JSON.stringify(deal.calendarDays)) continue;
    try {
      await crm.save(deal, ctx());
      saved++;
    } catch (error) {
      logger?.warn({ err: error, id: deal._id }, 'crm: a deal\'s calendar days could not be saved; its next save adds them');
    }
  }
  try {
    await crm.pouch.put({ _id: DEAL_CALENDAR_UPGRADE_ID, done: ctx().now, saved });
  } catch (error) {
    // Another server finished it a moment ago.
    if ((error as { status?: number }).status !== 409) throw error;
  }
  if (saved > 0) logger?.info({ saved }, 'crm: deals\' calendar days added');
  return saved;
}
