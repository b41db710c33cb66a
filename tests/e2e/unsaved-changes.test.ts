import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { openRow, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

describe('leaving a document with unsaved changes', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: '王芳', roles: ['[Sales]'], access: { crm: 'editor' } }]);
    await world.running.store.database('crm').save({ _id: 'c-hb', form: 'Customer', name: '汉堡贸易有限公司', category: 'existing' }, SEED_CTX);
  });
  after(() => world.close());

  test('regression: clicking another view while editing asks first — stay keeps the edit, discard drops it, save keeps it', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openRow(page, 'customers-by-category', '汉堡贸易');
    const pane = page.locator('gx-document-pane');
    const editCity = async (text: string) => {
      await pane.locator('button[data-action="edit"]').click();
      await pane.locator('gx-field[name="city"] input').fill(text);
    };
    const leave = () => page.locator('gx-navigator button[data-view="customers-by-name"]').click();
    const question = page.locator('gx-workstation section[data-dialog="unsaved"]');

    await editCity('汉堡');
    await leave();
    await question.waitFor();
    await screenshot(page, 'zh-unsaved-changes');
    await question.locator('button[data-choice="stay"]').click();
    assert.equal(await pane.locator('gx-field[name="city"] input').inputValue(), '汉堡', 'staying keeps what was typed');

    await leave();
    await question.locator('button[data-choice="discard"]').click();
    await page.locator('gx-navigator button.open[data-view="customers-by-name"]').waitFor();
    assert.equal((await world.running.store.database('crm').get('c-hb')).city, undefined, 'discarding saves nothing');

    await openRow(page, 'customers-by-category', '汉堡贸易');
    await editCity('Hamburg');
    await leave();
    await question.locator('button[data-choice="save"]').click();
    await page.locator('gx-navigator button.open[data-view="customers-by-name"]').waitFor();
    await expectEventually(async () => assert.equal((await world.running.store.database('crm').get('c-hb')).city, 'Hamburg'), { timeoutMs: 15_000 });

    // Nothing changed: leaving asks nothing.
    await openRow(page, 'customers-by-category', '汉堡贸易');
    await pane.locator('button[data-action="edit"]').click();
    await leave();
    await page.locator('gx-navigator button.open[data-view="customers-by-name"]').waitFor();
    assert.equal(await question.count(), 0);
    assertNoCspViolations();
  });
});
