import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { personDocId } from '../../design/access/directory-ids.js';
import { SERVER_USER } from '../../design/user.js';
import { addGroupMembers, markLeft, savePerson, setAclDefault, setAclEntry } from '../../server/directory/directory-edits.js';
import { StoreDirectory } from '../../server/directory/store-directory.js';
import { createLogger } from '../../server/log.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { ENGINES, openTestStore } from '../helpers/test-store.js';

const CTX = { now: '2026-03-01T08:00:00.000Z', user: SERVER_USER };

for (const engine of ENGINES) {
  describe(`StoreDirectory (${engine})`, () => {
    test('loads what names holds at start, then follows its changes', async () => {
      const { store, cleanup } = await openTestStore(engine);
      const names = store.database('names');
      await savePerson(names, '李雷', { roles: ['[Sales]'] }, CTX);
      await setAclEntry(names, 'crm', { name: '李雷', level: 'author' }, CTX);
      const directory = await StoreDirectory.open(store, createLogger('silent'));
      try {
        assert.equal(directory.accessFor('李雷', 'crm').level, 'author');
        assert.deepEqual(directory.userContext('李雷'), { name: '李雷', roles: ['[Sales]'] });
        const epoch = directory.accessEpoch('李雷', 'crm');

        // A group nested in a group that the ACL names: the higher level and the group's roles.
        await addGroupMembers(names, '华东组', ['李雷'], CTX);
        await addGroupMembers(names, '销售部', ['华东组'], CTX);
        await setAclEntry(names, 'crm', { name: '销售部', level: 'editor', roles: ['[Region]'] }, CTX);
        await expectEventually(() => assert.deepEqual(directory.userContext('李雷')?.roles, ['[Sales]', '华东组', '销售部']));
        // Her own entry still wins over her groups'.
        assert.equal(directory.accessFor('李雷', 'crm').level, 'author');
        assert.notEqual(directory.accessEpoch('李雷', 'crm'), epoch, 'her groups are among the names readers may hold');

        const before = directory.accessEpoch('韩梅梅', 'library');
        await savePerson(names, '韩梅梅', {}, CTX);
        await setAclDefault(names, 'library', 'reader', CTX);
        await expectEventually(() => assert.equal(directory.accessFor('韩梅梅', 'library').level, 'reader'));
        assert.notEqual(directory.accessEpoch('韩梅梅', 'library'), before);
        const unchanged = directory.accessEpoch('韩梅梅', 'library');
        await savePerson(names, '韩梅梅', { title: '经理' }, CTX);
        await expectEventually(async () => assert.equal((await names.get(personDocId('韩梅梅'))).title, '经理'));
        assert.equal(directory.accessEpoch('韩梅梅', 'library'), unchanged, 'a title does not change access');
      } finally {
        await directory.close();
        await cleanup();
      }
    });

    test('tells who left or was removed, and they lose all access', async () => {
      const { store, cleanup } = await openTestStore(engine);
      const names = store.database('names');
      const directory = await StoreDirectory.open(store, createLogger('silent'));
      const left: string[] = [];
      directory.onLeave((name) => left.push(name));
      try {
        for (const name of ['李雷', '韩梅梅']) {
          await savePerson(names, name, {}, CTX);
          await setAclEntry(names, 'crm', { name, level: 'editor' }, CTX);
        }
        await expectEventually(() => directory.accessFor('韩梅梅', 'crm').level === 'editor');
        await markLeft(names, '李雷', CTX);
        const doc = await names.get(personDocId('韩梅梅'));
        await names.remove(doc._id, doc._rev, CTX);
        await expectEventually(() => assert.deepEqual(left, ['李雷', '韩梅梅']));
        assert.equal(directory.accessFor('李雷', 'crm').level, 'noAccess');
        assert.equal(directory.userContext('李雷'), undefined);
        assert.equal(directory.person('李雷')?.status, 'left');
        assert.equal(directory.person('韩梅梅'), undefined);
      } finally {
        await directory.close();
        await cleanup();
      }
    });
  });
}
