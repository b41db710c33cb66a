import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { stageChoices } from '../../design/forms/deal-stages.js';
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

  test('a customer category an administrator added is accepted, with the settings; others are refused naming the choices', () => {
    const settings = { _id: CRM_SETTINGS_ID, form: 'CrmSettings', customerCategories: [{ zh: '展会意向', en: 'Trade-fair lead' }], customFields: ['付款方式'] };
    const lookup = (id: string) => (id === CRM_SETTINGS_ID ? settings : null);
    const customer = save({ form: 'Customer', name: '新客户', category: '展会意向', customFields: [{ name: '付款方式', value: 'T/T 30%' }] });
    assert.deepEqual(validate(customer, null, user, lookup), []);
    const [error, ...more] = validate(customer, null, user);
    assert.deepEqual([error!.field, more.map((e) => e.field)], ['category', ['customFields.0.name']], 'without the settings only the built-in ones');
    const [unknown] = validate(save({ form: 'Customer', name: '新客户', category: '老朋友' }), null, user, lookup);
    assert.equal(unknown!.message.zh, '“客户类别”的值“老朋友”不在可选范围内（可选：现有客户、潜在客户、合作伙伴、代理商、展会意向）');
    assert.equal(unknown!.message.en, 'Category: “老朋友” is not one of the choices (choose from Existing, Potential, Partner, Agent, Trade-fair lead)');
    // The administrator removes the category: customers that have it keep it through later edits.
    assert.deepEqual(validate({ ...customer, notes: '改了备注' }, customer, user, () => null).map((e) => e.field), []);
    assert.deepEqual(fields({ ...base, stage: 's40' }), ['stage']);
  });

  test('the CRM settings: an added category may not repeat a built-in one, a currency has one rate', () => {
    const settings = (more: Doc) => validate(save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', ...more }), null, user).map((e) => e.field);
    assert.deepEqual(settings({ _id: 'crm-settings-2' }), ['_id'], 'there is one settings document, under its own id');
    assert.deepEqual(settings({ customerCategories: [{ zh: '展会意向' }, { zh: '代理商' }, { zh: '其他', en: 'Trade-fair lead' }] }), ['customerCategories.1.zh'], '代理商 is built in');
    assert.deepEqual(settings({ customerCategories: [{ zh: '展会意向', en: 'Fair' }, { zh: '展会', en: 'fair' }] }), ['customerCategories.1.zh']);
    assert.deepEqual(settings({ exchangeRates: [{ currency: 'USD', rate: 7.1 }, { currency: 'USD', rate: 7.2 }, { currency: 'EUR', rate: 0 }] }), ['exchangeRates.2.rate']);
    assert.deepEqual(settings({ exchangeRates: [{ currency: 'USD', rate: 7.1 }, { currency: 'USD', rate: 7.2 }] }), ['exchangeRates.1.currency']);
  });

  test('stages show the probability the settings give them, the default otherwise', () => {
    assert.deepEqual(stageChoices(null).map((c) => c.label.zh), ['初步接触 10%', '需求确认 30%', '报价 50%', '谈判 70%', '待签约 90%', '成交 100%']);
    const configured = stageChoices({ stageProbabilities: [{ stage: 's50', probability: 60 }] });
    assert.deepEqual([configured[2]!.label, configured[3]!.label], [{ zh: '报价 60%', en: 'Quoted 60%' }, { zh: '谈判 70%', en: 'Negotiation 70%' }]);
  });
});

