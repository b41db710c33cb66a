import type { LocalDatabase } from './local-database.js';
import { Observable } from './observable.js';
import { Pouch } from './pouch.js';
import { CSRF_HEADER } from './session-api.js';

export interface ReplicationState {
  /** Whether the gateway answered the last request: null before the first answer. */
  readonly connected: boolean | null;
  readonly active: boolean;
  /** Has caught up with the gateway at least once since it started. */
  readonly caughtUp: boolean;
}

/** Retries soon after a failure, never more than a few seconds apart: a trade fair's Wi-Fi comes and goes. */
const backOff = (delay: number): number => (delay === 0 ? 500 : Math.min(delay * 2, 5000));

/**
 * Live two-way replication of one local database with the gateway (`/sync/<db>`), as the signed-in
 * user: the session cookie goes by itself, the CSRF token in its header. Writes the gateway refuses
 * are recorded with their reason in the database's outbox; a 401 means the session ended.
 */
export class Replication {
  readonly state = new Observable<ReplicationState>({ connected: null, active: false, caughtUp: false });
  private sync: PouchDB.Replication.Sync<Record<string, unknown>> | null = null;
  private stopped = false;

  constructor(private readonly db: LocalDatabase, private readonly csrf: string, private readonly onUnauthorized: () => void) {}

  start(): void {
    if (this.stopped || this.sync) return;
    const remote = new Pouch(`${location.origin}/sync/${this.db.name}`, { skip_setup: true, fetch: (url, options) => this.fetch(url, options) } as PouchDB.Configuration.RemoteDatabaseConfiguration);
    const sync = this.db.pouch.sync(remote, { live: true, retry: true, back_off_function: backOff });
    sync.on('active', () => this.patch({ active: true }));
    sync.on('paused', () => this.patch({ active: false }));
    // The pull side pauses without an error only once it has read the gateway's feed to the end.
    // (The sync's own 'paused' also fires when the push side rests before the pull has begun.)
    (sync as unknown as { pull: PouchDB.Replication.Replication<Record<string, unknown>> }).pull.on('paused', (error?: unknown) => {
      if (error === undefined) this.patch({ caughtUp: true });
    });
    sync.on('change', (info) => {
      if (info.direction === 'push') this.db.outbox.sent(info.change.docs as { _id: string; _rev?: string }[]);
    });
    sync.on('denied', (info) => {
      const { direction, doc } = info as unknown as { direction: string; doc: { id?: string; reason?: string; message?: string } };
      if (direction === 'push' && doc.id) this.db.outbox.refused(doc.id, doc.reason ?? doc.message ?? 'forbidden');
    });
    this.sync = sync;
  }

  /** Starts over at once, e.g. when the browser says the network is back (instead of waiting out the back-off). */
  restart(): void {
    this.sync?.cancel();
    this.sync = null;
    this.start();
  }

  stop(): void {
    this.stopped = true;
    this.sync?.cancel();
    this.sync = null;
    this.patch({ active: false });
  }

  private patch(change: Partial<ReplicationState>): void {
    const next = { ...this.state.value, ...change };
    const current = this.state.value;
    if (next.connected !== current.connected || next.active !== current.active || next.caughtUp !== current.caughtUp) this.state.set(next);
  }

  private async fetch(url: string | Request, options?: RequestInit): Promise<Response> {
    const headers = new Headers(options?.headers);
    headers.set(CSRF_HEADER, this.csrf);
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
