import { join } from 'node:path';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { couchServer } from '../helpers/couch-server.js';
import { seedDirectory, type PersonSeed } from '../helpers/directory-seed.js';
import { SessionClient } from '../helpers/session-client.js';
import type { EngineName } from '../helpers/test-store.js';
import { remoteDb, type Credentials } from '../helpers/sync-client.js';
import { tempDir, testConfig } from '../server/fixtures.js';

export const PASSWORD = 'correct horse battery';

export interface GatewayWorld {
  readonly running: RunningServer;
  signIn(name: string): Promise<Credentials>;
  remote(credentials: Credentials, db?: string): PouchDB.Database;
  close(): Promise<void>;
}

let worlds = 0;

/** A server on a fresh store of the engine with these people in its directory, everyone with the same password. */
export async function gatewayWorld(people: readonly Omit<PersonSeed, 'password'>[], groups: Record<string, readonly string[]> = {}, engine: EngineName = 'embedded'): Promise<GatewayWorld> {
  const { dir, cleanup } = await tempDir('gateway');
  const couch = engine === 'couchdb' ? { COUCHDB_URL: (await couchServer()).url, COUCHDB_PREFIX: `gw${process.pid}x${++worlds}-` } : {};
  const running = await startServer(testConfig(join(dir, 'data'), couch), { logger: createLogger('silent') });
  await seedDirectory(running.store, running.directory, people.map((p) => ({ ...p, password: PASSWORD })), groups);
  return {
    running,
    async signIn(name) {
      const client = new SessionClient(running.url);
      const answer = await client.signIn(name, PASSWORD);
      if (answer.status !== 200) throw new Error(`${name} could not sign in: ${JSON.stringify(answer.body)}`);
      return { cookie: client.cookie!, csrf: client.csrf! };
    },
    remote: (credentials, db = 'crm') => remoteDb(running.url, db, credentials),
    async close() {
      await running.close();
      await cleanup();
    },
  };
}

/** A document as a workstation saves it: through design/, as the signed-in user, at a fixed time. */
export function saved(user: string, doc: object, previous: object | null = null, now = '2026-03-02T10:00:00.000Z'): Doc {
  return prepareForSave(doc as Doc, previous as Doc | null, { now, user: { name: user, roles: [] } });
}

export interface RawAnswer {
  readonly status: number;
  readonly type: string | null;
  /** The body exactly as sent, for comparing answers byte for byte and searching them for secrets. */
  readonly text: string;
}

/** A signed-in person sending raw requests to the server (`/sync/…` or `/api/…`), with the CSRF token. */
export async function rawAsker(world: GatewayWorld, name: string): Promise<(method: string, path: string, body?: unknown) => Promise<RawAnswer>> {
  const { cookie, csrf } = await world.signIn(name);
  return async (method, path, body) => {
    const response = await fetch(`${world.running.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };
}
