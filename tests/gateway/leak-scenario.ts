import { createHash } from 'node:crypto';
import type { AccessLevel } from '../../design/access/acl.js';
import type { Store } from '../../server/store/store.js';
import type { PersonSeed } from '../helpers/directory-seed.js';
import { pick } from '../helpers/random.js';

/**
 * Generated worlds for the differential leak suite: people with ACL levels, groups and roles, and
 * documents whose revision trees change readers both ways, fork into conflicts whose branches have
 * different readers, end in deletions and carry files. Every revision body and file holds a marker
 * of its own, so that an answer can be searched for what it must not contain.
 */

export const FILE = '合同.txt';
const LEVELS: readonly AccessLevel[] = ['depositor', 'reader', 'author', 'editor'];
const ROLES = ['[Sales]', '[Support]'];
const GROUPS = ['华东团队', 'Key Accounts'];
const PEOPLE = ['Alice', '王芳', 'Bob', '李雷', 'Carol'];

export interface Revision {
  readonly rev: string;
  readonly parent: string | undefined;
  readonly deleted: boolean;
  readonly readers: readonly string[];
  readonly authors: readonly string[];
  /** In the body (`name`), and, with `file`, the content of its file. */
  readonly marker: string;
  readonly file: boolean;
}

export interface PlantedDoc {
  readonly id: string;
  readonly revisions: readonly Revision[];
}

export interface Scenario {
  readonly people: readonly (Omit<PersonSeed, 'password'> & { readonly level: AccessLevel })[];
  readonly groups: Record<string, string[]>;
  readonly docs: readonly PlantedDoc[];
}

export function generateScenario(random: () => number, label: string, docCount = 6): Scenario {
  const people = PEOPLE.map((name) => {
    const level = pick(random, LEVELS);
    return { name, level, access: { crm: level }, roles: ROLES.filter(() => random() < 0.3) };
  });
  const groups = Object.fromEntries(GROUPS.map((group) => [group, PEOPLE.filter(() => random() < 0.4)]));
  const names = [...PEOPLE, ...GROUPS, ...ROLES];
  const someNames = (): string[] => (random() < 0.4 ? [] : [...new Set([pick(random, names), ...(random() < 0.4 ? [pick(random, names)] : [])])]);
  const docs = Array.from({ length: docCount }, (_, d) => {
    const id = `${label}-doc-${String(d).padStart(2, '0')}`;
    const revisions: Revision[] = [];
    const grow = (branch: string, from: Revision | undefined, length: number, endsDeleted: boolean) => {
      let parent = from;
      for (let i = 0; i < length; i++) {
        const generation = (parent ? Number(parent.rev.split('-')[0]) : 0) + 1;
        const deleted = endsDeleted && i === length - 1;
        const revision: Revision = {
          rev: `${generation}-${createHash('md5').update(`${id}/${branch}/${generation}/${random()}`).digest('hex')}`,
          parent: parent?.rev,
          deleted,
          readers: deleted ? [] : someNames(),
          authors: deleted || random() < 0.6 ? [] : someNames(),
          marker: `SECRET${Math.floor(random() * 1e12).toString(36)}`,
          file: !deleted && random() < 0.35,
        };
        revisions.push(revision);
        parent = revision;
      }
    };
    const mainLength = 1 + Math.floor(random() * 3);
    grow('main', undefined, mainLength, random() < 0.2);
    if (mainLength >= 2 && random() < 0.5) grow('conflict', revisions[0], 1 + Math.floor(random() * 2), random() < 0.2);
    return { id, revisions };
  });
  return { people, groups, docs };
}

/** Stores every revision as a replica would have sent it, so that older bodies stay in the store. */
export async function plant(store: Store, docs: readonly PlantedDoc[]): Promise<void> {
  const crm = store.database('crm').pouch as unknown as PouchDB.Database;
  for (const doc of docs) {
    for (const revision of doc.revisions) {
      await crm.bulkDocs([bodyOf(doc, revision)], { new_edits: false });
    }
  }
}

function bodyOf(doc: PlantedDoc, revision: Revision): PouchDB.Core.PutDocument<object> {
  const ids: string[] = [];
  for (let at: Revision | undefined = revision; at; at = doc.revisions.find((r) => r.rev === at!.parent)) ids.push(at.rev.split('-')[1]!);
  const history = { _id: doc.id, _rev: revision.rev, _revisions: { start: Number(revision.rev.split('-')[0]), ids } };
  if (revision.deleted) return { ...history, _deleted: true };
  return {
    ...history,
    form: 'Customer',
    name: revision.marker,
    createdBy: 'Alice',
    ...(revision.readers.length > 0 ? { readers: [...revision.readers] } : {}),
    ...(revision.authors.length > 0 ? { authors: [...revision.authors] } : {}),
    ...(revision.file ? { _attachments: { [FILE]: { content_type: 'text/plain', data: Buffer.from(`${revision.marker}-FILE`).toString('base64') } } } : {}),
  } as PouchDB.Core.PutDocument<object>;
}

/** Everything a revision's marker can look like in an answer: in its body, its file, and its file base64-encoded. */
export function markerForms(revision: Revision): string[] {
  return revision.file ? [revision.marker, Buffer.from(`${revision.marker}-FILE`).toString('base64')] : [revision.marker];
}

export function leaves(doc: PlantedDoc): Revision[] {
  return doc.revisions.filter((r) => !doc.revisions.some((child) => child.parent === r.rev));
}

/** The access rule, written apart from the server's: Notes readers and authors, by name, group or role. */
export function mayRead(scenario: Scenario, person: string, revision: Revision): boolean {
  const who = scenario.people.find((p) => p.name === person)!;
  if (who.level === 'depositor') return false;
  if (revision.readers.length === 0) return true;
  const names = new Set([person, ...(who.roles ?? []), ...Object.keys(scenario.groups).filter((g) => scenario.groups[g]!.includes(person))]);
  return [...revision.readers, ...revision.authors].some((name) => names.has(name));
}

/** The revisions the person may be served, by the one rule: leaves they may read, of a document whose winner they may read. */
export function servedTo(scenario: Scenario, person: string, doc: PlantedDoc, winner: string): Revision[] {
  const win = doc.revisions.find((r) => r.rev === winner)!;
  if (win.deleted || !mayRead(scenario, person, win)) return [];
  return leaves(doc).filter((leaf) => leaf.deleted || mayRead(scenario, person, leaf));
}

/** Revisions a person may see named (served leaves and their ancestors). */
export function namedTo(doc: PlantedDoc, served: readonly Revision[]): Set<string> {
  const named = new Set<string>();
  for (const leaf of served) {
    for (let at: Revision | undefined = leaf; at; at = doc.revisions.find((r) => r.rev === at!.parent)) named.add(at.rev);
  }
  return named;
}
