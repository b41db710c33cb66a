import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mulberry32, seededRandom } from '../helpers/random.js';
import { gatewayWorld, rawAsker, saved, type GatewayWorld, type RawAnswer } from './gateway-fixture.js';
import { FILE, generateScenario, markerForms, namedTo, plant, servedTo, type PlantedDoc, type Scenario } from './leak-scenario.js';

/**
 * The differential leak suite: generated worlds (seed printed), and every gateway and `/api/db`
 * endpoint with its parameter variants asked by every person about every document. What a person
 * may not read is answered byte for byte as an id, or a revision, that never existed, for reads and
 * writes; and no answer to anything carries a marker of a revision they may not be served.
 */
/** Engine, round, documents, people asking (everyone in the directory is in their readers and groups). */
const ROUNDS = [['embedded', 1, 5, 3], ['embedded', 2, 5, 3], ['couchdb', 3, 4, 2]] as const;
const root = seededRandom('gateway leak suite');
const seeds = ROUNDS.map(() => Math.floor(root() * 2 ** 31));

/** Ids that never existed, never reused within a run. */
let fresh = 0;

type Ask = (method: string, path: string, body?: unknown) => Promise<RawAnswer>;
type Probe = readonly [method: string, path: string, body?: unknown];

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));

/** Every read about one document, naming the revisions given. */
function readProbes(id: string, revs: readonly string[]): Probe[] {
  const doc = `/sync/crm/${encodeURIComponent(id)}`;
  return [
    ['GET', doc], ['HEAD', doc],
    ['GET', `${doc}?revs=true&conflicts=true&deleted_conflicts=true&revs_info=true`],
    ['GET', `${doc}?open_revs=all`], ['GET', `${doc}?open_revs=all&revs=true&attachments=true`],
    ['GET', `${doc}?open_revs=${q(revs)}&revs=true&latest=true`],
    ['GET', `${doc}/${encodeURIComponent(FILE)}`], ['HEAD', `${doc}/${encodeURIComponent(FILE)}`],
    ['POST', '/sync/crm/_bulk_get?revs=true&attachments=true', { docs: [{ id }, ...revs.map((rev) => ({ id, rev }))] }],
    ['POST', '/sync/crm/_revs_diff', { [id]: revs }],
    ['GET', `/api/db/crm/docs/${encodeURIComponent(id)}`],
    ...revs.flatMap((rev) => revisionProbes(id, rev)),
  ];
}

/**
 * The reads that name one revision of a document. An ancestor of a leaf the person is served is
 * known to them, as in CouchDB after compaction (without its body): `_revs_diff` does not call it
 * missing and `latest` leads from it to that leaf, so those reads are left out for ancestors.
 */
function revisionProbes(id: string, rev: string, unknown = true): Probe[] {
  const doc = `/sync/crm/${encodeURIComponent(id)}`;
  return [
    ['GET', `${doc}?rev=${rev}&attachments=true&revs=true`], ['HEAD', `${doc}?rev=${rev}`], ['GET', `${doc}?open_revs=${q([rev])}`],
    ['GET', `${doc}/${encodeURIComponent(FILE)}?rev=${rev}`],
    ['POST', '/sync/crm/_bulk_get?revs=true&attachments=true', { docs: [{ id, rev }] }],
    ...(unknown ? [
      ['POST', '/sync/crm/_revs_diff', { [id]: [rev] }],
      ['GET', `${doc}?open_revs=${q([rev])}&latest=true&revs=true&attachments=true`],
      ['POST', '/sync/crm/_bulk_get?revs=true&attachments=true&latest=true', { docs: [{ id, rev }] }],
    ] as Probe[] : []),
  ];
}

/** Every write about one id, as `person` would send it from their workstation. */
function writeProbes(person: string, id: string, winner: string): Probe[] {
  const doc = `/sync/crm/${encodeURIComponent(id)}`;
  const valid = saved(person, { _id: id, form: 'Customer', name: '新客户' });
  const history = (rev: string) => ({ _rev: rev, _revisions: { start: Number(rev.split('-')[0]), ids: [rev.split('-')[1]] } });
  const far = `7-${'ab'.repeat(16)}`;
  return [
    ['PUT', doc, {}], ['PUT', doc, valid], ['PUT', doc, { ...valid, _rev: winner }], ['PUT', doc, { ...valid, _rev: `1-${'0'.repeat(32)}` }],
    ['PUT', doc, { form: 'Customer' }], ['POST', '/sync/crm', valid], ['POST', '/sync/crm', { ...valid, _rev: winner }],
    ['DELETE', `${doc}?rev=${winner}`], ['DELETE', doc],
    ['PUT', `${doc}/${encodeURIComponent(FILE)}?rev=${winner}`, 'x'],
    ['POST', '/sync/crm/_bulk_docs', { docs: [valid] }], ['POST', '/sync/crm/_bulk_docs', { docs: [{ ...valid, _rev: winner }] }],
    ['POST', '/sync/crm/_bulk_docs', { docs: [{ _id: id }] }], ['POST', '/sync/crm/_bulk_docs', { docs: [{ _id: id, _rev: winner, _deleted: true }] }],
    ['POST', '/sync/crm/_bulk_docs', { new_edits: false, docs: [{ ...valid, ...history(far) }] }],
    ['POST', '/sync/crm/_bulk_docs', { new_edits: false, docs: [{ _id: id, ...history(far) }] }],
    ['POST', '/sync/crm/_bulk_docs', { new_edits: false, docs: [{ _id: id, _deleted: true, ...history(far) }] }],
  ];
}

