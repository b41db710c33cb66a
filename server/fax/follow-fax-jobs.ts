import type { SaveContext } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import type { Logger } from '../log.js';
import type { Database } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import { hylafaxJob, type HylafaxJob, type HylafaxServer } from './hylafax.js';

/** HylaFAX's job states (JPARM STATE) as the fax shows them; any other state is still waiting its turn. */
const JOB_STATES: Readonly<Record<string, 'sending' | 'done' | 'failed'>> = { ACTIVE: 'sending', DONE: 'done', FAILED: 'failed' };

/**
 * Follows the HylaFAX job of each fax handed over: its state is recorded on the fax as it changes;
 * a job done makes the fax `delivered`, a job that failed (killed, out of tries, removed with
 * faxrm) makes it `failed` with HylaFAX's reason. A job the server cannot be asked about is asked
 * again next time.
 */
export async function followFaxJobs(crm: Database, server: HylafaxServer, now: Date, logger: Logger): Promise<number> {
  const ctx: SaveContext = { now: now.toISOString(), user: SERVER_USER };
  let changed = 0;
  for (const fax of await docsOfView(crm, 'fax-jobs-open')) {
    let job: HylafaxJob;
    try {
      job = await hylafaxJob(server, String(fax.faxJobId));
    } catch (error) {
      logger.warn({ id: fax._id, job: fax.faxJobId, err: error }, 'the state of a fax job could not be read');
      continue;
    }
    const state = JOB_STATES[job.state] ?? 'queued';
    if (state === fax.jobState) continue;
    const outcome = state === 'done' ? { status: 'delivered', deliveredAt: ctx.now }
      : state === 'failed' ? { status: 'failed', lastError: `传真发送失败 / The fax was not sent: ${job.status || job.state}`.slice(0, 2000) }
      : {};
    try {
      await crm.save({ ...fax, jobState: state, ...outcome }, ctx);
      changed++;
    } catch (error) {
      // Another server recorded it a moment ago, or the store is away: asked again next time.
      logger.warn({ id: fax._id, err: error }, 'the state of a fax job could not be recorded');
    }
  }
  return changed;
}
