import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import nano from 'nano';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { SERVER_USER } from '../../design/user.js';
import { restoreBackup } from '../../server/backup/restore-backup.js';
import { writeBackup } from '../../server/backup/write-backup.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { openStore } from '../../server/store/open-store.js';
import { couchServer } from '../helpers/couch-server.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { PRICE_LIST, storeContents, writeLibraryHistory } from '../helpers/store-contents.js';
import { ENGINES, type EngineName } from '../helpers/test-store.js';
import { tempDir, testConfig } from '../server/fixtures.js';

const logger = createLogger('silent');
const CTX = { user: SERVER_USER, now: '2026-03-01T08:00:00.000Z' };
let prefixes = 0;

/** Where a server's data is kept: a data directory, or databases of the test CouchDB under a prefix. */
async function placeFor(engine: EngineName, dir: string, label: string): Promise<NodeJS.ProcessEnv> {
  if (engine === 'embedded') return { GUANXI_DATA_DIR: join(dir, label) };
  return { COUCHDB_URL: (await couchServer()).url, COUCHDB_PREFIX: `t${process.pid}x${++prefixes}${label}-` };
}

async function dropCouchDatabases(env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.COUCHDB_URL) return;
  const admin = nano(env.COUCHDB_URL);
  for (const name of await admin.db.list()) if (name.startsWith(env.COUCHDB_PREFIX!)) await admin.db.destroy(name);
}

/** A temporary directory and two fresh places for a store (a source and a target), removed afterwards. */
async function withTwoPlaces(engine: EngineName, label: string, work: (dir: string, source: NodeJS.ProcessEnv, target: NodeJS.ProcessEnv) => Promise<void>): Promise<void> {
  const { dir, cleanup } = await tempDir(label);
  const source = await placeFor(engine, dir, `${label}-source`);
  const target = await placeFor(engine, dir, `${label}-target`);
  try {
    await work(dir, source, target);
  } finally {
    await dropCouchDatabases(source);
    await dropCouchDatabases(target);
    await cleanup();
  }
}

async function codeOf(running: RunningServer, id: string): Promise<string> {
  return expectEventually(async () => {
    const doc = await running.store.database('crm').get(id);
    assert.equal(typeof doc.code, 'string', `${id} numbered`);
    return String(doc.code);
  }, { timeoutMs: 20_000 });
}

