import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES } from '../helpers/test-store.js';
import { gatewayWorld, type GatewayWorld } from './gateway-fixture.js';

// Apache CouchDB does not check the revision of a `_local` document: the gateway kept each user's
// `_local` documents (checkpoints, read marks) as `_local` documents of the store, so two
// workstations merging their read marks overwrote each other instead of being told of a conflict.
for (const engine of ENGINES) describe(`a user's _local documents through the gateway, in front of the ${engine} store`, () => {
  let world: GatewayWorld;
  before(async () => {
    world = await gatewayWorld([{ name: '王芳', access: { discussion: 'reader' } }, { name: '李雷', access: { discussion: 'reader' } }], {}, engine);
  });
  after(async () => {
    await world.close();
  });

  async function ask(name: string, method: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const { cookie, csrf } = await world.signIn(name);
    const response = await fetch(`${world.running.url}/sync/discussion/_local/guanxi-read-marks`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  test('a write over a revision that is no longer the latest is refused as a conflict, and nothing is lost', async () => {
    const first = await ask('王芳', 'PUT', { ids: ['topic-1'] });
    assert.equal(first.body.ok, true);
    const second = await ask('王芳', 'PUT', { ids: ['topic-1', 'topic-2'], _rev: first.body.rev });
    assert.equal(second.body.ok, true);
    // A second workstation that read the first revision, and one that read none.
    assert.equal((await ask('王芳', 'PUT', { ids: ['topic-1', 'topic-3'], _rev: first.body.rev })).status, 409);
    assert.equal((await ask('王芳', 'PUT', { ids: ['topic-4'] })).status, 409);
    const stored = await ask('王芳', 'GET');
    assert.deepEqual([stored.status, stored.body.ids, stored.body._rev, stored.body._id], [200, ['topic-1', 'topic-2'], second.body.rev, '_local/guanxi-read-marks']);
    assert.equal((await ask('李雷', 'GET')).status, 404, 'another user has marks of their own');
  });
});
