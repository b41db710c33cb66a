import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import type { ViewPage, ViewPageRequest, ViewRow } from '../../engine/view-page.js';
import type { Database } from '../../server/store/store.js';
import { ENGINES, openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';

/** A view page as a person reads it: category lines with count and totals, then documents. */
function lines(page: ViewPage): string[] {
  return page.rows.map(line);
}

function line(row: ViewRow): string {
  const indent = '  '.repeat(row.level);
  if (row.kind === 'category') return `${indent}${row.expanded ? '▼' : '►'} ${String(row.title)} (${row.count}${row.sums.map((s) => `, ${s}`).join('')})`;
  return `${indent}${'  '.repeat(row.depth)}${row.values.slice(row.depth > 0 ? 0 : row.level).filter((v) => v !== null).map((v) => (Array.isArray(v) ? v.join('+') : String(v))).join(' | ')}`;
}

async function allPages(db: Database, viewId: string, request: ViewPageRequest, pageSize: number): Promise<string[]> {
  const out: string[] = [];
  let after: ViewPageRequest['after'] = null;
  for (let i = 0; i < 100; i++) {
    const page = await db.view(viewId, { ...request, after, limit: pageSize });
    out.push(...lines(page));
    if (!page.next) return out;
    after = page.next;
  }
  throw new Error('paging did not end');
}

const customers: Doc[] = [
  { _id: 'c01', name: '张三贸易', region: '华东', country: 'CN', city: '上海', owner: ['Li Lei'], annualVolume: 500 },
  { _id: 'c02', name: 'Apple Trading', region: '华东', country: 'CN', city: '杭州', owner: ['Wang Fang', 'Li Lei'], annualVolume: 1200 },
  { _id: 'c03', name: '阿里巴巴', region: '华东', country: 'CN', city: '杭州', owner: ['Wang Fang'], annualVolume: 800 },
  { _id: 'c04', name: 'Müller GmbH', region: '欧洲', country: 'DE', city: 'Hamburg', owner: ['Li Lei'], annualVolume: 300 },
  { _id: 'c05', name: 'Bosch', region: '欧洲', country: 'DE', city: 'Stuttgart', owner: ['Li Lei'], annualVolume: 2000 },
  { _id: 'c06', name: 'Carrefour', region: '欧洲', country: 'FR', city: 'Paris', owner: ['Wang Fang'] },
  { _id: 'c07', name: '重庆钢铁', region: '西南', country: 'CN', city: '重庆', owner: ['Zhao Min'], annualVolume: 100 },
  { _id: 'c08', name: '西安电子', region: '西北', country: 'CN', city: '西安', owner: ['Zhao Min'], annualVolume: 50 },
  { _id: 'c09', name: '先锋电器', region: '西北', country: 'CN', city: '西安', annualVolume: 70 },
  { _id: 'c10', name: '无地区客户' },
].map((doc) => ({ form: 'Customer', ...doc }));

for (const engine of ENGINES) {
  describe(`views: ${engine}`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
      const results = await t.store.database('crm').saveMany(customers, saveContext());
      assert.ok(results.every((r) => r.ok), JSON.stringify(results));
    });
    after(async () => {
      await t.cleanup();
    });
    const crm = () => t.store.database('crm');

    test('customers by region: categories and names in pinyin order, with counts and totals', async () => {
      const page = await crm().view('customers-by-region');
      assert.deepEqual(lines(page), [
        '▼ null (1, 0)',
        '  ▼ null (1, 0)',
        '    无地区客户 | B',
        '▼ 华东 (3, 2500)',
        '  ▼ CN (3, 2500)',
        '    阿里巴巴 | 杭州 | Wang Fang | 800',
        '    Apple Trading | 杭州 | Wang Fang+Li Lei | 1200',
        '    张三贸易 | 上海 | Li Lei | 500',
        '▼ 欧洲 (3, 2300)',
        '  ▼ DE (2, 2300)',
        '    Bosch | Stuttgart | Li Lei | 2000',
        '    Müller GmbH | Hamburg | Li Lei | 300',
        '  ▼ FR (1, 0)',
        '    Carrefour | Paris | Wang Fang',
        '▼ 西北 (2, 120)',
        '  ▼ CN (2, 120)',
        '    西安电子 | 西安 | Zhao Min | 50',
        '    先锋电器 | 西安 | 70',
        '▼ 西南 (1, 100)',
        '  ▼ CN (1, 100)',
        '    重庆钢铁 | 重庆 | Zhao Min | 100',
      ].map((l) => l.replace(' | B', '')));
      assert.deepEqual(page.total, { count: 10, sums: [5020] });
      assert.equal(page.next, null);
    });

    test('paging with the cursor gives every line once, whatever the page size', async () => {
      const whole = lines(await crm().view('customers-by-region', { limit: 1000 }));
      for (const size of [1, 2, 3, 7]) {
        assert.deepEqual(await allPages(crm(), 'customers-by-region', {}, size), whole, `page size ${size}`);
      }
    });

    test('collapsed categories show their totals and hide their documents', async () => {
      const collapsedEurope = lines(await crm().view('customers-by-region', { toggled: [[['ou1zhou1', '欧洲']]] }));
      assert.ok(collapsedEurope.includes('► 欧洲 (3, 2300)'));
      assert.ok(!collapsedEurope.some((l) => l.includes('Bosch')));
      assert.ok(collapsedEurope.includes('    重庆钢铁 | 重庆 | Zhao Min | 100'));

      const categoriesOnly = lines(await crm().view('customers-by-region', { expandAll: false }));
      assert.deepEqual(categoriesOnly, ['► null (1, 0)', '► 华东 (3, 2500)', '► 欧洲 (3, 2300)', '► 西北 (2, 120)', '► 西南 (1, 100)']);
      assert.deepEqual(await allPages(crm(), 'customers-by-region', { expandAll: false }, 2), categoriesOnly);

      const oneOpen = lines(await crm().view('customers-by-region', { expandAll: false, toggled: [[['xi1bei3', '西北']]] }));
      assert.deepEqual(oneOpen.slice(3, 6), ['▼ 西北 (2, 120)', '  ► CN (2, 120)', '► 西南 (1, 100)']);
    });

    test('a customer with two owners is listed under both', async () => {
      const page = lines(await crm().view('customers-by-owner', { limit: 100 }));
      const under = (owner: string) => {
        const start = page.findIndex((l) => l.startsWith(`▼ ${owner} `));
        const end = page.findIndex((l, i) => i > start && l.startsWith('▼'));
        return page.slice(start + 1, end < 0 ? undefined : end).map((l) => l.trim().split(' | ')[0]);
      };
      assert.deepEqual(under('Li Lei'), ['Apple Trading', 'Bosch', 'Müller GmbH', '张三贸易']);
      assert.deepEqual(under('Wang Fang'), ['阿里巴巴', 'Apple Trading', 'Carrefour']);
      assert.equal(page[0], '▼ null (2, 70)', 'customers without an owner are listed first, uncategorised');
    });

    test('a changed or deleted document moves or leaves its category at once', async () => {
      const db = crm();
      const doc = await db.get('c09');
      await db.save({ ...doc, region: '华东', annualVolume: 30 }, saveContext());
      let page = lines(await db.view('customers-by-region', { limit: 100 }));
      assert.ok(page.includes('▼ 华东 (4, 2530)'));
      assert.ok(page.includes('▼ 西北 (1, 50)'));
      const moved = await db.get('c09');
      await db.remove('c09', moved._rev, saveContext());
      const c08 = await db.get('c08');
      await db.remove('c08', c08._rev, saveContext());
      page = lines(await db.view('customers-by-region', { limit: 100 }));
      assert.ok(page.includes('▼ 华东 (3, 2500)'));
      assert.ok(!page.some((l) => l.includes('西北')), 'an empty category disappears');
      assert.deepEqual((await db.view('customers-by-region')).total, { count: 8, sums: [4900] });
    });
  });
}
