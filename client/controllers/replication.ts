import { FILES_UP_TO_HEADER, KEPT_FILTER, type ReplicationSettings } from '../../design/replication-settings.js';
import type { LocalDatabase } from './local-database.js';
import { Observable } from './observable.js';
import { Pouch } from './pouch.js';
import { readAhead } from './read-ahead-remote.js';
import { CSRF_HEADER } from './session-api.js';

/** How far a replica has come since its replication started, for the progress bar. */
export interface PullProgress {
  /** Documents written into the replica by this replication. */
  readonly docs: number;
  /** Documents the replica held when it started (a resumed first replica), and how many the person may read on the server (`doc_count`); NaN until known. */
  readonly held: number;
  readonly total: number;
  /** When the replication started (ms since the epoch), for the time left. */
  readonly startedAt: number;
}

export interface ReplicationState {
  /** Whether the gateway answered the last request: null before the first answer. */
  readonly connected: boolean | null;
  readonly active: boolean;
  /** Has caught up with the gateway at least once since it started. */
  readonly caughtUp: boolean;
  readonly progress: PullProgress | null;
}

type Replicate = PouchDB.Replication.Replication<Record<string, unknown>>;

/** Retries soon after a failure, never more than a few seconds apart: a trade fair's Wi-Fi comes and goes. */
const backOff = (delay: number): number => (delay === 0 ? 500 : Math.min(delay * 2, 5000));

/**
 * Documents per request (`_changes` limit, `_bulk_get`, `_revs_diff`): a new replica arrives in
 * fewer, larger IndexedDB transactions than PouchDB's 100, with a quarter of the gateway requests
 * of 250 (PouchDB also reads the gateway's info after each batch). PouchDB checkpoints after each,
 * so an interrupted first replica resumes from the last batch written. With the views indexed in a
 * worker, the page's tasks stay short at this size.
 */
const BATCH = 1000;

/**
 * Live replication of one local database with the gateway (`/sync/<db>`), as the signed-in user:
 * the session cookie goes by itself, the CSRF token in its header. Writes the gateway refuses are
 * recorded with their reason in the database's outbox; a 401 means the session ended.
 *
 * Pull and push run as two replications. The pull checkpoints in the replica only: no `_local`
 * read and write on the gateway per batch. The push waits until the pull has caught up once, unless
 * something waits to be sent: a new replica's documents all came from the server, and pushing
 * them back costs the gateway a `_revs_diff` per batch for nothing (see pushSince).
 */
