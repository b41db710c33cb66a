import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setPassword } from '../../server/auth/credentials.js';
import { SessionStore } from '../../server/auth/sessions.js';
import { ENGINES, openTestStore } from '../helpers/test-store.js';

const NOW = Date.parse('2026-03-01T09:00:00.000Z');

// Regression: Apache CouchDB answers a deletion 200, not 201, and ending a session failed there.
for (const engine of ENGINES) describe(`sessions on the ${engine} store`, () => {
  test('signing out ends the session, and a password change ends the other sessions but the one that made it', async () => {
    const { store, cleanup } = await openTestStore(engine);
    try {
      await setPassword(store, '李雷', 'Tea-house 8', NOW);
      const sessions = new SessionStore(store);
      const [office, laptop, phone] = await Promise.all([1, 2, 3].map(() => sessions.start('李雷', NOW)));
      await sessions.end(office!.session);
      assert.equal(await sessions.find(office!.token, NOW), undefined, 'signed out');
      assert.ok(await sessions.find(laptop!.token, NOW), 'the other sessions stay');
      await sessions.endAll('李雷', laptop!.session);
      assert.equal(await sessions.find(phone!.token, NOW), undefined);
      assert.ok(await sessions.find(laptop!.token, NOW), 'the session that changed the password stays');
    } finally {
      await cleanup();
    }
  });
});
