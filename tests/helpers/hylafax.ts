import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { HylafaxServer } from '../../server/fax/hylafax.js';
import { canConnect, freePort } from './dovecot.js';
import { expectEventually } from './expect-eventually.js';

const run = promisify(execFile);

/** Debian's HylaFAX: the spool it installs (scripts, modem configurations) and its configuration. */
const SPOOL = '/var/spool/hylafax';
const CONFIG = '/etc/hylafax';

export interface Hylafax extends HylafaxServer {
  /** Removes a job as its owner would, with HylaFAX's own `faxrm`. */
  remove(jobId: string): Promise<void>;
  /** The ids of the jobs in the send queue (sendq) and of those done (doneq). */
  jobs(): Promise<{ queued: string[]; done: string[] }>;
  /** A job's queue file, as faxq keeps it (`number:`, `owner:`, `state:` … lines). */
  queueFile(jobId: string): Promise<string>;
  /** The PDF a job sends, as HylaFAX received it. */
  document(jobId: string): Promise<Uint8Array>;
  stop(): Promise<void>;
}

/**
 * A real HylaFAX server of the test's own: the scheduler (faxq) and the client-protocol server
 * (hfaxd) on an ephemeral loopback port, over a spool in a temporary directory. There is no modem,
 * so a job submitted stays queued until it is removed or its kill time passes. Needs Debian's
 * hylafax-server and hylafax-client (scripts/ensure-test-tools.sh installs them); no system
 * service is used or touched. As root, the spool belongs to HylaFAX's user (uucp), as faxq wants.
 */
export async function startHylafax(user = 'guanxi'): Promise<Hylafax> {
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-hylafax-'));
  await cp(SPOOL, dir, { recursive: true });
  await cp(CONFIG, join(dir, 'etc'), { recursive: true });
  // Any user from loopback, no password: the tests speak as the job owner.
  await writeFile(join(dir, 'etc', 'hosts.hfaxd'), '127.0.0.1\n', { mode: 0o600 });
  await run('mkfifo', [join(dir, 'FIFO')]);
  await chmod(dir, 0o755);
  if (process.getuid?.() === 0) {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', 'uucp']), run('id', ['-g', 'uucp'])]);
    await chownTree(dir, Number(uid), Number(gid));
  }
  const port = await freePort();
  const children: ChildProcess[] = [];
  const stderr: string[] = [];
  const start = (command: string, args: string[]) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    children.push(child);
    return child;
  };
  const stop = async () => {
    await Promise.all(children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    start('/usr/sbin/faxq', ['-q', dir, '-D']);
    start('/usr/sbin/hfaxd', ['-q', dir, '-d', '-l', '127.0.0.1', '-i', String(port)]);
    await expectEventually(async () => {
      const gone = children.find((c) => c.exitCode !== null);
      if (gone) throw new Error(`${gone.spawnfile} exited (${gone.exitCode}): ${stderr.join('')}`);
      await canConnect(port);
    }, { timeoutMs: 10_000, intervalMs: 50 });
  } catch (error) {
    await stop();
    throw error;
  }
  const queueFile = async (jobId: string) => {
    for (const name of ['sendq', 'doneq']) {
      const text = await readFile(join(dir, name, `q${jobId}`), 'latin1').catch(() => undefined);
      if (text !== undefined) return text;
    }
    throw new Error(`no queue file for job ${jobId}`);
  };
  const queue = async (name: string) => (await readdir(join(dir, name))).flatMap((file) => /^q(\d+)$/.exec(file)?.slice(1) ?? []).sort();
  return {
    host: '127.0.0.1',
    port,
    user,
    remove: async (jobId) => {
      await run('faxrm', ['-h', `127.0.0.1:${port}`, jobId], { env: { ...process.env, FAXUSER: user } });
    },
    jobs: async () => ({ queued: await queue('sendq'), done: await queue('doneq') }),
    queueFile,
    document: async (jobId) => {
      const path = /^pdf:\d*:[^:]*:(docq\/\S+)$/m.exec(await queueFile(jobId))?.[1];
      if (!path) throw new Error(`job ${jobId} sends no PDF`);
      return new Uint8Array(await readFile(join(dir, path)));
    },
    stop,
  };
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await chown(path, uid, gid);
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) await chownTree(child, uid, gid);
    else if (!entry.isSymbolicLink()) await chown(child, uid, gid);
  }
}