for (const engine of ENGINES) describe(`backup and restore on the ${engine} store`, () => {
  test('a backup taken while people write, restored into an empty store: every document, revision, conflict and attachment is there, and new customers are numbered after the old ones', async () => {
    await withTwoPlaces(engine, 'backup', async (dir, sourcePlace, targetPlace) => {
      const source = await startServer(testConfig(join(dir, 'source'), sourcePlace), { logger });
      let target: RunningServer | undefined;
      try {
        const crm = source.store.database('crm');
        await crm.save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', customerCodePrefix: 'KH', customerCodeDatePart: 'none', customerCodeDigits: 4 }, CTX);
        for (let i = 0; i < 12; i++) await crm.save({ _id: `customer-${i}`, form: 'Customer', name: `宁波客户${i}` }, CTX);
        const codes = await Promise.all(Array.from({ length: 12 }, (_, i) => codeOf(source, `customer-${i}`)));
        await writeLibraryHistory(source.store);
        const before = await storeContents(source.store);

        // People go on writing while the backup runs.
        let writing = true;
        let written = 0;
        const writer = (async () => {
          for (; writing; written++) await crm.save({ form: 'Customer', name: `展会客户${written}` }, CTX);
        })();
        await expectEventually(async () => assert.ok(written >= 3, 'the writer is under way'));
        const writtenBefore = written;
        const file = join(dir, 'guanxi.backup.gz');
        const counts = await writeBackup(source.store, createWriteStream(file));
        const writtenDuring = written - writtenBefore;
        writing = false;
        await writer;
        assert.ok(writtenDuring > 0, 'writes went on during the backup');
        assert.ok((counts.crm ?? 0) >= 17);

        // Into an empty store.
        const empty = await openStore(testConfig(join(dir, 'target'), targetPlace));
        try {
          await restoreBackup(empty, file);
          await assert.rejects(restoreBackup(empty, file), /already holds/, 'a store with documents is refused');
        } finally {
          await empty.close();
        }
        target = await startServer(testConfig(join(dir, 'target'), targetPlace), { logger });
        const after = await storeContents(target.store, new Set(before.keys()));
        assert.deepEqual(after, before);
        const conflicted = await target.store.database('library').pouch.get('conflicted', { conflicts: true });
        assert.deepEqual([conflicted._rev, conflicted._conflicts], ['1-bbbb', ['1-aaaa']]);
        const attachment = await target.store.database('library').pouch.getAttachment('price-list', '价目表.txt') as Buffer;
        assert.equal(attachment.toString('utf8'), PRICE_LIST);

        // Numbering goes on after every number the restored records hold, those written during the backup included.
        const restoredCodes = (await target.store.database('crm').pouch.allDocs({ include_docs: true })).rows
          .flatMap((row) => (row.doc?.form === 'Customer' && typeof row.doc.code === 'string' ? [row.doc.code] : []));
        assert.ok(codes.every((code) => restoredCodes.includes(code)));
        await target.store.database('crm').save({ _id: 'after-restore', form: 'Customer', name: '恢复后的客户' }, CTX);
        const next = await codeOf(target, 'after-restore');
        assert.ok(restoredCodes.every((code) => code < next), `${next} comes after ${restoredCodes.sort().at(-1)}`);
      } finally {
        await source.close();
        await target?.close();
      }
    });
  });

  test('numbering goes on after the numbers the restored records hold, even those no counter of the backup took', async () => {
    await withTwoPlaces(engine, 'numbers', async (dir, sourcePlace, targetPlace) => {
      let target: RunningServer | undefined;
      try {
        const source = await openStore(testConfig(join(dir, 'numbers'), sourcePlace));
        const file = join(dir, 'numbers.gz');
        try {
          const crm = source.database('crm');
          await crm.save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', customerCodePrefix: 'KH', customerCodeDatePart: 'none', customerCodeDigits: 4, dealNumberPrefix: 'YW', dealNumberDatePart: 'year', dealNumberDigits: 3 }, CTX);
          // As an installation whose counters were `_local` documents (which no backup holds) would have them.
          await crm.save({ _id: 'old-customer', form: 'Customer', name: '老客户', code: 'KH0042' }, CTX);
          await crm.save({ _id: 'old-deal', form: 'Deal', name: '老业务', number: 'YW2026-017', customerId: 'old-customer', customerName: '老客户', opened: '2026-02-01' }, CTX);
          await writeBackup(source, createWriteStream(file));
        } finally {
          await source.close();
        }
        const empty = await openStore(testConfig(join(dir, 'numbered'), targetPlace));
        try {
          await restoreBackup(empty, file);
        } finally {
          await empty.close();
        }
        target = await startServer(testConfig(join(dir, 'numbered'), targetPlace), { logger });
        await target.store.database('crm').save({ _id: 'new-customer', form: 'Customer', name: '新客户' }, CTX);
        await target.store.database('crm').save({ _id: 'new-deal', form: 'Deal', name: '新业务', customerId: 'new-customer', customerName: '新客户', opened: '2026-03-01' }, CTX);
        assert.equal(await codeOf(target, 'new-customer'), 'KH0043');
        assert.equal(await expectEventually(async () => String((await target!.store.database('crm').get('new-deal')).number ?? assert.fail('numbered'))), 'YW2026-018');
      } finally {
        await target?.close();
      }
    });
  });

  test('a file that was cut short, or is not a backup, is refused before anything is written', async () => {
    await withTwoPlaces(engine, 'cut', async (dir, place, emptyPlace) => {
      const store = await openStore(testConfig(join(dir, 'cut'), place));
      try {
        await store.database('library').save({ _id: 'one', form: 'Product', name: '一号泵' }, CTX);
        const file = join(dir, 'whole.gz');
        await writeBackup(store, createWriteStream(file));
        const lines = gunzipSync(new Uint8Array(await readFile(file))).toString('utf8').trimEnd().split('\n');
        await writeFile(join(dir, 'cut.gz'), new Uint8Array(gzipSync(lines.slice(0, -1).join('\n'))));
        await writeFile(join(dir, 'text.gz'), '客户名单');
        const empty = await openStore(testConfig(join(dir, 'empty'), emptyPlace));
        try {
          await assert.rejects(restoreBackup(empty, join(dir, 'cut.gz')), /cut short/);
          await assert.rejects(restoreBackup(empty, join(dir, 'text.gz')), /cannot be restored/);
          assert.equal((await empty.database('library').find('one')), null, 'nothing written');
        } finally {
          await empty.close();
        }
      } finally {
        await store.close();
      }
    });
  });
});
