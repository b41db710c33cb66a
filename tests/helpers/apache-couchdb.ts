import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../server/fixtures.js';
import { freePort } from './dovecot.js';
import { expectEventually } from './expect-eventually.js';

export interface ApacheCouchDB {
  /** With admin credentials, e.g. http://admin:admin@127.0.0.1:5984. */
  readonly url: string;
  close(): Promise<void>;
}

/** The Apache CouchDB 3.5 release and its start script, beside the project (see its README). */
export const COUCHDB_SCRIPT = resolve(ROOT, '..', 'shared', 'couchdb', 'couchdb.sh');

let shared: Promise<ApacheCouchDB> | null = null;

/**
 * A real Apache CouchDB 3: the one COUCHDB_TEST_URL names, or a throwaway node started from
 * ../shared/couchdb on a free loopback port. Neither: the test fails and says why; it never skips,
 * since what it checks is that a third party's replicator works against the gateway.
 */
export function apacheCouchDB(): Promise<ApacheCouchDB> {
  shared ??= process.env.COUCHDB_TEST_URL ? Promise.resolve({ url: process.env.COUCHDB_TEST_URL, close: async () => {} }) : startNode();
  return shared;
}

async function startNode(): Promise<ApacheCouchDB> {
  if (!existsSync(COUCHDB_SCRIPT)) {
    throw new Error(`Apache CouchDB 3.5 is needed for this test: set COUCHDB_TEST_URL to a running one, or provide ${COUCHDB_SCRIPT} (see its README)`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-couchdb-'));
  const port = await freePort();
  const { stdout } = await promisify(execFile)(COUCHDB_SCRIPT, ['start', String(port)], { env: { ...process.env, TMPDIR: dir }, timeout: 120_000 });
  const [url, pid] = stdout.trim().split('\n');
  if (!url || !pid) throw new Error(`${COUCHDB_SCRIPT} did not say where CouchDB runs: ${stdout}`);
  return {
    url,
    async close() {
      await stopProcess(Number(pid));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Ends the node (it runs in a session of its own, setsid) and waits until it has gone. */
async function stopProcess(pid: number): Promise<void> {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const gone = () => {
    try {
      process.kill(-pid, 0);
      return false;
    } catch {
      return true;
    }
  };
  await expectEventually(gone, { timeoutMs: 15_000, intervalMs: 50 }).catch(() => process.kill(-pid, 'SIGKILL'));
}