/** The same request about another id or revision (the generated ones are plain ASCII, the same in a URL). */
/** Whether a write would store a document on an id that is free (or deleted) if it passed the checks. */
function creates([method, , body]: Probe): boolean {
  const docs = (body as { docs?: { _rev?: string; _deleted?: boolean }[]; new_edits?: boolean } | undefined)?.docs;
  if (docs) return docs.some((doc) => !doc._deleted && (doc._rev === undefined || (body as { new_edits?: boolean }).new_edits === false));
  return (method === 'PUT' || method === 'POST') && (body as { _rev?: string } | undefined)?._rev === undefined;
}

function swapId(probe: Probe, from: string, to: string): Probe {
  const swap = (text: string) => text.replaceAll(from, to);
  return [probe[0], swap(probe[1]), probe[2] === undefined ? undefined : JSON.parse(swap(JSON.stringify(probe[2])))];
}

/** An answer with its ids, generated revisions and their hashes (`_revisions`) named by role. */
function neutral(answer: RawAnswer, names: Record<string, string>): string {
  let text = answer.text;
  for (const [value, name] of Object.entries(names)) text = text.replaceAll(value, name);
  return `${answer.status} ${answer.type}\n${text.replace(/\b\d+-[0-9a-f]{32}\b/g, 'REV').replace(/"[0-9a-f]{32}"/g, '"HASH"')}`;
}

function scenarioRounds(): void {
  ROUNDS.forEach(([engine, round, docCount, askers], i) => test(`round ${round} in front of the ${engine} store (seed ${seeds[i]})`, async () => {
    const random = mulberry32(seeds[i]!);
    const scenario = generateScenario(random, `r${round}`, docCount);
    const world = await gatewayWorld(scenario.people, Object.fromEntries(Object.entries(scenario.groups).filter(([, members]) => members.length > 0)), engine);
    try {
      await plant(world.running.store, scenario.docs);
      const { rows } = await world.running.store.database('crm').pouch.allDocs({ keys: scenario.docs.map((d) => d.id) });
      const winners = new Map(rows.flatMap((row) => ('error' in row ? [] : [[row.id, row.value.rev] as const])));
      for (const person of [...scenario.people].sort(() => random() - 0.5).slice(0, askers)) await probePerson(world, scenario, person.name, winners, `seed ${seeds[i]}, ${person.name} (${person.level})`);
    } finally {
      await world.close();
    }
  }));
}

