import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { groupDocId } from '../../design/access/directory-ids.js';
import type { Doc } from '../../design/form.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { mulberry32, pick, seededRandom } from '../helpers/random.js';
import { localReplica } from '../helpers/sync-client.js';
import { gatewayWorld, type GatewayWorld } from './gateway-fixture.js';

/**
 * What people who may read part of crm receive through the gateway, against a reference computed
 * from the documents' access fields alone: generated documents with seeded random readers and
 * authors (people, groups, roles, none), then between pulls documents given other readers, deleted,
 * created, forked into conflicts, and people moved between groups (their whole feed starts over).
 * Each person has two workstations, the second made afresh halfway. After every pull each replica
 * holds exactly the winners the person may read, as the store has them, and nothing else.
 */
const ENGINES = ['embedded', 'couchdb'] as const;
const root = seededRandom('partial readers');
const seeds = ENGINES.map(() => Math.floor(root() * 2 ** 31));

const PEOPLE = ['王芳', '李雷', 'Anna', '赵敏'];
const GROUPS = ['外贸部', '总部'];
const ROLES = ['[Sales]', '[Manager]'];
/** Names a document may give that are nobody here (salespeople of other teams). */
const OTHERS = ['张伟', '刘洋', '陈静', 'Key Accounts', '[Support]'];
const DOCS = 300;
/** Small batches, so that most of a batch's changes are hidden from each person. */
const BATCH = 30;

interface Person {
  readonly name: string;
  readonly roles: string[];
}

/** A readers or authors field: none (`empty` of the time), or one or two names. */
function someNames(random: () => number, empty: number): string[] {
  const pool = [...PEOPLE, ...GROUPS, ...ROLES, ...OTHERS];
  return random() < empty ? [] : [...new Set([pick(random, pool), ...(random() < 0.3 ? [pick(random, pool)] : [])])];
}

/** Most documents are hidden from each person, so that most changes a batch walks are hidden. */
function access(random: () => number): { readers: string[]; authors: string[] } {
  return { readers: someNames(random, 0.1), authors: someNames(random, 0.7) };
}

/** The reference: Notes' rule on the document's own fields (every person here is an Editor of crm). */
function mayRead(names: ReadonlySet<string>, doc: Doc): boolean {
  const [readers, authors] = [doc.readers, doc.authors].map((list) => (Array.isArray(list) ? list as string[] : []));
  return readers!.length === 0 || [...readers!, ...authors!].some((name) => names.has(name));
}

async function setMembers(world: GatewayWorld, group: string, members: readonly string[]): Promise<void> {
  const names = world.running.store.database('names');
  const current = await names.get(groupDocId(group));
  await names.save({ ...current, members: [...members] }, SEED_CTX);
  await expectEventually(() => PEOPLE.every((person) => world.running.directory.userContext(person)!.roles.includes(group) === members.includes(person)));
}

