import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PrintJobStatus } from '../../server/print/print-jobs.js';
import { ApiError, callJson } from './server-api.js';

/** How often a running job is asked how far it has got. */
const POLL_MS = 300;
/** The status of an ApiError for a job the server ran and that failed: the request itself was answered. */
const JOB_FAILED = 200;

/**
 * One print job on the server, as the print dialog follows it: started, polled for its progress
 * until it ends, cancelled on request, and cancelled too when the dialog goes away mid-job.
 */
export class PrintJobController implements ReactiveController {
  status: PrintJobStatus | null = null;
  error: ApiError | null = null;
  private csrf = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped by each start and cancel: answers about an older job are dropped. */
  private generation = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get running(): boolean {
    return this.status?.state === 'running';
  }

  /** Where the finished file is, for a preview frame or a download. */
  get fileUrl(): string | null {
    return this.status?.state === 'done' ? `/api/print/jobs/${encodeURIComponent(this.status.id)}/file` : null;
  }

  async start(csrf: string, request: Record<string, unknown>): Promise<void> {
    await this.reset();
    const generation = ++this.generation;
    this.csrf = csrf;
    try {
      const status = await callJson<PrintJobStatus>('/api/print/jobs', { method: 'POST', csrf, json: request });
      if (generation === this.generation) this.follow(status, generation);
    } catch (error) {
      if (generation === this.generation) this.fail(error);
    }
  }

  /** Stops a running job on the server; the dialog shows it as cancelled. */
  async cancel(): Promise<void> {
    const status = this.status;
    this.stopPolling();
    this.generation++;
    if (status?.state !== 'running') return;
    this.status = { ...status, state: 'cancelled' };
    this.host.requestUpdate();
    try {
      await callJson(`/api/print/jobs/${encodeURIComponent(status.id)}`, { method: 'DELETE', csrf: this.csrf });
    } catch {
      // A job the server no longer has (restarted, or already over) is cancelled enough.
    }
  }

  /** Forgets the last job (cancelled if it still runs) and its error: what it printed is stale. */
  async reset(): Promise<void> {
    const cancelled = this.cancel();
    this.status = null;
    this.error = null;
    this.host.requestUpdate();
    await cancelled;
  }

  hostDisconnected(): void {
    void this.cancel();
  }

  private follow(status: PrintJobStatus, generation: number): void {
    this.status = status;
    // A job that failed on the server (a document gone meanwhile, one without an address) says why.
    if (status.state === 'failed' && status.error) this.error = new ApiError(JOB_FAILED, status.error.error, status.error.reason);
    this.host.requestUpdate();
    if (status.state !== 'running') return;
    this.timer = setTimeout(async () => {
      this.timer = null;
      try {
        const next = await callJson<PrintJobStatus>(`/api/print/jobs/${encodeURIComponent(status.id)}`);
        if (generation === this.generation) this.follow(next, generation);
      } catch (error) {
        if (generation === this.generation) this.fail(error);
      }
    }, POLL_MS);
  }

  private fail(error: unknown): void {
    this.error = error instanceof ApiError ? error : new ApiError(0, 'unreachable', String(error));
    this.status = null;
    this.host.requestUpdate();
  }

  private stopPolling(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
