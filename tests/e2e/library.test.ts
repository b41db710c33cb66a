import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { openView, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

describe('knowledge library in Chromium', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: '法务王', roles: ['[Legal]'], access: { library: 'editor' } }]);
    const library = world.running.store.database('library');
    const doc = await library.save({ _id: 'std-1', form: 'StandardDocument', title: '合同范本', category: ['合同'], readers: ['[Legal]'] }, SEED_CTX);
    await library.pouch.putAttachment(doc._id, '合同范本.txt', doc._rev, Buffer.from('第一条 ……', 'utf8'), 'text/plain');
  });
  after(async () => {
    await world.close();
  });

  test('editing a standard document in the workstation keeps its files', async () => {
    const { page } = await world.workstation({ lang: 'zh' });
    await signIn(page, '法务王');
    await waitUntilReady(page);
    await openView(page, 'standard-documents-by-category');
    await page.locator('gx-view-pane .row[data-id="std-1"]').click();
    const pane = page.locator('gx-document-pane');
    await pane.locator('button[data-action="edit"]').click();
    await pane.locator('gx-field[name="title"] input').fill('合同范本（2027 版）');
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();

    const library = world.running.store.database('library');
    await expectEventually(async () => assert.equal((await library.get('std-1')).title, '合同范本（2027 版）'), { timeoutMs: 15_000 });
    const file = await library.pouch.getAttachment('std-1', '合同范本.txt');
    assert.equal(Buffer.from(file as Buffer).toString('utf8'), '第一条 ……');
  });
});