describe('partial readers: what each person receives equals what the documents\' access fields allow', () => {
  ENGINES.forEach((engine, e) => test(`in front of the ${engine} store (seed ${seeds[e]})`, async () => {
    const random = mulberry32(seeds[e]!);
    const people: Person[] = PEOPLE.map((name) => ({ name, roles: ROLES.filter(() => random() < 0.4) }));
    // `moved` leaves the first group after the first pull, and comes back after the second.
    const moved = pick(random, PEOPLE);
    const groups = Object.fromEntries(GROUPS.map((group, g) => [group, PEOPLE.filter((name) => (g === 0 && name === moved) || random() < 0.4)]));
    const world = await gatewayWorld(people.map(({ name, roles }) => ({ name, roles, access: { crm: 'editor' } })), groups, engine);
    const crm = world.running.store.database('crm').pouch;
    const replicas = new Map(PEOPLE.map((name) => [name, [localReplica(`${name}-a`)]]));
    try {
      await crm.bulkDocs(Array.from({ length: DOCS }, (_, i) => ({ _id: `c-客户-${String(i).padStart(3, '0')}`, form: 'Customer', name: `客户 ${i}`, ...access(random) })));
      for (let round = 0; round < 3; round++) {
        if (round > 0) await changeTheWorld(world, random, groups, round, moved);
        if (round === 1) for (const name of PEOPLE) replicas.get(name)!.push(localReplica(`${name}-b`));
        for (const { name, roles } of people) {
          const names = new Set([name, ...roles, ...GROUPS.filter((group) => groups[group]!.includes(name))]);
          const credentials = await world.signIn(name);
          for (const [w, replica] of replicas.get(name)!.entries()) {
            await replica.replicate.from(world.remote(credentials), { batch_size: BATCH });
            // Read after the pull: a document given back to a workstation that was sent its removal
            // gets a new revision on the way (read-changes.ts, touch).
            const winners = await liveDocs(crm);
            const expected = winners.filter((doc) => mayRead(names, doc));
            assert.ok(expected.length > 0 && expected.length < winners.length, `${name} reads part of crm (${expected.length} of ${winners.length})`);
            const held = (await replica.allDocs({ include_docs: true })).rows.map((row) => row.doc as Doc);
            assert.deepEqual(held, expected, `seed ${seeds[e]}, round ${round}: ${name}'s workstation ${w + 1} holds exactly the winners they may read`);
          }
        }
      }
    } finally {
      for (const replica of [...replicas.values()].flat()) await replica.destroy();
      await world.close();
    }
  }));
});

/**
 * The store's live winners, design documents aside, in id order as replicas list them. (The ids
 * begin with a Latin letter: PouchDB's LevelDB `allDocs` leaves out ids that begin beyond U+00FF.)
 */
async function liveDocs(crm: PouchDB.Database<Doc>): Promise<Doc[]> {
  return (await crm.allDocs({ include_docs: true })).rows.flatMap((row) => (row.doc && !row.id.startsWith('_design/') ? [row.doc as Doc] : []));
}

/**
 * Between pulls: other readers, deletions, new documents, conflicts, and `moved` taken out of a
 * group or put back (the second time, documents they were sent the removal of come back unchanged).
 */
async function changeTheWorld(world: GatewayWorld, random: () => number, groups: Record<string, string[]>, round: number, moved: string): Promise<void> {
  const crm = world.running.store.database('crm').pouch;
  const live = await liveDocs(crm);
  const edits = live.filter(() => random() < 0.4).map((doc) => (random() < 0.15
    ? { ...doc, _deleted: true }
    : { ...doc, name: `${String(doc.name)} 改 ${round}`, ...access(random) }));
  const created = Array.from({ length: 10 }, (_, i) => ({ _id: `n-新客户-${round}-${i}`, form: 'Customer', name: `新客户 ${round}.${i}`, ...access(random) }));
  await crm.bulkDocs([...edits, ...created] as never);
  // A branch from the first revision, as a workstation's offline edit arrives: the store picks a winner.
  const deleted = new Set(edits.filter((doc) => doc._deleted).map((doc) => doc._id));
  for (const doc of live.filter((d) => !deleted.has(d._id) && Number(String(d._rev).split('-')[0]) >= 2 && random() < 0.05)) {
    const { _revisions: history } = await crm.get(String(doc._id), { revs: true }) as Doc & { _revisions: { ids: string[] } };
    const hash = `${round}${'c'.repeat(31)}`.slice(0, 32);
    await crm.bulkDocs([{ ...doc, _rev: `2-${hash}`, _revisions: { start: 2, ids: [hash, history.ids.at(-1)!] }, name: `冲突 ${round}`, readers: someNames(random, 0.1) }] as never, { new_edits: false });
  }
  const [group] = GROUPS;
  const members = groups[group!]!.includes(moved) ? groups[group!]!.filter((name) => name !== moved) : [...groups[group!]!, moved];
  await setMembers(world, group!, members);
  groups[group!] = members;
}
