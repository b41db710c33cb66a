import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SERVER_USER } from '../../design/user.js';
import { DB_NAMES } from '../../design/databases.js';
import type { Express } from 'express';
import { createApp } from '../../server/app.js';
import { StaticDirectory } from '../../server/directory/static-directory.js';
import { createLogger } from '../../server/log.js';
import { startServer, StartupError } from '../../server/main.js';
import { openStore } from '../../server/store/open-store.js';
import type { Store } from '../../server/store/store.js';
import { VIEWS } from '../../views/catalog.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { SessionClient } from '../helpers/session-client.js';
import type { RunningServer } from '../../server/main.js';
import { tempDir, testConfig, withServer } from './fixtures.js';

/** Serves `app` on an ephemeral loopback port for the length of `work`. */
async function withApp(app: Express, work: (url: string) => Promise<void>): Promise<void> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A loopback port that nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const CTX = { user: SERVER_USER, now: '2026-03-01T08:00:00.000Z' };

async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /api/health', () => {
  test('answers over HTTP with the engine and each database’s document count', () => withServer(async ({ url, store }) => {
    const before = await getJson(`${url}/api/health`);
    assert.equal(before.status, 200);
    assert.equal(before.body.status, 'ok');
    assert.equal(before.body.engine, 'embedded');
    const databases = before.body.databases as Record<string, { docCount: number; updateSeq: string }>;
    assert.deepEqual(Object.keys(databases), DB_NAMES);
    // A fresh store holds only the design documents compiled from views/, and the directory each database's ACL.
    for (const name of DB_NAMES) assert.equal(databases[name]!.docCount, VIEWS.filter((v) => v.def.db === name).length + (name === 'names' ? DB_NAMES.length : 0));

    await store.database('crm').save({ form: 'Customer', name: '宁波海顺贸易', category: 'existing', region: '华东' }, CTX);
    const after = await getJson(`${url}/api/health`);
    const crm = (after.body.databases as Record<string, { docCount: number; updateSeq: string }>).crm!;
    assert.equal(crm.docCount, databases.crm!.docCount + 1);
    assert.notEqual(crm.updateSeq, databases.crm!.updateSeq);
  }));

  test('answers 503 when the store fails', async () => {
    const { dir, cleanup } = await tempDir('closed');
    try {
      const store = await openStore({ dataDir: dir });
      await store.close();
      await withApp(createApp({ store, directory: new StaticDirectory(), logger: createLogger('silent') }), async (url) => {
        const { status, body } = await getJson(`${url}/api/health`);
        assert.equal(status, 503);
        assert.equal(body.status, 'unavailable');
        assert.match(String(body.reason), /closed/);
      });
    } finally {
      await cleanup();
    }
  });
});

describe('the JSON API', () => {
  test('sends nosniff, no x-powered-by, and no-store', () => withServer(async ({ url }) => {
    const { headers } = await getJson(`${url}/api/health`);
    assert.equal(headers.get('x-content-type-options'), 'nosniff');
    assert.equal(headers.get('x-powered-by'), null);
    assert.equal(headers.get('cache-control'), 'no-store');
  }));

  test('an unknown /api route is a 404 in the error shape', () => withServer(async ({ url }) => {
    const { status, body } = await getJson(`${url}/api/no/such/route?x=1`);
    assert.equal(status, 404);
    assert.deepEqual(body, { error: 'not_found', reason: 'No API route GET /api/no/such/route' });
  }));

  test('a malformed JSON body is a 400 in the error shape', () => withServer(async ({ url }) => {
    const response = await fetch(`${url}/api/health`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": ' });
    assert.equal(response.status, 400);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.error, 'bad_request');
    assert.match(String(body.reason), /not valid JSON/);
  }));

  test('a body over the limit is a 413', () => withServer(async ({ url }) => {
    const response = await fetch(`${url}/api/health`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ notes: 'x'.repeat(11 * 1024 * 1024) }),
    });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as Record<string, unknown>).error, 'too_large');
  }));

  test('an unexpected error is a 500 that names the request but not the error', async () => {
    const fail = (): never => {
      throw new Error('secret internals');
    };
    const broken: Store = { engine: 'embedded', close: async () => {}, database: fail, deployed: new Map(), get gatewayPouch() {
      return fail();
    }, get serverDocs() {
      return fail();
    } };
    await withApp(createApp({ store: broken, directory: new StaticDirectory(), logger: createLogger('silent') }), async (url) => {
      // A session cookie makes the request reach the store.
      const { status, body } = await getJson(`${url}/api/db/crm/docs/x`, { cookie: 'guanxi_session=x' });
      assert.equal(status, 500);
      assert.equal(body.error, 'internal_error');
      assert.match(String(body.reason), /request 1\b/);
      assert.doesNotMatch(String(body.reason), /secret/);
    });
  });
});

/** A client signed in as someone who may read every database. */
async function reader({ url, store, directory }: RunningServer): Promise<SessionClient> {
  const access = Object.fromEntries(DB_NAMES.map((db) => [db, 'reader'] as const));
  await seedDirectory(store, directory, [{ name: 'Han Meimei', password: 'correct horse', access }]);
  const client = new SessionClient(url);
  assert.equal((await client.signIn('Han Meimei', 'correct horse')).status, 200);
  return client;
}

