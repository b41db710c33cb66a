import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface CouchServer {
  readonly url: string;
  close(): Promise<void>;
}

let shared: Promise<CouchServer> | null = null;

/**
 * A CouchDB-protocol server on loopback for the CouchDB engine's tests: the real Apache CouchDB 3
 * named by COUCHDB_TEST_URL (with admin credentials), or else express-pouchdb on an ephemeral port.
 */
export function couchServer(): Promise<CouchServer> {
  shared ??= process.env.COUCHDB_TEST_URL
    ? Promise.resolve({ url: process.env.COUCHDB_TEST_URL, close: async () => {} })
    : startExpressPouchDB();
  return shared;
}

/** In a child process (see couch-server-process.ts) that does not keep this one alive, and ends with it. */
async function startExpressPouchDB(): Promise<CouchServer> {
  const child = fork(fileURLToPath(new URL('./couch-server-process.ts', import.meta.url)), [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [message] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => {
    throw new Error('the CouchDB-protocol test server exited before listening');
  })])) as [{ port: number }];
  child.unref();
  child.channel?.unref();
  return {
    url: `http://127.0.0.1:${message.port}`,
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill();
      await once(child, 'exit');
    },
  };
}
