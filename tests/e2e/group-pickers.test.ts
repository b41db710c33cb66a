import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { visibleGeneratedIds } from './visible-ids.js';
import { fill, openView, save, screenshot, signIn, visibleRows, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

describe('customer groups in Chromium: a by-group view, and a batch fax that picks its groups', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: '王芳', access: { crm: 'editor' } }]);
    await world.running.store.database('crm').saveMany([
      { _id: 'c-sh', form: 'Customer', name: '上海永新', category: 'existing', fax: '+86 21 5555 0001', groups: ['广交会客户', '华东老客户'] },
      { _id: 'c-nb', form: 'Customer', name: '宁波海达', category: 'existing', fax: '0574-8888 0002', groups: ['广交会客户'] },
    ], SEED_CTX);
  });
  after(() => world.close());

  test('regression: a batch fax wanted customer ids typed by hand; its groups are offered from those in use, and no id is shown', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openView(page, 'customers-by-group');
    await expectEventually(async () => assert.deepEqual(
      (await visibleRows(page)).filter((row) => row.category !== undefined).map((row) => row.text.replace(/^[▾▸►▼]\s*/, '').replace(/(\(\d+\)).*$/, '$1')),
      ['广交会客户(2)', '华东老客户(1)'],
    ), { timeoutMs: 15_000 });

    await openView(page, 'fax-batches-queued');
    await page.locator('gx-view-pane gx-action-bar button.primary').first().click();
    const pane = page.locator('gx-document-pane');
    assert.equal(await pane.locator('gx-field[name="customerIds"]').count(), 0, 'no field for ids');
    await fill(page, { subject: '展会邀请', body: '欢迎参观我们的展位。' });
    const groups = pane.locator('gx-field[name="groups"] input');
    await groups.fill('广');
    const offered = () => pane.locator('gx-field[name="groups"] datalist option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    await expectEventually(async () => assert.deepEqual((await offered()).sort(), ['华东老客户', '广交会客户'].sort()));
    await groups.fill('广交会客户');
    await save(page);
    await screenshot(page, 'zh-fax-batch-groups');
    const stored = await expectEventually(async () => {
      const { rows } = await world.running.store.database('crm').pouch.allDocs({ include_docs: true });
      const batch = rows.map((row) => row.doc as Record<string, unknown>).find((doc) => doc.form === 'FaxBatch');
      assert.ok(batch, 'the batch fax reached the server');
      return batch;
    }, { timeoutMs: 15_000 });
    assert.deepEqual([stored.groups, stored.customerIds], [['广交会客户'], undefined]);
    assert.deepEqual(await visibleGeneratedIds(page), []);
    assertNoCspViolations();
  });
});
