import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openView, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const MANAGER = '周总';

describe('the workstation\'s date defaults by the company\'s day', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: MANAGER, roles: ['[Manager]'] }]);
  });
  after(() => world.close());

  test('regression: at 00:31 on Monday in Beijing a new report was dated Sunday and "this week" was last week (the UTC day)', async () => {
    const { page } = await world.workstation({ lang: 'zh' });
    await signIn(page, MANAGER);
    await waitUntilReady(page);
    // Monday 16 March 2026, 00:31 in Beijing; UTC still has Sunday the 15th.
    await page.clock.setFixedTime(new Date('2026-03-15T16:31:00.000Z'));
    await openView(page, 'reports-by-person');
    await page.locator('gx-view-pane button[data-action="new:WorkReport"]').click();
    assert.equal(await page.locator('gx-document-pane gx-field[name="reportDate"] input').inputValue(), '2026-03-16');

    await page.locator('gx-navigator button[data-view="missing-reports"]').click();
    assert.equal(await page.locator('gx-missing-reports-pane input[name="date"]').inputValue(), '2026-03-16');

    // 00:31 on 1 April in Beijing: the expense statistics open on April, not March.
    await page.clock.setFixedTime(new Date('2026-03-31T16:31:00.000Z'));
    await page.locator('gx-navigator button[data-view="expense-statistics"]').click();
    assert.equal(await page.locator('gx-expense-statistics-pane input[name="period"]').inputValue(), '2026-04');
  });
});
