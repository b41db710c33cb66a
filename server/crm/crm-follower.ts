import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import type { Doc } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import type { Logger } from '../log.js';
import type { ServerDocs } from '../store/server-docs.js';
import type { Database } from '../store/store.js';
import { followCalendarEntry } from '../calendar/follow-calendar-entry.js';
import { completeRecord } from './complete-record.js';
import { crmSettingsOf, readCrmSettings, type CrmSettings } from './crm-settings.js';

const CHECKPOINT_ID = '_local/crm-follower';
const BATCH = 100;
/** Also look again this often when no change was announced (a missed wake-up costs no more than this). */
const IDLE_MS = 5000;
const RETRY_MS = 1000;

/**
 * Follows the changes of `crm` from a checkpoint kept in the database, completing each record
 * (completeRecord). Several servers may follow the same store: each completion is an MVCC update
 * that does nothing to a record already complete.
 */
export class CrmFollower {
  private settings: CrmSettings = crmSettingsOf(null);
  private since: string | number = 0;
  private announced = false;
  private wake: (() => void) | null = null;
  private closed = false;
  private readonly live: PouchDB.Core.Changes<Doc>;
  private readonly running: Promise<void>;

  constructor(private readonly crm: Database, private readonly counters: ServerDocs, private readonly logger: Logger, private readonly now: () => string) {
    this.live = crm.pouch.changes({ live: true, since: 'now', return_docs: false });
    this.live.on('change', () => this.nudge());
    this.live.on('error', () => undefined);
    this.running = this.loop();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.live.cancel();
    this.nudge();
    await this.running;
  }

  private nudge(): void {
    this.announced = true;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    try {
      this.since = ((await this.crm.pouch.get(CHECKPOINT_ID).catch(() => null)) as { since?: string | number } | null)?.since ?? 0;
      this.settings = await readCrmSettings(this.crm);
    } catch (error) {
      this.logger.error({ err: error }, 'crm: cannot read the settings or checkpoint; following from the start');
    }
    while (!this.closed) {
      this.announced = false;
      let seen = 0;
      try {
        seen = await this.followBatch();
      } catch (error) {
        this.logger.error({ err: error }, `crm: following the changes failed; again in ${RETRY_MS} ms`);
        await this.idle(RETRY_MS);
        continue;
      }
      if (seen === 0 && !this.announced) await this.idle(IDLE_MS);
    }
  }

  private async followBatch(): Promise<number> {
    const { results, last_seq } = await this.crm.pouch.changes({ since: this.since, limit: BATCH, include_docs: true, conflicts: true });
    const wasConfigured = this.settings.configured;
    for (const change of results) {
      if (this.closed) return 0;
      const doc = change.doc as Doc | undefined;
      if (!doc) continue;
      if (change.id === CRM_SETTINGS_ID) this.settings = crmSettingsOf(doc._deleted ? null : doc);
      try {
        await completeRecord(this.crm, this.counters, doc, this.settings, this.now);
      } catch (error) {
        // One record the server cannot complete must not hold up the others.
        this.logger.error({ err: error, id: change.id }, 'crm: cannot complete the record');
      }
      try {
        await followCalendarEntry(this.crm, doc, () => ({ user: SERVER_USER, now: this.now() }));
      } catch (error) {
        this.logger.error({ err: error, id: change.id }, 'crm: cannot keep the calendar entry\'s busy time or invitations');
      }
    }
    if (results.length > 0) {
      // Settings saved for the first time: records seen before them (earlier, or ahead of them in a
      // sharded CouchDB's feed, which is not in time order) are looked at again and numbered.
      this.since = !wasConfigured && this.settings.configured ? 0 : last_seq;
      await this.saveCheckpoint();
    }
    return results.length;
  }

  private async saveCheckpoint(): Promise<void> {
    const current = (await this.crm.pouch.get(CHECKPOINT_ID).catch(() => null)) as { _rev?: string } | null;
    await this.crm.pouch.put({ _id: CHECKPOINT_ID, _rev: current?._rev, since: this.since } as never).catch(() => undefined);
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
