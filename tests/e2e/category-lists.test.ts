import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { openView, save, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

describe('categories chosen from a list in Chromium: a Q&A\'s category offers those in use', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: '王芳', access: { library: 'editor' } }]);
    await world.running.store.database('library').saveMany([
      { _id: 'qa-1', form: 'QA', question: '水泵保修期多长？', answer: '十八个月。', category: ['保修'] },
      { _id: 'qa-2', form: 'QA', question: '交货期多久？', answer: '三十天。', category: ['交货', '物流'] },
    ], SEED_CTX);
  });
  after(async () => {
    await world.close();
  });

  test('Q&A categories were free text: the ones in use are offered, after a first one too', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openView(page, 'qa-by-category');
    await page.locator('gx-view-pane gx-action-bar button.primary').first().click();
    const pane = page.locator('gx-document-pane');
    await pane.locator('gx-field[name="question"] input').fill('阀门能做 CE 认证吗？');
    await pane.locator('gx-field[name="answer"] textarea').fill('可以，附证书。');
    const input = pane.locator('gx-field[name="category"] input');
    const offered = () => pane.locator('gx-field[name="category"] datalist option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    await input.fill('保');
    await expectEventually(async () => assert.deepEqual((await offered()).sort(), ['交货', '保修', '物流'].sort()));
    await input.fill('保修，');
    await expectEventually(async () => assert.ok((await offered()).includes('保修， 物流'), 'the next entry is offered after the first'));
    await input.fill('保修，物流');
    await save(page);
    await screenshot(page, 'zh-qa-category-offered');
    const stored = await expectEventually(async () => {
      const { rows } = await world.running.store.database('library').pouch.allDocs({ include_docs: true });
      const found = rows.map((row) => row.doc as Record<string, unknown>).find((doc) => doc.question === '阀门能做 CE 认证吗？');
      assert.ok(found, 'the document reached the server');
      return found;
    }, { timeoutMs: 15_000 });
    assert.deepEqual(stored.category, ['保修', '物流']);
    assertNoCspViolations();
  });
});
