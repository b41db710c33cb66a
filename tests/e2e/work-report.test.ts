import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEED_CTX, seedDirectory } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { savePerson } from '../../server/directory/directory-edits.js';
import { FILER, HEAD, OFFICE_PEOPLE, SALES, seedOffice } from '../office/office-seed.js';
import { openView, PASSWORD, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const LAZY = '李雷';

describe('work reports in Chromium: written from a template, commented by the head, and who has not submitted this week', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld(OFFICE_PEOPLE);
    const { store, directory } = world.running;
    await seedOffice(store, directory);
    await seedDirectory(store, directory, [{ name: LAZY, password: PASSWORD }], { [SALES]: [LAZY] });
    await savePerson(store.database('names'), LAZY, { department: SALES }, SEED_CTX);
    await store.database('office').save({
      _id: 'template-weekly', form: 'ReportTemplate', name: '销售周报', kind: 'weekly',
      sections: [{ heading: '本周拜访客户', text: '' }, { heading: '报价与订单', text: '' }, { heading: '下周计划', text: '' }],
    }, SEED_CTX);
  });
  after(async () => {
    await world.close();
  });

  test('the head sees the one who did not submit, reads the other\'s report and comments on it', async () => {
    const { page: filer } = await world.workstation({ lang: 'zh' });
    await signIn(filer, FILER);
    await waitUntilReady(filer);
    await openView(filer, 'reports-by-person');
    await filer.locator('gx-view-pane button[data-action="new:WorkReport"]').click();
    const pane = filer.locator('gx-document-pane');
    const template = pane.locator('gx-field[name="templateId"] gx-link-picker');
    await template.getByRole('combobox').fill('销售');
    await template.getByRole('option').first().click();
    const texts = pane.locator('gx-field[name="sections"] gx-objects-field tbody tr input[name="text"]');
    await expectEventually(async () => assert.equal(await texts.count(), 3, 'the template\'s sections'), { timeoutMs: 5000 });
    await texts.nth(0).fill('拜访汉堡贸易、宁波宏达');
    await texts.nth(1).fill('DN50 球阀报价 2 份');
    await texts.nth(2).fill('跟进样品');
    await pane.locator('gx-field[name="managers"] input').fill(HEAD);
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();
    const id = await expectEventually(async () => {
      const { rows } = await world.running.store.database('office').pouch.allDocs({ include_docs: true });
      const found = rows.find((row) => (row.doc as { form?: string } | undefined)?.form === 'WorkReport');
      assert.ok(found, 'the report has reached the server');
      return found.id;
    }, { timeoutMs: 15_000 });
    await screenshot(filer, 'zh-work-report');

    const { page: head } = await world.workstation({ lang: 'en' });
    await signIn(head, HEAD);
    await waitUntilReady(head);
    await head.locator('gx-navigator button[data-view="missing-reports"]').click();
    const missing = head.locator('gx-missing-reports-pane');
    await missing.locator(`ul[data-missing] li[data-name="${LAZY}"]`).waitFor({ timeout: 15_000 });
    assert.deepEqual(await missing.locator('ul[data-missing] li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.name)), [LAZY]);
    assert.deepEqual(await missing.locator('ul[data-submitted] li').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.name)), [FILER]);
    assert.match(await missing.locator('h3').first().innerText(), /Not submitted \(1\)/);
    await screenshot(head, 'en-missing-reports');
    await head.locator('gx-workstation select').first().selectOption('zh');
    await missing.locator('h3', { hasText: '未提交（1 人）' }).waitFor();
    await screenshot(head, 'zh-missing-reports');

    await openView(head, 'reports-by-period');
    await expectEventually(async () => assert.equal(await head.locator(`gx-view-pane .row[data-id="${id}"]`).count(), 1), { timeoutMs: 15_000 });
    await head.locator(`gx-view-pane .row[data-id="${id}"]`).click();
    await head.locator('gx-report-comment textarea').fill('样品本周内寄出');
    await head.locator('gx-report-comment button[type="submit"]').click();
    await expectEventually(async () => assert.equal(await head.locator('gx-report-comment [role="alert"]').count(), 0, await head.locator('gx-report-comment').innerText()));
    await expectEventually(async () => assert.match(await head.locator('gx-document-pane gx-field[name="comments"] table').innerText(), new RegExp(`${HEAD}[\\s\\S]*样品本周内寄出`)), { timeoutMs: 10_000 });
    await expectEventually(async () => assert.match(await pane.locator('gx-field[name="comments"] table').innerText(), /样品本周内寄出/), { timeoutMs: 20_000 });
    assert.equal(await pane.locator('gx-report-comment form').count(), 0, 'the writer does not comment on their own report');
    await screenshot(filer, 'zh-work-report-commented');
  });
});