describe('sales statistics', () => {
  /** Figures as a manager sees them: every target (which targets a person sees: tests/crm/actions.test.ts). */
  const manager = [{ owner: '王芳', period: '2026', amount: 100000, currency: 'USD' }, { owner: '赵敏', period: '2026', amount: 5000, currency: 'EUR' }];
  const deal = (owner: string, fields: Doc): Doc => ({ form: 'Deal', owner: [owner], currency: 'USD', ...fields });
  const settings = crmSettingsOf({ stageProbabilities: [{ stage: 's50', probability: 40 }] });
  const deals = [
    deal('王芳', { status: 'won', wonDate: '2026-02-10', orderLines: [{ product: 'a', quantity: 3, price: 0.1 }], amount: 999 }),
    deal('王芳', { status: 'completed', wonDate: '2026-11-30', amount: 20000.2 }),
    deal('王芳', { status: 'won', wonDate: '2025-12-31', amount: 50000 }),
    deal('王芳', { status: 'tracking', stage: 's50', amount: 1000, expectedClose: '2026-03-20' }),
    deal('王芳', { status: 'tracking', stage: 's90', amount: 1000, currency: 'EUR', expectedClose: '2026-08-01' }),
    deal('王芳', { status: 'tracking', stage: 's90', amount: 8000, expectedClose: '2027-01-15' }),
    deal('王芳', { status: 'tracking', stage: 's10', amount: 3000 }),
    deal('李雷', { status: 'lost', lostReason: 'x', amount: 7000 }),
    { ...deal('李雷', { status: 'won', wonDate: '2026-03-01', amount: 300 }), owner: ['李雷', '王芳'] },
  ];

  test('won deals and amounts per owner and currency in the period, against the target, and the period’s pipeline weighted by the configured probability', () => {
    const year = salesStatistics(deals, '2026', settings, manager);
    assert.deepEqual(year.rows.map((r) => [r.owner, r.currency, r.won, r.amountWon, r.target, r.open, r.pipeline, r.weightedPipeline, r.undated]), [
      ['李雷', 'USD', 1, 300, null, 0, 0, 0, 0],
      ['王芳', 'EUR', 0, 0, null, 1, 1000, 900, 0],
      ['王芳', 'USD', 2, 20000.5, 100000, 1, 1000, 400, 1],
      ['赵敏', 'EUR', 0, 0, 5000, 0, 0, 0, 0],
    ]);
    const march = salesStatistics(deals, '2026-03', settings, manager);
    assert.deepEqual(march.rows.filter((r) => r.won > 0 || r.open > 0).map((r) => [r.owner, r.amountWon, r.open, r.pipeline]), [['李雷', 300, 0, 0], ['王芳', 0, 1, 1000]]);
    assert.deepEqual(salesStatistics(deals, '2027', settings, manager).rows.map((r) => [r.owner, r.open, r.pipeline, r.weightedPipeline]), [['王芳', 1, 8000, 7200]], 'a deal counts in the period it is expected to close');
    const total = year.rows.filter((r) => r.currency === 'USD').reduce((sum, r) => sum + r.amountWon, 0);
    assert.equal(total, 20300.5, 'rows add up to the company total: each deal counts once');
    assert.deepEqual(year.stages.map((s) => [s.stage, s.probability, s.currency, s.open, s.pipeline, s.weightedPipeline]), [['s50', 40, 'USD', 1, 1000, 400], ['s90', 90, 'EUR', 1, 1000, 900]]);
    assert.deepEqual([year.baseCurrency, year.rowsInBase, year.unconverted], [null, [], []], 'no base currency: nothing converted');
  });

  test('converted into the base currency at the configured rates; a currency without a rate is reported, not dropped silently', () => {
    const withRates = crmSettingsOf({ baseCurrency: 'CNY', exchangeRates: [{ currency: 'USD', rate: 7.1 }] });
    const targets = [{ owner: '王芳', period: '2026', amount: 100000, currency: 'USD' }, { owner: '王芳', period: '2026', amount: 300000, currency: 'CNY' }, { owner: '赵敏', period: '2026', amount: 5000, currency: 'EUR' }];
    const year = salesStatistics([...deals, deal('赵敏', { status: 'won', wonDate: '2026-05-05', amount: 10000, currency: 'CNY' })], '2026', withRates, targets);
    assert.deepEqual(year.rowsInBase.map((r) => [r.owner, r.currency, r.won, r.amountWon, r.target, r.open, r.pipeline, r.weightedPipeline]), [
      ['李雷', 'CNY', 1, 2130, null, 0, 0, 0],
      ['王芳', 'CNY', 2, 142003.55, 1010000, 1, 7100, 3550],
      ['赵敏', 'CNY', 1, 10000, null, 0, 0, 0],
    ]);
    assert.deepEqual(year.unconverted, [{ currency: 'EUR', deals: 1, targets: 1 }]);
    assert.deepEqual(year.stagesInBase.map((s) => [s.stage, s.currency, s.pipeline]), [['s50', 'CNY', 7100]]);
    assert.deepEqual(year.rows.map((r) => `${r.owner} ${r.currency}`), ['李雷 USD', '王芳 CNY', '王芳 EUR', '王芳 USD', '赵敏 CNY', '赵敏 EUR'], 'the figures per currency stay');
  });
});
