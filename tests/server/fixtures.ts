import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer, type StartOptions } from '../../server/main.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(ROOT, 'server', 'cli.ts');
/** What `npm start` and `npm run dev` run. */
export const START = join(ROOT, 'server', 'start.ts');
/** tsx's loader by absolute URL, so that children may run in a directory of their own. */
const TSX = import.meta.resolve('tsx');

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(label: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `guanxi-${label}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs `work` in a fresh temporary directory, removed afterwards. */
export async function inTempDir(label: string, work: (dir: string) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await tempDir(label);
  try {
    await work(dir);
  } finally {
    await cleanup();
  }
}

/** Configuration for a server on an ephemeral loopback port with its own embedded store. */
export function testConfig(dataDir: string, env: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ PORT: '0', HOST: '127.0.0.1', GUANXI_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env }, {}, dataDir);
}

/** Runs `work` against a fresh server with an empty embedded store; closes and removes it afterwards. */
export async function withServer(work: (running: RunningServer) => Promise<void>, options: StartOptions & { env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  const { dir, cleanup } = await tempDir('server');
  try {
    const { env, ...start } = options;
    const running = await startServer(testConfig(join(dir, 'data'), env), { logger: createLogger('silent'), ...start });
    try {
      await work(running);
    } finally {
      await running.close();
    }
  } finally {
    await cleanup();
  }
}

/** Runs `work` against a server on the data directory `dir/data`, which the commands share; closes it afterwards. */
export async function withServerOn(dir: string, work: (running: RunningServer) => Promise<void>): Promise<void> {
  const running = await startServer(testConfig(join(dir, 'data')), { logger: createLogger('silent') });
  try {
    await work(running);
  } finally {
    await running.close();
  }
}

/**
 * Runs `guanxi <args>` to the end, with `input` on its standard input, in `dir` (its data
 * directory `dir/data`), or in a fresh directory removed afterwards.
 */
export async function guanxi(args: readonly string[], env: NodeJS.ProcessEnv = {}, dir?: string, input?: string) {
  const temp = dir ? undefined : await tempDir('cli');
  const cwd = dir ?? temp!.dir;
  try {
    const child = spawnEntry(CLI, args, { GUANXI_DATA_DIR: join(cwd, 'data'), ...env }, cwd, input);
    const { code } = await child.exited;
    const stdout = child.logs.map((line) => (typeof line.text === 'string' ? line.text : JSON.stringify(line))).join('\n');
    return { code, stdout, stderr: child.stderr() };
  } finally {
    await temp?.cleanup();
  }
}

export interface Child {
  readonly process: ChildProcess;
  /** Each JSON line the child printed on stdout so far. */
  readonly logs: Record<string, unknown>[];
  readonly stderr: () => string;
  /** The first log line that `match` accepts, waiting for it up to `timeoutMs`. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * A TypeScript entry point (CLI or START) as its own process, with none of this process's Guanxi
 * settings, and `input` (if any) on its standard input. Node runs tsx as a loader, rather than
 * `npx tsx`, so that signals reach the server process itself and not a wrapper.
 */
export function spawnEntry(script: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string, input?: string): Child {
  const { GUANXI_CONFIG: _c, PORT: _p, HOST: _h, GUANXI_DATA_DIR: _d, COUCHDB_URL: _u, COUCHDB_PREFIX: _x, LOG_LEVEL: _l, TRUST_PROXY: _t, ...inherited } = process.env;
  const stdin = input === undefined ? 'ignore' : 'pipe';
  const child = spawn(process.execPath, ['--import', TSX, script, ...args], { cwd, env: { ...inherited, ...env }, stdio: [stdin, 'pipe', 'pipe'] });
  child.stdin?.end(input);
  const logs: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      logs.push({ text: line });
    }
    for (const wake of waiters) wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      for (const wake of waiters) wake();
      resolve({ code, signal });
    });
  });
  const waitForLog = (match: (line: Record<string, unknown>) => boolean, timeoutMs = 20_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const found = logs.find(match);
        if (found) return finish(() => resolve(found));
        if (child.exitCode !== null || child.signalCode !== null) {
          finish(() => reject(new Error(`guanxi exited (${child.exitCode ?? child.signalCode}) first; stderr: ${stderr}`)));
        }
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no such log line within ${timeoutMs} ms; stderr: ${stderr}`))), timeoutMs);
      const finish = (then: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        then();
      };
      waiters.add(check);
      check();
    });
  return { process: child, logs, stderr: () => stderr, waitForLog, exited };
}