async function probePerson(world: GatewayWorld, scenario: Scenario, person: string, winners: ReadonlyMap<string, string>, who: string): Promise<void> {
  const ask: Ask = await rawAsker(world, person);
  const served = new Map(scenario.docs.map((doc) => [doc.id, servedTo(scenario, person, doc, winners.get(doc.id)!)]));
  const named = new Map(scenario.docs.map((doc) => [doc.id, namedTo(doc, served.get(doc.id)!)]));
  // Markers of every revision not served to this person: in no answer at all.
  const secrets = scenario.docs.flatMap((doc) => doc.revisions.filter((r) => !served.get(doc.id)!.includes(r)).flatMap(markerForms));
  // Ids of hidden documents and revisions they may not see named: in no answer to a request that does not name them.
  const unnamed = scenario.docs.flatMap((doc) => [
    ...(served.get(doc.id)!.length === 0 ? [doc.id] : []),
    ...doc.revisions.filter((r) => !named.get(doc.id)!.has(r.rev)).map((r) => r.rev.split('-')[1]!),
  ]);
  const checked = async (probe: Probe): Promise<RawAnswer> => {
    const answer = await ask(...probe);
    const request = `${probe[1]} ${JSON.stringify(probe[2] ?? '')}`;
    const [label, context] = [`${who}: ${probe[0]} ${probe[1]}`, answer.text.slice(0, 400)];
    assert.ok(answer.status < 500, `${label} answered ${answer.status}: ${context}`);
    for (const secret of secrets) assert.ok(!answer.text.includes(secret), `${label} leaked ${secret}: ${context}`);
    for (const hidden of unnamed) assert.ok(request.includes(hidden) || !answer.text.includes(hidden), `${label} named ${hidden}: ${context}`);
    return answer;
  };

  for (const probe of [
    ['GET', '/sync/crm'], ['GET', '/sync/crm/_changes?style=all_docs'], ['GET', '/sync/crm/_changes?conflicts=true&include_docs=true'],
    ['POST', '/sync/crm/_changes?style=all_docs', {}], ['GET', '/sync/crm/_changes?since=now'],
    ['GET', '/sync/crm/_changes?feed=longpoll&timeout=50&style=all_docs'], ['GET', '/api/db/crm/views/customers-by-region?limit=100'],
  ] as Probe[]) await checked(probe);

  // Writes are tried on one live and one deleted hidden document: their answers depend on little else.
  const writtenTo = new Set(['live', 'deleted'].flatMap((kind) => scenario.docs.filter((doc) => served.get(doc.id)!.length === 0
    && doc.revisions.find((r) => r.rev === winners.get(doc.id))!.deleted === (kind === 'deleted')).slice(0, 1)));
  for (const doc of scenario.docs) {
    const revs = doc.revisions.map((r) => r.rev);
    if (served.get(doc.id)!.length === 0) {
      // A hidden document: every read and write answered as about an id that never existed.
      const never = `never-${++fresh}`;
      for (const probe of readProbes(doc.id, revs)) {
        const [asHidden, asNever] = [await checked(probe), await checked(swapId(probe, doc.id, never))];
        assert.equal(neutral(asHidden, { [doc.id]: 'ID' }), neutral(asNever, { [never]: 'ID' }), `${who}: ${probe[0]} ${probe[1]} ${JSON.stringify(probe[2] ?? '')}`);
      }
      // A deleted document may be created again by anyone who may create (with a history of its
      // own, see leak-hidden-writes.test.ts), which changes the world for the other askers: on
      // those, only the writes that do not create.
      const deleted = doc.revisions.find((r) => r.rev === winners.get(doc.id))!.deleted;
      // One free id goes through the same writes, in the same order: what a write to the hidden id
      // created must be remembered as a create on the free id is (a second create refused, and so on).
      const free = `free-${++fresh}`;
      for (const probe of writtenTo.has(doc) ? writeProbes(person, doc.id, winners.get(doc.id)!).filter((p) => !deleted || !creates(p)) : []) {
        const [asHidden, asFree] = [await checked(probe), await checked(swapId(probe, doc.id, free))];
        assert.equal(neutral(asHidden, { [doc.id]: 'ID' }), neutral(asFree, { [free]: 'ID' }), `${who}: ${probe[0]} ${probe[1]} ${JSON.stringify(probe[2] ?? '')}`);
      }
      // And what those writes left is read back alike.
      for (const probe of writtenTo.has(doc) ? readProbes(doc.id, []) : []) {
        const [asHidden, asFree] = [await checked(probe), await checked(swapId(probe, doc.id, free))];
        assert.equal(neutral(asHidden, { [doc.id]: 'ID' }), neutral(asFree, { [free]: 'ID' }), `${who}: after the writes, ${probe[0]} ${probe[1]} ${JSON.stringify(probe[2] ?? '')}`);
      }
    } else {
      // A visible document: a revision not served is answered as a revision that never existed.
      for (const revision of doc.revisions.filter((r) => !served.get(doc.id)!.includes(r))) {
        const fake = `${revision.rev.split('-')[0]}-${'f'.repeat(32)}`;
        for (const probe of revisionProbes(doc.id, revision.rev, !named.get(doc.id)!.has(revision.rev))) {
          const [asHidden, asNever] = [await checked(probe), await checked(swapId(probe, revision.rev, fake))];
          assert.equal(neutral(asHidden, { [revision.rev]: 'THE-REV' }), neutral(asNever, { [fake]: 'THE-REV' }), `${who}: ${doc.id} ${probe[0]} ${probe[1]} ${JSON.stringify(probe[2] ?? '')}`);
        }
        const edit = ['DELETE', `/sync/crm/${doc.id}?rev=${revision.rev}`] as const;
        const [asHidden, asNever] = [await checked(edit), await checked(swapId(edit, revision.rev, fake))];
        assert.equal(neutral(asHidden, { [revision.rev]: 'THE-REV' }), neutral(asNever, { [fake]: 'THE-REV' }), `${who}: ${edit.join(' ')}`);
      }
    }
  }
  await assertUnchanged(world, scenario.docs, winners, who);
}

/** Nothing any person sent changed a document they could not see (writes to visible ones are theirs to make). */
async function assertUnchanged(world: GatewayWorld, docs: readonly PlantedDoc[], winners: ReadonlyMap<string, string>, who: string): Promise<void> {
  const { rows } = await world.running.store.database('crm').pouch.allDocs({ keys: docs.map((d) => d.id) });
  for (const row of rows) {
    if ('error' in row) continue;
    if (row.value.rev !== winners.get(row.id)) assert.fail(`${who}: ${row.id} changed from ${winners.get(row.id)} to ${row.value.rev}`);
  }
}

describe('gateway: generated worlds, every endpoint, nothing a person may not read leaves the server', scenarioRounds);
