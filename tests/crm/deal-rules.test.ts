import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { validate } from '../../design/validate.js';
import { crmSettingsOf } from '../../server/crm/crm-settings.js';
import { salesStatistics } from '../../server/crm/statistics.js';

const user = { name: '王芳', roles: [] };
const save = (doc: Doc, old: Doc | null = null, now = '2026-03-02T10:00:00.000Z') => prepareForSave(doc, old, { user, now });
const fields = (doc: Doc, old: Doc | null = null) => validate(save(doc, old), old, user).map((e) => e.field);

describe('deal rules', () => {
  const base = { form: 'Deal', name: '业务', customerId: 'c1' };

  test('status goes tracking → won → completed, or lost with a reason; a completed deal stays completed', () => {
    const tracking = save(base);
    assert.equal(tracking.status, 'tracking');
    assert.deepEqual(fields({ ...tracking, status: 'completed' }, tracking), ['status']);
    assert.deepEqual(fields({ ...tracking, status: 'lost' }, tracking), ['lostReason']);
    const won = save({ ...tracking, status: 'won' }, tracking, '2026-03-20T10:00:00.000Z');
    assert.deepEqual(validate(won, tracking, user), []);
    assert.equal(won.wonDate, '2026-03-20', 'the day it was won');
    const completed = save({ ...won, status: 'completed' }, won);
    assert.deepEqual(fields({ ...completed, status: 'tracking' }, completed), ['status']);
    const lost = save({ ...tracking, status: 'lost', lostReason: '价格太高' }, tracking);
    assert.deepEqual(fields({ ...lost, status: 'tracking' }, lost), [], 'a lost deal may be taken up again');
  });

  test('order lines and payments: totals in cents, the next open payment, every bad cell named', () => {
    const deal = save({ ...base, orderLines: [{ product: '阀门 DN50', quantity: 3, price: 0.1 }, { product: '泵', quantity: 1, price: 0.2 }],
      payments: [{ due: '2026-06-01', amount: 100, received: 100 }, { due: '2026-05-01', amount: 50, received: 20 }] });
    assert.equal(deal.orderTotal, 0.5);
    assert.equal(deal.received, 120);
    assert.equal(deal.nextPaymentDue, '2026-05-01');
    assert.deepEqual(fields({ ...base, orderLines: [{ product: '', quantity: 'x', price: -1 }] }), ['orderLines.0.product', 'orderLines.0.quantity', 'orderLines.0.price']);
    assert.deepEqual(fields({ ...base, payments: [{ due: '2026-02-30', amount: 5 }] }), ['payments.0.due']);
    assert.deepEqual(fields({ ...base, payments: [{ due: '2026-13-45', amount: 5 }] }), ['payments.0.due']);
    assert.deepEqual(fields({ ...base, payments: [{ due: '2026-02-28', amount: 5, received: 6 }] }), ['payments.0.received']);
    const [error] = validate(save({ ...base, payments: [{ due: '2026-02-28' }] }), null, user);
    assert.equal(error!.message.zh, '收款第 1 行：请填写“应收金额”');
  });

  test('a customer category an administrator added is accepted; a stage that does not exist is not', () => {
    assert.deepEqual(fields({ form: 'Customer', name: '新客户', category: '展会意向' }), []);
    assert.deepEqual(fields({ ...base, stage: 's40' }), ['stage']);
  });
});

describe('sales statistics', () => {
  const deal = (owner: string, fields: Doc): Doc => ({ form: 'Deal', owner: [owner], currency: 'USD', ...fields });
  const settings = crmSettingsOf({
    stageProbabilities: [{ stage: 's50', probability: 40 }],
    targets: [{ owner: '王芳', period: '2026', amount: 100000, currency: 'USD' }, { owner: '赵敏', period: '2026', amount: 5000, currency: 'EUR' }],
  });
  const deals = [
    deal('王芳', { status: 'won', wonDate: '2026-02-10', orderLines: [{ product: 'a', quantity: 3, price: 0.1 }], amount: 999 }),
    deal('王芳', { status: 'completed', wonDate: '2026-11-30', amount: 20000.2 }),
    deal('王芳', { status: 'won', wonDate: '2025-12-31', amount: 50000 }),
    deal('王芳', { status: 'tracking', stage: 's50', amount: 1000 }),
    deal('王芳', { status: 'tracking', stage: 's90', amount: 1000, currency: 'EUR' }),
    deal('李雷', { status: 'lost', lostReason: 'x', amount: 7000 }),
    { ...deal('李雷', { status: 'won', wonDate: '2026-03-01', amount: 300 }), owner: ['李雷', '王芳'] },
  ];

  test('won deals and amounts per owner and currency in the period, against the target, and the pipeline weighted by the configured probability', () => {
    assert.deepEqual(salesStatistics(deals, '2026', settings).map((r) => [r.owner, r.currency, r.won, r.amountWon, r.target, r.open, r.pipeline, r.weightedPipeline]), [
      ['李雷', 'USD', 1, 300, null, 0, 0, 0],
      ['王芳', 'EUR', 0, 0, null, 1, 1000, 900],
      ['王芳', 'USD', 2, 20000.5, 100000, 1, 1000, 400],
      ['赵敏', 'EUR', 0, 0, 5000, 0, 0, 0],
    ]);
    const march = salesStatistics(deals, '2026-03', settings);
    assert.deepEqual(march.filter((r) => r.won > 0).map((r) => [r.owner, r.amountWon]), [['李雷', 300]]);
    const total = salesStatistics(deals, '2026', settings).filter((r) => r.currency === 'USD').reduce((sum, r) => sum + r.amountWon, 0);
    assert.equal(total, 20300.5, 'rows add up to the company total: each deal counts once');
  });
});