describe('views and documents', () => {
  test('GET /api/views lists every view with its database and name', () => withServer(async ({ url }) => {
    const { status, body } = await getJson(`${url}/api/views`);
    assert.equal(status, 200);
    assert.deepEqual(body.views, VIEWS.map((v) => ({ id: v.id, db: v.def.db, name: v.def.name })));
  }));

  test('a view page, and the document it shows', () => withServer(async (running) => {
    const client = await reader(running);
    const saved = await running.store.database('crm').save({ form: 'Customer', name: '宁波海顺贸易', category: 'existing', region: '华东' }, CTX);
    const page = await client.request('GET', `/api/db/crm/views/customers-by-region?limit=10&expandAll=true&toggled=${encodeURIComponent('[]')}&after=null`);
    assert.equal(page.status, 200);
    const rows = (page.body as { rows: { kind: string; id?: string }[] }).rows;
    assert.ok(rows.some((row) => row.kind === 'document' && row.id === saved._id), JSON.stringify(rows));

    const doc = await client.request('GET', `/api/db/crm/docs/${saved._id}`);
    assert.equal(doc.status, 200);
    assert.equal(doc.body?._rev, saved._rev);
    assert.equal(doc.body?.name, '宁波海顺贸易');
  }));

  test('bad view requests are 400s; unknown databases, views and documents 404s', () => withServer(async (running) => {
    const client = await reader(running);
    const view = '/api/db/crm/views/customers-by-region';
    for (const query of ['after=%7Bnot-json', 'toggled=%5B1', 'toggled=%5B1%5D', 'after=%7B%22id%22%3A1%7D', 'limit=0', 'limit=ten', 'expandAll=maybe', 'limit=1&limit=2']) {
      const { status, body } = await client.request('GET', `${view}?${query}`);
      assert.equal(status, 400, query);
      assert.equal(body?.error, 'bad_request', query);
      assert.equal(typeof body?.reason, 'string');
    }
    for (const path of ['/api/db/nosuch/views/customers-by-region', '/api/db/nosuch/docs/x', '/api/db/crm/views/nosuch', '/api/db/names/views/customers-by-region', '/api/db/crm/docs/nosuch']) {
      const { status, body } = await client.request('GET', path);
      assert.equal(status, 404, path);
      assert.equal(body?.error, 'not_found', path);
    }
  }));
});

describe('startServer', () => {
  test('a port in use is a StartupError, and the store it opened is closed again', async () => {
    const { dir, cleanup } = await tempDir('port');
    try {
      const logger = createLogger('silent');
      const first = await startServer(testConfig(join(dir, 'a')), { logger });
      try {
        const port = Number(new URL(first.url).port);
        const second = testConfig(join(dir, 'b'), { PORT: String(port) });
        await assert.rejects(startServer(second, { logger }), (error: Error) => {
          assert.ok(error instanceof StartupError);
          assert.match(error.message, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the address is already in use`));
          return true;
        });
        // LevelDB's lock on b was released.
        const reopened = await openStore({ dataDir: second.dataDir });
        await reopened.close();
      } finally {
        await first.close();
      }
    } finally {
      await cleanup();
    }
  });

  test('a CouchDB that cannot be reached is a StartupError without the password', async () => {
    const { dir, cleanup } = await tempDir('couch');
    try {
      const port = await closedPort();
      const config = testConfig(dir, { COUCHDB_URL: `http://admin:hunter2@127.0.0.1:${port}` });
      await assert.rejects(startServer(config, { logger: createLogger('silent') }), (error: Error) => {
        assert.ok(error instanceof StartupError);
        assert.match(error.message, new RegExp(`^cannot open the store \\(CouchDB at http://admin:\\*\\*\\*@127\\.0\\.0\\.1:${port}/\\): .*ECONNREFUSED`));
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      });
    } finally {
      await cleanup();
    }
  });

  test('close() waits for open requests only until its timeout, then closes their connections', async () => {
    const { dir, cleanup } = await tempDir('timeout');
    try {
      const running = await startServer(testConfig(join(dir, 'data')), { logger: createLogger('silent'), shutdownTimeoutMs: 50 });
      const { hostname, port } = new URL(running.url);
      const socket = connect(Number(port), hostname);
      try {
        socket.setEncoding('utf8');
        // A request whose body never arrives; "100 Continue" shows the server has it in hand.
        socket.write('POST /api/health HTTP/1.1\r\nHost: guanxi\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n');
        const [interim] = (await once(socket, 'data')) as [string];
        assert.match(interim, /^HTTP\/1\.1 100 Continue/);
        await Promise.all([running.close(), once(socket, 'close')]);
        // The store is closed too: its data directory opens again.
        const reopened = await openStore({ dataDir: join(dir, 'data') });
        await reopened.close();
      } finally {
        socket.destroy();
      }
    } finally {
      await cleanup();
    }
  });

  test('close() is idempotent', () => withServer(async (running) => {
    await Promise.all([running.close(), running.close()]);
  }));
});
