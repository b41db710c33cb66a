import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { groupsOf, resolveAccess, type AccessLevel, type Acl, type AclEntry, type Group, type Person } from '../../design/access/acl.js';
import { canCreate, canDelete, canEdit, canRead, decideWrite } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';

const people = new Map<string, Person>([
  ['Ann', { name: 'Ann', roles: ['[Boss]'], status: 'active' }],
  ['Bob', { name: 'Bob', status: 'active' }],
  ['Cat', { name: 'Cat', roles: ['[Export]'], status: 'active' }],
  ['Dan', { name: 'Dan', status: 'left' }],
  ['Eve', { name: 'Eve', status: 'active' }],
]);

/** Cat is in Asia Team, which is in Sales Team; Loop A and Loop B include each other. */
const groups = new Map<string, Group>([
  ['Sales Team', { name: 'Sales Team', members: ['Bob', 'Asia Team'] }],
  ['Asia Team', { name: 'Asia Team', members: ['Cat'] }],
  ['Managers', { name: 'Managers', members: ['Ann'] }],
  ['Loop A', { name: 'Loop A', members: ['Loop B', 'Eve'] }],
  ['Loop B', { name: 'Loop B', members: ['Loop A'] }],
]);

function acl(entries: AclEntry[], defaultLevel: AccessLevel = 'reader'): Acl {
  return { db: 'crm', defaultEntry: { name: '-Default-', level: defaultLevel }, entries };
}

describe('resolveAccess', () => {
  test("a person's own entry wins over their groups' entries, even a higher one", () => {
    const access = resolveAccess('Ann', people, groups, acl([{ name: 'Ann', level: 'reader' }, { name: 'Managers', level: 'manager' }]));
    assert.equal(access.level, 'reader');
  });

  test('without an own entry, the highest level of every group that includes them, nested groups too, with all their roles', () => {
    const access = resolveAccess('Cat', people, groups, acl([
      { name: 'Asia Team', level: 'depositor', roles: ['[Asia]'] },
      { name: 'Sales Team', level: 'author', roles: ['[Sales]'] },
    ]));
    assert.equal(access.level, 'author');
    assert.deepEqual(access.roles, ['[Asia]', '[Export]', '[Sales]']);
    assert.deepEqual([...access.names].sort(), ['Asia Team', 'Cat', 'Sales Team', '[Asia]', '[Export]', '[Sales]']);
  });

  test('without an entry of their own or of a group, the default entry', () => {
    assert.equal(resolveAccess('Eve', people, groups, acl([{ name: 'Sales Team', level: 'editor' }], 'author')).level, 'author');
  });

  test('nobody has access when they left, are not in the directory, or the database has no ACL', () => {
    const list = acl([{ name: 'Dan', level: 'manager' }, { name: 'Zed', level: 'manager' }], 'editor');
    for (const name of ['Dan', 'Zed']) assert.equal(resolveAccess(name, people, groups, list).level, 'noAccess', name);
    assert.equal(resolveAccess('Ann', people, groups, undefined).level, 'noAccess');
  });

  test('groups that include each other end the search', () => {
    assert.deepEqual([...groupsOf('Eve', groups)].sort(), ['Loop A', 'Loop B']);
  });

  test('"create" and "delete documents": Editors always may; Authors and Depositors unless their entry says no', () => {
    const cases: [AclEntry, boolean, boolean][] = [
      [{ name: 'Bob', level: 'reader' }, false, false],
      [{ name: 'Bob', level: 'depositor' }, true, false],
      [{ name: 'Bob', level: 'depositor', canCreate: false }, false, false],
      [{ name: 'Bob', level: 'author' }, true, true],
      [{ name: 'Bob', level: 'author', canCreate: false, canDelete: false }, false, false],
      [{ name: 'Bob', level: 'editor', canCreate: false, canDelete: false }, true, true],
    ];
    for (const [entry, create, remove] of cases) {
      const access = resolveAccess('Bob', people, groups, acl([entry]));
      assert.equal(access.canCreate, create, JSON.stringify(entry));
      assert.equal(access.canDelete, remove, JSON.stringify(entry));
    }
  });
});

const LEVELS: readonly AccessLevel[] = ['noAccess', 'depositor', 'reader', 'author', 'editor', 'designer', 'manager'];

/** Ann (role [Boss], in group Managers) with her own entry at `level`. */
function ann(level: AccessLevel, entry: Partial<AclEntry> = {}) {
  return resolveAccess('Ann', people, groups, acl([{ name: 'Ann', level, ...entry }], 'noAccess'));
}

