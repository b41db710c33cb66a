import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SERVER_USER } from '../../design/user.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { fill, openRow, openView, save, screenshot, signIn, visibleRows, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const CTX = { user: SERVER_USER, now: '2026-03-01T08:00:00.000Z' };

/** The view pane's category headings in order, as title(count): `▾德国(3) 0` is 德国(3). */
async function categories(page: Page): Promise<string[]> {
  return (await visibleRows(page)).filter((row) => row.category !== undefined).map((row) => row.text.replace(/^[▾▸►▼]\s*/, '').replace(/(\(\d+\)).*$/, '$1'));
}

describe('reference data in Chromium: one category per country, named in the person\'s language', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: '王芳', access: { crm: 'editor' } }]);
    // Three people wrote Germany three ways; a Chinese customer's province and industry by their Chinese names.
    await world.running.store.database('crm').saveMany([
      { _id: 'c-de-1', form: 'Customer', name: '汉堡北方阀门有限公司', category: 'existing', region: '欧洲', country: '德国', industry: '水处理', owner: ['王芳'] },
      { _id: 'c-de-2', form: 'Customer', name: 'Elbe Armaturen GmbH', category: 'existing', region: '欧洲', country: 'Germany', industry: 'Water treatment', owner: ['王芳'] },
      { _id: 'c-de-3', form: 'Customer', name: 'Rhein Pumpen AG', category: 'existing', region: '欧洲', country: 'DE', source: 'Trade fair', owner: ['王芳'] },
      { _id: 'c-cn-1', form: 'Customer', name: '宁波宏达贸易有限公司', category: 'existing', region: '华东', country: '中国', province: '浙江省', industry: '五金', owner: ['王芳'] },
    ], CTX);
  });
  after(async () => {
    await world.close();
  });

  test('德国, Germany and DE were three categories: one, 德国 in Chinese and Germany in English; a country typed in English is stored as its code', async () => {
    const zh = await world.workstation({ lang: 'zh' });
    await signIn(zh.page, '王芳');
    await waitUntilReady(zh.page);
    await openView(zh.page, 'customers-by-region');
    await expectEventually(async () => assert.deepEqual(await categories(zh.page), ['华东(1)', '中国(1)', '欧洲(3)', '德国(3)']), { timeoutMs: 15_000 });
    await screenshot(zh.page, 'zh-customers-by-country');
    await zh.context.close();

    const en = await world.workstation({ lang: 'en' });
    await signIn(en.page, '王芳');
    await waitUntilReady(en.page);
    await openView(en.page, 'customers-by-region');
    // Regions were free text, shown in Chinese in the English interface: now named in English too.
    await expectEventually(async () => assert.deepEqual(await categories(en.page), ['East China(1)', 'China(1)', 'Europe(3)', 'Germany(3)']), { timeoutMs: 15_000 });
    await openView(en.page, 'customers-by-industry');
    await expectEventually(async () => assert.deepEqual(await categories(en.page), ['—(1)', 'Hardware(1)', 'Water treatment(2)']), { timeoutMs: 15_000 });

    await openRow(en.page, 'customers-by-name', '宁波宏达贸易有限公司');
    const pane = en.page.locator('gx-document-pane');
    assert.equal(await pane.locator('gx-field[name="country"] .value').innerText(), 'China');
    assert.equal(await pane.locator('gx-field[name="province"] .value').innerText(), 'Zhejiang');
    assert.equal(await pane.locator('gx-field[name="industry"] .value').innerText(), 'Hardware');
    await screenshot(en.page, 'en-customer-reference-data');

    // Moved to France, typed in English: stored as FR, and the edit box shows the name, not the code.
    await pane.locator('button[data-action="edit"]').click();
    assert.equal(await pane.locator('gx-field[name="country"] input').inputValue(), 'China');
    await fill(en.page, { country: 'France', industry: 'HVAC' });
    await save(en.page);
    const stored = await expectEventually(async () => {
      const doc = await world.running.store.database('crm').get('c-cn-1');
      assert.equal(doc.country, 'FR');
      return doc;
    }, { timeoutMs: 15_000 });
    assert.equal(stored.industry, 'hvac');
    await expectEventually(async () => assert.equal(await pane.locator('gx-field[name="country"] .value').innerText(), 'France'), { timeoutMs: 5000 });
    en.assertNoCspViolations();
  });
});
