import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { dialString } from './dial-string.js';

const run = promisify(execFile);

/** A HylaFAX server (hfaxd) and the user its jobs are submitted and followed as. */
export interface HylafaxServer {
  readonly host: string;
  readonly port: number;
  /** The job owner: jobs are followed, and can be removed with faxrm, as this user. */
  readonly user: string;
}

/** A job's state as hfaxd reports it (JPARM STATE), and the reason of its last failure (JPARM STATUS). */
export interface HylafaxJob {
  readonly state: string;
  readonly status: string;
}

export class HylafaxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HylafaxError';
  }
}

/**
 * Hands a PDF to HylaFAX with `sendfax` (no cover page: the PDF has its own) and returns the job
 * id it prints. Run without a shell, and only `+` and digits are dialled: nothing in a number
 * can become a command, an option or a line of the protocol.
 */
export async function submitToHylafax(server: HylafaxServer, pdfPath: string, faxNumber: string, tag: string): Promise<string> {
  const number = dialString(faxNumber);
  if (!number) throw new HylafaxError(`not a fax number: ${JSON.stringify(faxNumber)}`);
  const args = ['-h', `${server.host}:${server.port}`, '-n', '-o', server.user, '-i', tag.replace(/[^\w.:-]/g, '_'), '-d', number, pdfPath];
  let stdout: string;
  try {
    ({ stdout } = await run('sendfax', args, { env: { ...process.env, FAXUSER: server.user }, timeout: 60_000 }));
  } catch (error) {
    const { stderr, stdout: out, message } = error as { stderr?: string; stdout?: string; message?: string };
    throw new HylafaxError(`sendfax failed: ${(stderr || out || message || String(error)).trim()}`, { cause: error });
  }
  const jobId = /request id is (\d+)/i.exec(stdout)?.[1];
  if (!jobId) throw new HylafaxError(`sendfax printed no job id: ${stdout.trim()}`);
  return jobId;
}

/** Asks hfaxd for a job's state over its client protocol (`JOB`, `JPARM STATE`, `JPARM STATUS`). */
export async function hylafaxJob(server: HylafaxServer, jobId: string, timeoutMs = 15_000): Promise<HylafaxJob> {
  if (!/^\d+$/.test(jobId)) throw new HylafaxError(`not a HylaFAX job id: ${JSON.stringify(jobId)}`);
  const replies = await converse(server, [`USER ${server.user}`, `JOB ${jobId}`, 'JPARM STATE', 'JPARM STATUS', 'QUIT'], timeoutMs);
  const [, user, job, state, status] = replies;
  if (!user?.startsWith('230')) throw new HylafaxError(`hfaxd refused the user ${server.user}: ${user ?? ''}`);
  if (!job?.startsWith('200')) throw new HylafaxError(`hfaxd does not know job ${jobId}: ${job ?? ''}`);
  const value = (reply: string | undefined) => (reply?.startsWith('213') ? reply.slice(4).trim() : '');
  return { state: value(state), status: value(status) };
}

/** Sends each command after the previous reply (the greeting first) and returns the final line of every reply. */
function converse(server: HylafaxServer, commands: readonly string[], timeoutMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, server.host);
    const replies: string[] = [];
    let buffered = '';
    socket.setTimeout(timeoutMs, () => socket.destroy(new HylafaxError(`hfaxd at ${server.host}:${server.port} did not answer in time`)));
    socket.on('error', (error) => reject(error instanceof HylafaxError ? error : new HylafaxError(`cannot reach hfaxd at ${server.host}:${server.port}: ${error.message}`, { cause: error })));
    socket.on('close', () => resolve(replies));
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      let end: number;
      while ((end = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, end).replace(/\r$/, '');
        buffered = buffered.slice(end + 1);
        // A reply ends with a line of three digits and a space; `123-` lines continue it.
        if (!/^\d{3} /.test(line)) continue;
        replies.push(line);
        const next = commands[replies.length - 1];
        if (next === undefined) socket.end();
        else socket.write(`${next}\r\n`);
      }
    });
  });
}