/**
 * One letter per level, noAccess to manager: `-` neither read nor edit, `r` read, `e` read and
 * edit. Reader names bind every level, managers too; author names also read.
 */
const TABLE: readonly [string, Doc, string][] = [
  ['no reader or author names', {}, '--rreee'],
  ['authors name her', { authors: ['Ann'] }, '--reeee'],
  ['authors name her group', { authors: ['Managers'] }, '--reeee'],
  ['authors name her role', { authors: ['[Boss]'] }, '--reeee'],
  ['authors name someone else', { authors: ['Zed'] }, '--rreee'],
  ['readers name her', { readers: ['Ann'] }, '--rreee'],
  ['readers name her group', { readers: ['Managers'] }, '--rreee'],
  ['readers name her role', { readers: ['[Boss]'] }, '--rreee'],
  ['readers name someone else', { readers: ['Zed'] }, '-------'],
  ['readers and authors name someone else', { readers: ['Zed'], authors: ['Zed'] }, '-------'],
  ['readers name someone else, authors name her', { readers: ['Zed'], authors: ['Ann'] }, '--reeee'],
  ['a Person document (Editors only) that names her as author', { form: 'Person', authors: ['Ann'] }, '--rreee'],
  ['an ACL document (Managers only)', { form: 'ACL' }, '--rrrre'],
];

describe('canRead and canEdit, by level × readers × authors × roles × groups', () => {
  for (const [what, doc, expected] of TABLE) {
    test(what, () => {
      const got = LEVELS.map((level) => {
        const access = ann(level);
        return canEdit(access, doc) ? 'e' : canRead(access, doc) ? 'r' : '-';
      }).join('');
      assert.equal(got, expected);
    });
  }
});

describe('decideWrite', () => {
  const allowed = { allowed: true };
  const mine: Doc = { _id: 'a', form: 'Customer', authors: ['Ann'] };
  const theirs: Doc = { _id: 'b', form: 'Customer', authors: ['Zed'] };

  test('a Depositor may create documents but not read them', () => {
    const access = ann('depositor');
    assert.equal(canCreate(access), true);
    assert.deepEqual(decideWrite(access, null, { form: 'Customer' }), allowed);
    assert.equal(canRead(access, { form: 'Customer' }), false);
  });

  test('creating: refused below Depositor, and when the entry may not create', () => {
    assert.equal(decideWrite(ann('noAccess'), null, { form: 'Customer' }).allowed, false);
    assert.equal(decideWrite(ann('author', { canCreate: false }), null, { form: 'Customer' }).allowed, false);
    // A deleted document counts as none: writing it again is creating.
    assert.deepEqual(decideWrite(ann('author'), { _id: 'a', _deleted: true }, { form: 'Customer' }), allowed);
    assert.deepEqual(decideWrite(ann('noAccess'), null, { _id: 'a', _deleted: true }), allowed);
  });

  test("creating the directory's documents takes the form's level, not only the ACL's create right", () => {
    assert.match(String((decideWrite(ann('author'), null, { form: 'Person' }) as { reason?: string }).reason), /may not create Person/);
    assert.deepEqual(decideWrite(ann('editor'), null, { form: 'Person' }), allowed);
    assert.equal(decideWrite(ann('designer'), null, { form: 'ACL' }).allowed, false);
    assert.deepEqual(decideWrite(ann('manager'), null, { form: 'ACL' }), allowed);
  });

  test('editing: Authors only what names them, Editors what they can read; nobody turns a document into a form above them', () => {
    assert.deepEqual(decideWrite(ann('author'), mine, { ...mine, name: 'x' }), allowed);
    assert.equal(decideWrite(ann('author'), theirs, { ...theirs, name: 'x' }).allowed, false);
    assert.deepEqual(decideWrite(ann('editor'), theirs, { ...theirs, name: 'x' }), allowed);
    assert.equal(decideWrite(ann('manager'), { ...theirs, readers: ['Zed'] }, { ...theirs, name: 'x' }).allowed, false);
    assert.equal(decideWrite(ann('author'), mine, { ...mine, form: 'Person' }).allowed, false);
  });

  test('deleting: what they may edit, when their entry may delete', () => {
    assert.equal(canDelete(ann('author'), mine), true);
    assert.deepEqual(decideWrite(ann('author'), mine, { _id: 'a', _deleted: true }), allowed);
    assert.equal(decideWrite(ann('author', { canDelete: false }), mine, { _id: 'a', _deleted: true }).allowed, false);
    assert.equal(decideWrite(ann('author'), theirs, { _id: 'b', _deleted: true }).allowed, false);
    assert.equal(decideWrite(ann('depositor'), mine, { _id: 'a', _deleted: true }).allowed, false);
  });
});
