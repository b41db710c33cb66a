import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectEventually } from '../helpers/expect-eventually.js';
import { openView, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

describe('the view and document panes share the window as the person drags the bar between them', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: '王芳', access: { crm: 'editor' } }]);
  });
  after(async () => {
    await world.close();
  });

  test('the view pane was fixed at about 280 px: dragged to 70 % it stays so after a reload, and the arrow keys move it too', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'en' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openView(page, 'customers-by-name');
    const viewPane = page.locator('gx-view-pane');
    const main = page.locator('gx-workstation main');
    const splitter = page.locator('gx-pane-splitter');
    const before = (await viewPane.boundingBox())!.height;
    const area = (await main.boundingBox())!;
    const bar = (await splitter.boundingBox())!;
    await page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
    await page.mouse.down();
    await page.mouse.move(bar.x + bar.width / 2, area.y + area.height * 0.7, { steps: 5 });
    await page.mouse.up();
    const dragged = await expectEventually(async () => {
      const height = (await viewPane.boundingBox())!.height;
      assert.ok(height > before + 100, `${height} px after the drag, ${before} before`);
      return height;
    });
    assert.ok(Math.abs(dragged - area.height * 0.7) < 20, `about 70 % of ${area.height} px: ${dragged}`);
    await screenshot(page, 'en-panes-resized');

    await page.reload();
    await waitUntilReady(page);
    await expectEventually(async () => {
      const height = (await viewPane.boundingBox())?.height;
      assert.ok(height !== undefined && Math.abs(height - dragged) < 5, `remembered: ${height} px, ${dragged} px before the reload`);
    });

    await splitter.focus();
    await page.keyboard.press('ArrowUp');
    await expectEventually(async () => assert.ok((await viewPane.boundingBox())!.height < dragged - 10, 'the view pane follows the splitter'));
    assertNoCspViolations();
  });
});
