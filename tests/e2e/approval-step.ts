import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectEventually } from '../helpers/expect-eventually.js';

/** Takes an approval step in its dialog, with a comment, and waits until the server's change has come back. */
export async function approvalStep(page: Page, action: string, note: string, status: RegExp): Promise<void> {
  await page.locator(`gx-approval-steps button[data-step="${action}"]`).click();
  const dialog = page.locator(`gx-approval-steps form[data-dialog="${action}"]`);
  await dialog.locator('textarea').fill(note);
  await dialog.locator('button[type="submit"]').click();
  await expectEventually(async () => {
    const refused = page.locator('gx-approval-steps .error');
    assert.equal(await refused.count(), 0, await refused.count() > 0 ? await refused.innerText() : '');
    assert.match(await page.locator('gx-document-pane gx-field[name="approvalStatus"] .value').innerText(), status);
  }, { timeoutMs: 15_000 });
}
