import { randomUUID } from 'node:crypto';
import { createError, toGuanxiError, type ErrorBody } from '../../engine/errors.js';
import type { JobControl } from './pdf-output.js';
import type { PrintFile } from './print-request.js';

export type PrintJobState = 'running' | 'done' | 'failed' | 'cancelled';

/** What the workstation polls: how far a job has got, and how it ended. */
export interface PrintJobStatus {
  readonly id: string;
  readonly state: PrintJobState;
  /** Labels or list rows drawn so far, of `total`; while a view is still being read, the documents read so far, of 0. */
  readonly done: number;
  readonly total: number;
  readonly filename?: string;
  readonly size?: number;
  readonly error?: ErrorBody;
}

export type PrintWork = (control: Required<JobControl>) => Promise<PrintFile>;

interface Job {
  status: PrintJobStatus;
  readonly owner: string;
  readonly abort: AbortController;
  file?: PrintFile;
}

export interface PrintJobsOptions {
  /** How long a finished job and its file are kept for the user to fetch. */
  readonly keepMs?: number;
  /** Jobs one person may have running at once: a second browser tab, not a hundred. */
  readonly maxRunning?: number;
}

/**
 * Print jobs that outlast one request: a 10,000-label sheet renders while the workstation polls
 * its progress, and can be cancelled. Each job is its owner's alone (another user's id is, to them,
 * no job at all). Jobs live in this server's memory: behind several servers, a balancer must send
 * a user's requests to one of them (sticky sessions), or the poll finds no job.
 */
export class PrintJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly keepMs: number;
  private readonly maxRunning: number;

  constructor({ keepMs = 10 * 60_000, maxRunning = 3 }: PrintJobsOptions = {}) {
    this.keepMs = keepMs;
    this.maxRunning = maxRunning;
  }

  start(owner: string, work: PrintWork): PrintJobStatus {
    const running = [...this.jobs.values()].filter((job) => job.owner === owner && job.status.state === 'running').length;
    if (running >= this.maxRunning) throw createError('conflict', `您已有 ${running} 个打印任务正在进行，请等其中一个完成或将其取消 · You already have ${running} print jobs running; wait for one to finish or cancel it`);
    const job: Job = { owner, abort: new AbortController(), status: { id: randomUUID(), state: 'running', done: 0, total: 0 } };
    this.jobs.set(job.status.id, job);
    const onProgress = (done: number, total: number) => {
      if (job.status.state === 'running') job.status = { ...job.status, done, total };
    };
    work({ onProgress, signal: job.abort.signal }).then(
      (file) => {
        if (job.status.state !== 'running') return;
        job.file = file;
        this.finish(job, { state: 'done', filename: file.filename, size: typeof file.body === 'string' ? Buffer.byteLength(file.body) : file.body.byteLength });
      },
      (error: unknown) => {
        if (job.status.state !== 'running') return;
        this.finish(job, { state: 'failed', error: toGuanxiError(error).toJSON() });
      },
    );
    return job.status;
  }

  status(owner: string, id: string): PrintJobStatus {
    return this.job(owner, id).status;
  }

  /** The finished file; asking before the job is done is a conflict, not a wait. */
  file(owner: string, id: string): PrintFile {
    const job = this.job(owner, id);
    if (!job.file) throw createError('conflict', `Print job ${id} is ${job.status.state}: it has no file${job.status.state === 'running' ? ' yet' : ''}`);
    return job.file;
  }

  /** Stops a running job at its next step; a finished one is forgotten with its file. */
  cancel(owner: string, id: string): PrintJobStatus {
    const job = this.job(owner, id);
    if (job.status.state === 'running') {
      job.abort.abort();
      this.finish(job, { state: 'cancelled' });
    } else {
      this.jobs.delete(id);
    }
    return job.status;
  }

  private finish(job: Job, change: Partial<PrintJobStatus>): void {
    job.status = { ...job.status, ...change };
    setTimeout(() => this.jobs.delete(job.status.id), this.keepMs).unref();
  }

  private job(owner: string, id: string): Job {
    const job = this.jobs.get(id);
    if (!job || job.owner !== owner) throw createError('not_found', `没有打印任务 ${id} · No print job ${id}`);
    return job;
  }
}
