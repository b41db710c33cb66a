import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import { Manifest, type ManifestEntry } from '../../server/gateway/manifest.js';
import { pick, seededRandom } from '../helpers/random.js';
import { localReplica } from '../helpers/sync-client.js';
import { ENGINES, openTestStore } from '../helpers/test-store.js';

/** Ids of every kind a store orders differently: ASCII, Chinese, full-width, the last BMP character, beyond the BMP. */
const KINDS = [(i: number) => `cust${String(i).padStart(5, '0')}`, (i: number) => `客户-${i}`, (i: number) => `Ａ公司${i}`, (i: number) => `\uffff末${i}`, (i: number) => `😀客户${i}`];

/** What each id's entry is, read one `get` each: what the manifest answers about them, whichever way it reads. */
async function entriesOneByOne(pouch: PouchDB.Database, user: string, ids: readonly string[]): Promise<Map<string, ManifestEntry>> {
  const prefix = `crm:${hexOfUtf8(user)}:`;
  const entries = new Map<string, ManifestEntry>();
  for (const id of ids) {
    const doc = await pouch.get<ManifestEntry>(prefix + id).catch(() => undefined);
    if (doc) entries.set(id, { revs: doc.revs, removed: doc.removed });
  }
  return entries;
}

/**
 * A page's manifest entries are read on a store of the server's own by listing the stretch of keys
 * between the least and greatest asked (manifest.ts existingAmong): it must answer what reading
 * each entry answers, for pages of held, never held and other people's documents, clustered or
 * spread, and ids the stores order differently (LevelDB by UTF-8 bytes, memory by UTF-16 units).
 */
describe('a page of manifest entries read at once answers what reading each entry answers', () => {
  for (const engine of [...ENGINES, 'memory'] as const) {
    test(engine, async () => {
      const world = engine === 'memory' ? undefined : await openTestStore(engine);
      const pouch = world?.store.gatewayPouch ?? localReplica('manifest');
      try {
        const random = seededRandom(`manifest read, ${engine}`);
        const ids = KINDS.flatMap((kind) => Array.from({ length: 240 }, (_, i) => kind(i))).sort();
        const held = ids.filter(() => random() < 0.5);
        // 王芳芳's entries sort right after 王芳's (her name's hex begins with his): never his.
        for (const [user, owned] of [['王芳', held], ['王芳芳', ids.filter(() => random() < 0.5)]] as const) {
          await new Manifest(pouch, 'crm', user).write(new Map(owned.map((id) => [id, { revs: [`1-${user.length}`], removed: random() < 0.2 }])));
        }
        for (let page = 0; page < 40; page++) {
          const size = pick(random, [1, 19, 20, 50, 300, 1000]);
          // Clustered (a stretch of the feed), or spread over every kind of id or over those within the BMP.
          const start = Math.floor(random() * ids.length);
          const from = random() < 0.5 ? ids : ids.filter((id) => !id.startsWith('😀'));
          const asked = random() < 0.4
            ? ids.slice(start, start + size)
            : Array.from({ length: size }, () => pick(random, [...from, '从未有过', `${pick(random, from)}-另一个`]));
          const read = await new Manifest(pouch, 'crm', '王芳').read(asked);
          const expected = await entriesOneByOne(pouch, '王芳', asked);
          assert.deepEqual(new Map([...read].map(([id, { revs, removed }]) => [id, { revs, removed }])), expected, `page ${page}: ${asked.length} ids from ${asked[0]}`);
        }
      } finally {
        await (world ? world.cleanup() : pouch.destroy());
      }
    });
  }
});
