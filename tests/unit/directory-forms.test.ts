import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aclDocId, groupDocId, personDocId } from '../../design/access/directory-ids.js';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { SERVER_USER } from '../../design/user.js';
import { validate } from '../../design/validate.js';

const CTX = { now: '2026-03-01T08:00:00.000Z', user: SERVER_USER };

/** The errors a new document gets on save, as `field: English message`. */
function errorsOf(doc: Doc): string[] {
  return validate(prepareForSave(doc, null, CTX), null, SERVER_USER).map((e) => `${e.field}: ${e.message.en}`);
}

describe('Person', () => {
  test('the id is person- and the hex of the name in UTF-8; status defaults to active; pinyin kept for search', () => {
    assert.equal(personDocId('张三'), 'person-e5bca0e4b889');
    const saved = prepareForSave({ _id: personDocId('张三'), form: 'Person', name: '张三', roles: ['[Sales]'] }, null, CTX);
    assert.deepEqual(validate(saved, null, SERVER_USER), []);
    assert.equal(saved.status, 'active');
    assert.deepEqual(saved.$initials, { name: 'zs' });
  });

  test('another id is refused: one document per name, and a name cannot change', () => {
    assert.deepEqual(errorsOf({ _id: 'p1', form: 'Person', name: '张三' }), ['_id: The document id must be person-e5bca0e4b889 (a name cannot be changed)']);
    assert.deepEqual(errorsOf({ _id: personDocId('张三'), form: 'Person', name: '李四' }).map((e) => e.split(':')[0]), ['_id']);
  });

  test('roles look like [Something]', () => {
    for (const role of ['Sales', '[Sales', '[]', '[[x]]', '[ Sales]']) {
      assert.match(errorsOf({ _id: personDocId('a'), form: 'Person', name: 'a', roles: [role] }).join(), /Roles are written \[Role\]/, role);
    }
  });

  test('a name may not look like a role or the default entry, have spaces around it, or make too long an id', () => {
    const refused = (name: string) => errorsOf({ _id: personDocId(name), form: 'Person', name });
    assert.match(refused('[Sales]').join(), /is a role/);
    assert.match(refused('-Default-').join(), /reserved/);
    assert.match(refused(' Li Lei').join(), /spaces/);
    // 32 CJK characters are 96 bytes, the most that fits in an id of 200 characters.
    assert.deepEqual(refused('张'.repeat(32)), []);
    assert.deepEqual(refused('张'.repeat(33)), ['name: The name is too long']);
  });

  test('status is active or left', () => {
    assert.match(errorsOf({ _id: personDocId('a'), form: 'Person', name: 'a', status: 'gone' }).join(), /not one of the choices/);
  });
});

describe('Group', () => {
  test('the id is group- and the hex of the name; members are names', () => {
    assert.deepEqual(errorsOf({ _id: groupDocId('销售部'), form: 'Group', name: '销售部', members: ['张三', 'Asia Team'] }), []);
    assert.deepEqual(errorsOf({ _id: personDocId('销售部'), form: 'Group', name: '销售部' }).map((e) => e.split(':')[0]), ['_id']);
    assert.match(errorsOf({ _id: groupDocId('x'), form: 'Group', name: 'x', members: 'Li Lei' }).join(), /list of texts/);
  });
});

describe('ACL', () => {
  const acl = (fields: Doc): Doc => ({ _id: aclDocId('crm'), form: 'ACL', db: 'crm', ...fields });

  test('one per database: its id must be acl-<db>', () => {
    assert.deepEqual(errorsOf(acl({ entries: [{ name: 'Sales Team', level: 'author', roles: ['[Sales]'], canCreate: true, canDelete: false }] })), []);
    assert.deepEqual(errorsOf({ ...acl({}), _id: 'acl-crm-2' }), ['_id: The ACL of crm must be the document acl-crm']);
    assert.deepEqual(errorsOf({ ...acl({}), db: 'library' }), ['_id: The ACL of library must be the document acl-library']);
    assert.match(errorsOf({ ...acl({}), db: 'nosuch' }).join(), /not one of the choices/);
  });

  test('the default level defaults to No Access and must be a level', () => {
    assert.equal(prepareForSave(acl({}), null, CTX).defaultLevel, 'noAccess');
    assert.match(errorsOf(acl({ defaultLevel: 'owner' })).join(), /not one of the choices/);
  });

  test('entries: a list of objects of the right shape, one per name', () => {
    assert.match(errorsOf(acl({ entries: ['Li Lei'] })).join(), /list of objects/);
    const cases: [unknown, RegExp][] = [
      [{ name: 'a', level: 'reader', colour: 'red' }, /Entry 1: unknown item colour/],
      [{ level: 'reader' }, /Entry 1: the name must be non-empty/],
      [{ name: ' a', level: 'reader' }, /Entry 1: the name must be non-empty/],
      [{ name: '-Default-', level: 'reader' }, /Entry 1: the default entry is set by the default access/],
      [{ name: 'a', level: 'owner' }, /Entry 1: unknown access level "owner"/],
      [{ name: 'a', level: 'author', canCreate: 'yes' }, /Entry 1: canCreate and canDelete must be true or false/],
      [{ name: 'a', level: 'author', roles: ['Sales'] }, /Entry 1: Roles are written \[Role\]/],
      [{ name: 'a', level: 'author', roles: '[Sales]' }, /Entry 1: Roles are written \[Role\]/],
    ];
    for (const [entry, pattern] of cases) assert.match(errorsOf(acl({ entries: [entry] })).join(), pattern, JSON.stringify(entry));
    assert.deepEqual(errorsOf(acl({ entries: [{ name: 'a', level: 'reader' }, { name: 'a', level: 'editor' }] })), ['entries: Entry 2: a already has an entry']);
  });
});
