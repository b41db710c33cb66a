// A CouchDB-protocol server (express-pouchdb on in-memory PouchDB) as a process of its own, like
// a real CouchDB: express-pouchdb leaves a heartbeat timer running for each longpoll `_changes`
// that a client abandons, which would keep a test process from ever exiting. It prints its port,
// and exits when the process that started it goes away.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import PouchMemory from 'pouchdb-adapter-memory';

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
const server = createServer(app);
server.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.address() as { port: number }).port });
});
process.on('disconnect', () => process.exit(0));