export class Replication {
  readonly state = new Observable<ReplicationState>({ connected: null, active: false, caughtUp: false, progress: null });
  private pull: Replicate | null = null;
  private push: Replicate | null = null;
  private pullActive = false;
  private pushActive = false;
  private pushStarting = false;
  private remote: PouchDB.Database<Record<string, unknown>> | null = null;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly db: LocalDatabase, private readonly csrf: string, private readonly onUnauthorized: () => void) {
    this.unsubscribe = db.outbox.state.subscribe(() => this.startPushIfDue());
  }

  start(): void {
    if (this.stopped || this.pull) return;
    // One page's documents read ahead while the replica writes the last: a first replica's gateway and browser work at once.
    const remote = readAhead(new Pouch(`${location.origin}/sync/${this.db.name}`, { skip_setup: true, fetch: (url, options) => this.fetch(url, options) } as PouchDB.Configuration.RemoteDatabaseConfiguration), 1);
    this.remote = remote;
    const options = { live: true, retry: true, back_off_function: backOff, batch_size: BATCH, checkpoint: 'target', ...keptFilter(this.db.replica.current) } as PouchDB.Replication.ReplicateOptions;
    const pull = this.db.pouch.replicate.from(remote, options);
    const startedAt = Date.now();
    let docs = 0;
    let held = Number.NaN;
    let total = Number.NaN;
    const showProgress = (): void => {
      if (!this.state.value.caughtUp) this.patch({ progress: { docs, held, total, startedAt } });
    };
    // The gateway's doc_count is what this person may read: the share and time left come from it.
    void Promise.all([this.db.pouch.info(), remote.info()]).then(([local, server]) => {
      held = local.doc_count;
      total = typeof server.doc_count === 'number' ? server.doc_count : Number.NaN;
      showProgress();
    }, () => undefined);
    pull.on('active', () => this.activity('pull', true));
    // The pull pauses without an error only once it has read the gateway's feed to the end.
    pull.on('paused', (error?: unknown) => {
      this.activity('pull', false);
      if (error === undefined) {
        this.patch({ caughtUp: true, progress: null });
        this.startPushIfDue();
      }
    });
    pull.on('change', (info) => {
      docs = info.docs_written;
      showProgress();
    });
    this.pull = pull;
    showProgress();
    this.startPushIfDue();
  }

  /** Replicates these documents now (pinned), whatever the settings leave out; the live pull then keeps them current. */
  async fetchDocs(ids: string[]): Promise<void> {
    if (!this.remote) throw new Error('offline');
    await this.db.pouch.replicate.from(this.remote, { doc_ids: ids });
  }

  /** Starts over at once, e.g. when the browser says the network is back (instead of waiting out the back-off). */
  restart(): void {
    this.cancel();
    this.start();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    this.cancel();
  }

  private cancel(): void {
    this.pull?.cancel();
    this.push?.cancel();
    this.pull = this.push = this.remote = null;
    this.pullActive = this.pushActive = false;
    this.patch({ active: false });
  }

  private startPushIfDue(): void {
    if (this.stopped || this.push || this.pushStarting || !this.remote) return;
    if (!this.state.value.caughtUp && !this.hasUnsent()) return;
    this.pushStarting = true;
    void this.pushSince().then((since) => {
      this.pushStarting = false;
      const remote = this.remote;
      if (this.stopped || this.push || !remote) return;
      const push = this.db.pouch.replicate.to(remote, { live: true, retry: true, back_off_function: backOff, batch_size: BATCH, ...(since === undefined ? {} : { since }) } as PouchDB.Replication.ReplicateOptions);
      push.on('active', () => this.activity('push', true));
      push.on('paused', () => this.activity('push', false));
      push.on('change', (info) => this.db.outbox.sent(info.docs as { _id: string; _rev?: string }[]));
      push.on('denied', (info) => {
        const doc = info as unknown as { id?: string; reason?: string; message?: string };
        if (doc.id) this.db.outbox.refused(doc.id, doc.reason ?? doc.message ?? 'forbidden');
      });
      this.push = push;
    });
  }

  /**
   * Where the push starts: with nothing in the outbox, every revision in the replica came from the
   * server (each save here is recorded there first), so the push begins at the replica's current
   * sequence; a new replica would otherwise send all it received back through `_revs_diff`. With
   * something waiting, from its checkpoint, as PouchDB does.
   */
  private async pushSince(): Promise<number | string | undefined> {
    if (this.hasUnsent()) return undefined;
    const { update_seq } = await this.db.pouch.info().catch(() => ({ update_seq: undefined }));
    // A save finished while the sequence was read is in the outbox by now (it is recorded as its write resolves).
    return this.hasUnsent() ? undefined : update_seq;
  }

  private hasUnsent(): boolean {
    return Object.keys(this.db.outbox.state.value.unsent).length > 0;
  }

  private activity(side: 'pull' | 'push', active: boolean): void {
    if (side === 'pull') this.pullActive = active;
    else this.pushActive = active;
    this.patch({ active: this.pullActive || this.pushActive });
  }

  private patch(change: Partial<ReplicationState>): void {
    const current = this.state.value;
    const next = { ...current, ...change };
    if (next.connected !== current.connected || next.active !== current.active || next.caughtUp !== current.caughtUp || next.progress !== current.progress) this.state.set(next);
  }

  private async fetch(url: string | Request, options?: RequestInit): Promise<Response> {
    const headers = new Headers(options?.headers);
    headers.set(CSRF_HEADER, this.csrf);
    const { filesUpTo } = this.db.replica.current;
    if (filesUpTo !== null) headers.set(FILES_UP_TO_HEADER, String(filesUpTo));
    let response: Response;
    try {
      response = await fetch(url, { ...options, headers, credentials: 'same-origin' });
    } catch (error) {
      this.patch({ connected: false });
      // A 503 takes PouchDB's ordinary retry path; some rejected fetches it would leave unhandled.
      const reason = error instanceof Error ? error.message : String(error);
      return new Response(JSON.stringify({ error: 'unavailable', reason }), { status: 503, headers: { 'content-type': 'application/json' } });
    }
    this.patch({ connected: response.status < 500 });
    if (response.status === 401 && !this.stopped) {
      this.stop();
      this.onUnauthorized();
    }
    return response;
  }
}

/** The gateway's `guanxi/kept` filter (mail by months, my customers only): part of the replication's id, so new settings start a new checkpoint. */
function keptFilter({ mailMonths, mineOnly }: ReplicationSettings): object {
  if (mailMonths === null && !mineOnly) return {};
  return { filter: KEPT_FILTER, query_params: { ...(mailMonths === null ? {} : { mail_months: mailMonths }), ...(mineOnly ? { mine: true } : {}) } };
}
