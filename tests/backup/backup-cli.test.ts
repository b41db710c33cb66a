import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import nano from 'nano';
import { SERVER_USER } from '../../design/user.js';
import { backupsToRemove } from '../../server/backup/backup-files.js';
import { startScheduledBackups } from '../../server/backup/scheduled-backups.js';
import { createLogger } from '../../server/log.js';
import { startServer } from '../../server/main.js';
import { openStore } from '../../server/store/open-store.js';
import { couchServer } from '../helpers/couch-server.js';
import { guanxi, tempDir, testConfig } from '../server/fixtures.js';

const logger = createLogger('silent');
const CTX = { user: SERVER_USER, now: '2026-03-01T08:00:00.000Z' };

test('guanxi backup while the server holds the embedded store goes through the server; guanxi restore refuses a store with documents unless --force', async () => {
  const { dir, cleanup } = await tempDir('backup-cli');
  try {
    const running = await startServer(testConfig(join(dir, 'data')), { logger });
    try {
      await running.store.database('library').save({ _id: 'pump', form: 'Product', name: '离心泵' }, CTX);
      const { port } = new URL(running.url);
      const made = await guanxi(['backup', '--out', join(dir, '备份.gz')], { PORT: port, HOST: '127.0.0.1' }, dir);
      assert.equal(made.code, 0, made.stderr);
      assert.match(made.stdout, /library\s+1 revisions/);
    } finally {
      await running.close();
    }
    const restoreInto = (data: string, ...flags: string[]) => guanxi(['restore', join(dir, '备份.gz'), ...flags], { GUANXI_DATA_DIR: join(dir, data) }, dir);
    const restored = await restoreInto('restored');
    assert.equal(restored.code, 0, restored.stderr);
    const again = await restoreInto('restored');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already holds \d+ documents.*--force/);
    assert.equal((await restoreInto('restored', '--force')).code, 0);
    const store = await openStore(testConfig(join(dir, 'restored')));
    try {
      assert.equal((await store.database('library').get('pump')).name, '离心泵');
    } finally {
      await store.close();
    }
  } finally {
    await cleanup();
  }
});

test('scheduled backups keep the newest few, and two servers of one CouchDB make each backup once', async () => {
  assert.deepEqual(backupsToRemove(['guanxi-backup-20260103T020000Z.ndjson.gz', 'notes.txt', 'guanxi-backup-20260101T020000Z.ndjson.gz', 'guanxi-backup-20260102T020000Z.ndjson.gz'], 2), ['guanxi-backup-20260101T020000Z.ndjson.gz']);
  const { dir, cleanup } = await tempDir('backup-schedule');
  const { url } = await couchServer();
  const prefix = `t${process.pid}x${Date.now().toString(36)}backups-`;
  const [a, b] = [await openStore({ couchdbUrl: url, couchdbPrefix: prefix, dataDir: dir }), await openStore({ couchdbUrl: url, couchdbPrefix: prefix, dataDir: dir })];
  const schedules = [a, b].map((store) => startScheduledBackups({ store, dir: join(dir, 'backups'), keep: 2, logger, cron: '0 0 2 1 1 *' }));
  try {
    for (const day of ['2026-01-01', '2026-01-02', '2026-01-03']) {
      const at = new Date(`${day}T02:00:00.000Z`);
      const made = await Promise.all(schedules.map((schedule) => schedule.runOnce(at)));
      assert.equal(made.filter((path) => path !== undefined).length, 1, `one backup on ${day}`);
    }
    assert.deepEqual((await readdir(join(dir, 'backups'))).sort(), ['guanxi-backup-20260102T020000Z.ndjson.gz', 'guanxi-backup-20260103T020000Z.ndjson.gz']);
  } finally {
    await Promise.all(schedules.map((schedule) => schedule.close()));
    await Promise.all([a.close(), b.close()]);
    const admin = nano(url);
    for (const name of await admin.db.list()) if (name.startsWith(prefix)) await admin.db.destroy(name);
    await cleanup();
  }
});
