import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DB_NAMES } from '../../design/databases.js';
import { countHiddenWrites } from '../../server/gateway/quarantine.js';
import { createLogger } from '../../server/log.js';
import { startServer } from '../../server/main.js';
import { EmbeddedStore } from '../../server/store/embedded-store.js';
import { viewsOf } from '../../views/catalog.js';
import { guanxi, tempDir, testConfig } from './fixtures.js';

describe('guanxi', () => {
  test('info --json: the engine, the data directory, and each database with its views', async () => {
    const { code, stdout, stderr } = await guanxi(['info', '--json']);
    assert.equal(code, 0, stderr);
    // JSON.stringify over several lines arrives here as one text line per line.
    const info = JSON.parse(stdout) as { engine: string; location: string; databases: { name: string; docCount: number; designDocCount: number; views: { id: string }[] }[] };
    assert.equal(info.engine, 'embedded');
    assert.match(info.location, /data$/);
    assert.deepEqual(info.databases.map((db) => db.name), DB_NAMES);
    for (const db of info.databases) {
      const ids = viewsOf(db.name as (typeof DB_NAMES)[number]).map((view) => view.id);
      assert.deepEqual(db.views.map((view) => view.id), ids);
      assert.equal(db.designDocCount, ids.length);
      assert.equal(db.docCount, ids.length);
    }
  });

  test('info: a line says how many writes to hidden documents the gateway counted, and whose most', async () => {
    const { dir, cleanup } = await tempDir('quarantine');
    try {
      const store = await EmbeddedStore.open(join(dir, 'data'));
      await countHiddenWrites(store.gatewayPouch, '王芳', 'crm', ['a', 'b', 'c']);
      await countHiddenWrites(store.gatewayPouch, 'Bob', 'crm', ['d']);
      await store.close();
      const { code, stdout, stderr } = await guanxi(['info'], {}, dir);
      assert.equal(code, 0, stderr);
      assert.match(stdout, /^quarantine 4 writes to hidden documents by 2 people \(most: 王芳, 3\)$/m);
    } finally {
      await cleanup();
    }
  });

  test('deploy --json: a new store gets every design document, a second run finds them up to date', async () => {
    const { dir, cleanup } = await tempDir('deploy');
    try {
      type Report = { databases: Record<string, { written: string[]; removed: string[]; unchanged: string[] }> };
      const first = await guanxi(['deploy', '--json'], {}, dir);
      assert.equal(first.code, 0, first.stderr);
      const second = await guanxi(['deploy', '--json'], {}, dir);
      for (const name of DB_NAMES) {
        const ids = viewsOf(name).map((view) => view.designDocId);
        assert.deepEqual((JSON.parse(first.stdout) as Report).databases[name], { written: ids, removed: [], unchanged: [] });
        assert.deepEqual((JSON.parse(second.stdout) as Report).databases[name], { written: [], removed: [], unchanged: ids });
      }
    } finally {
      await cleanup();
    }
  });

  test('a bad setting prints one line naming it, and exits 1', async () => {
    const { code, stdout, stderr } = await guanxi(['serve'], { PORT: 'eighty' });
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(stderr, 'guanxi: PORT (environment): port must be an integer from 0 to 65535, got "eighty"\n');
  });

  test('a data directory held by a running server prints one line, and exits 1', async () => {
    const { dir, cleanup } = await tempDir('locked');
    try {
      const running = await startServer(testConfig(join(dir, 'data')), { logger: createLogger('silent') });
      try {
        const { code, stderr } = await guanxi(['info'], {}, dir);
        assert.equal(code, 1);
        assert.match(stderr, /^guanxi: cannot open the store \(.*data\): the data directory is in use by another process/);
        assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);
      } finally {
        await running.close();
      }
    } finally {
      await cleanup();
    }
  });
});
