import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Access } from '../../design/access/acl.js';
import { canRead } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { SERVER_USER } from '../../design/user.js';
import { readCrmSettings } from '../../server/crm/crm-settings.js';
import { handOverFrom, type HandOverScope } from '../../server/crm/hand-over.js';
import { salesStatistics } from '../../server/crm/statistics.js';
import { targetsSeenBy } from '../../server/crm/sales-targets.js';
import { SALES_TARGETS_ID } from '../../design/forms/sales-targets.js';
import { gatewayWorld, PASSWORD, type GatewayWorld } from '../gateway/gateway-fixture.js';
import { seededRandom } from '../helpers/random.js';
import { SessionClient } from '../helpers/session-client.js';

const SALES = ['王芳', '李雷', '赵敏', 'Hans Becker', '陈静'];
const CUSTOMERS = 800;
const DEALS = 1600;
const ACTIVITIES = 1200;
const ctx = { user: SERVER_USER, now: '2026-03-02T10:00:00.000Z' };

/**
 * Statistics and hand-over read through views (deals closed and pipeline, records by owner) rather
 * than the whole database: over a few thousand records they must answer exactly what a scan of every
 * document answers.
 */
describe('statistics and hand-over read through views: the same answers as a scan of the whole database', () => {
  let world: GatewayWorld;
  let boss: SessionClient;
  const random = seededRandom('view-backed CRM');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const day = () => `202${pick([5, 6, 6, 7])}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const crm = () => world.running.store.database('crm');
  const everything = async () => (await crm().pouch.allDocs({ include_docs: true })).rows.flatMap((row) => (row.doc && !row.id.startsWith('_design/') ? [row.doc as Doc] : []));

  before(async () => {
    world = await gatewayWorld([...SALES.map((name) => ({ name, access: { crm: 'author' as const } })), { name: 'Boss', access: { crm: 'editor' }, roles: ['[Manager]'] }]);
    boss = new SessionClient(world.running.url);
    assert.equal((await boss.signIn('Boss', PASSWORD)).status, 200);
    await crm().save({
      _id: CRM_SETTINGS_ID, form: 'CrmSettings', baseCurrency: 'CNY', exchangeRates: [{ currency: 'USD', rate: 7.1 }, { currency: 'EUR', rate: 7.8 }],
      stageProbabilities: [{ stage: 's50', probability: 60 }],
    }, ctx);
    await crm().save({ _id: SALES_TARGETS_ID, form: 'SalesTargets', targets: [{ owner: '王芳', period: '2026', amount: 500000, currency: 'USD' }, { owner: '李雷', period: '2026', amount: 1000, currency: 'EUR' }] }, ctx);
    const owners = () => (random() < 0.1 ? [] : random() < 0.1 ? [pick(SALES), pick(SALES)] : [pick(SALES)]);
    // Records carry their numbers already, so that the server's numbering has nothing to add meanwhile.
    const customers: Doc[] = Array.from({ length: CUSTOMERS }, (_, i) => ({ _id: `c${i}`, form: 'Customer', code: `C${i}`, name: `客户 ${i}`, owner: owners() }));
    const deals: Doc[] = Array.from({ length: DEALS }, (_, i) => {
      const customer = pick(customers);
      const status = pick(['tracking', 'tracking', 'won', 'completed', 'lost']);
      return {
        _id: `d${i}`, form: 'Deal', number: `D${i}`, name: `业务 ${i}`, customerId: customer._id, owner: random() < 0.8 ? customer.owner : owners(),
        status, stage: pick(['s10', 's30', 's50', 's70', 's90']), amount: Math.round(random() * 100_000) / 100, currency: pick(['USD', 'EUR', 'CNY', 'JPY']),
        ...(status === 'won' || status === 'completed' ? { wonDate: day() } : {}), ...(status === 'lost' ? { lostReason: '价格' } : {}),
        ...(status === 'tracking' && random() < 0.8 ? { expectedClose: day() } : {}),
      };
    });
    const activities: Doc[] = Array.from({ length: ACTIVITIES }, (_, i) => {
      const customer = pick(customers);
      return { _id: `a${i}`, form: 'Activity', subject: `回访 ${i}`, status: 'planned', when: `${day()}T02:00:00.000Z`, customerId: customer._id, owner: random() < 0.8 && (customer.owner as string[]).length > 0 ? customer.owner : [pick(SALES)] };
    });
    for (const batch of [customers, deals, activities]) {
      const refused = (await crm().saveMany(batch, ctx)).filter((r) => !r.ok);
      assert.deepEqual(refused, []);
    }
  });
  after(async () => {
    await world.close();
  });

  test('statistics for a year and a month, for a manager and for a salesperson, as a scan would count them', async () => {
    const settings = await readCrmSettings(crm());
    const deals = (await everything()).filter((doc) => doc.form === 'Deal');
    const wang = new SessionClient(world.running.url);
    await wang.signIn('王芳', PASSWORD);
    for (const [client, name] of [[boss, 'Boss'], [wang, '王芳']] as const) {
      const roles = name === 'Boss' ? ['[Manager]'] : [];
      const access: Access = { user: name, level: name === 'Boss' ? 'editor' : 'author', names: new Set([name, ...roles]), roles, canCreate: true, canDelete: false };
      for (const period of ['2026', '2026-03', '2025-11']) {
        const answer = await client.request('GET', `/api/crm/statistics?period=${period}`);
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        const scanned = salesStatistics(deals.filter((deal) => canRead(access, deal)), period, settings, await targetsSeenBy(crm(), access));
        assert.deepEqual(answer.body, JSON.parse(JSON.stringify(scanned)), `${name}, ${period}`);
      }
    }
    const year = (await boss.request('GET', '/api/crm/statistics?period=2026')).body as { rows: { open: number; undated: number }[]; unconverted: { currency: string }[] };
    assert.ok(year.rows.some((r) => r.open > 0) && year.rows.some((r) => r.undated > 0), 'the data has open deals dated and undated');
    assert.deepEqual(year.unconverted.map((u) => u.currency), ['JPY']);
  });

  test('handing over all a person owns, and one customer, moves what a scan would move', async () => {
    const expected = async (scope: HandOverScope) => {
      const all = await everything();
      const customer = 'customerId' in scope ? all.find((doc) => doc._id === scope.customerId) : undefined;
      const owners = Array.isArray(customer?.owner) ? customer.owner.map(String) : [];
      return all.filter((doc) => handOverFrom(doc, scope, owners) !== null).map((doc) => doc._id).sort();
    };
    const handOver = async (body: object) => {
      const answer = await boss.request('POST', '/api/crm/hand-over', body);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(answer.body!.failed, []);
      return (answer.body!.moved as { id: string }[]).map((m) => m.id).sort();
    };

    const fromZhao = await expected({ from: '赵敏' });
    assert.ok(fromZhao.length > 300, `赵敏 owns ${fromZhao.length} records`);
    assert.deepEqual(await handOver({ to: '陈静', from: '赵敏' }), fromZhao);
    assert.deepEqual(await expected({ from: '赵敏' }), [], 'nothing of 赵敏’s is left to move');

    const all = await everything();
    const busiest = all.filter((doc) => doc.form === 'Customer' && (doc.owner as string[]).length > 0)
      .map((customer) => ({ id: customer._id!, records: all.filter((doc) => doc.customerId === customer._id).length }))
      .sort((a, b) => b.records - a.records)[0]!;
    const ofCustomer = await expected({ customerId: busiest.id });
    assert.ok(ofCustomer.length > 3, `${busiest.id}: ${ofCustomer.length} records move with it`);
    assert.deepEqual(await handOver({ to: 'Hans Becker', customerId: busiest.id }), ofCustomer);
  });
});
