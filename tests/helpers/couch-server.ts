import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import PouchMemory from 'pouchdb-adapter-memory';

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

async function startExpressPouchDB(): Promise<CouchServer> {
  const require = createRequire(import.meta.url);
  const expressPouchDB = require('express-pouchdb') as (pouch: unknown, options: object) => (req: unknown, res: unknown) => void;
  PouchDB.plugin(PouchMemory);
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-couch-'));
  const MemoryPouch = PouchDB.defaults({ adapter: 'memory', prefix: `${dir}/` } as PouchDB.Configuration.DatabaseConfiguration);
  const app = expressPouchDB(MemoryPouch, {
    mode: 'fullCouchDB',
    configPath: join(dir, 'config.json'),
    logPath: join(dir, 'log.txt'),
    overrideMode: { exclude: ['routes/fauxton'] },
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
