import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { quotationFromDeal } from '../../design/quotation-from-deal.js';
import { quotationTotals } from '../../design/quotation-totals.js';

describe('quotations: totals in cents, and what a new one takes from its deal', () => {
  test('amounts, discount and total are rounded to cents without drift; bad lines count as nothing', () => {
    const totals = quotationTotals({ lines: [{ product: 'a', quantity: 3, price: 0.1 }, { product: 'b', quantity: 1, price: 0.2 }, null, 'x', { product: 'c', quantity: 'many', price: 5 }], discountPercent: 12.5 });
    assert.deepEqual(totals.lines.map((l) => l.amount), [0.3, 0.2, 0]);
    assert.deepEqual([totals.subtotal, totals.discount, totals.total], [0.5, 0.06, 0.44]);
    assert.deepEqual(quotationTotals({ lines: [{ quantity: 1, price: 10 }], discountPercent: 250 }).total, 0, 'a discount is at most 100%');
    assert.deepEqual(quotationTotals({}).total, 0);
  });

  test('a quotation from a deal copies its lines, currency, customer, owner and readers, nothing of the library link', () => {
    const values = quotationFromDeal({
      _id: 'd1', form: 'Deal', name: '球阀订单', customerId: 'c1', customerName: '宏兴贸易', currency: 'EUR', owner: ['王芳'], readers: ['王芳', '[Manager]'],
      orderLines: [{ productId: 'prod-1', product: '球阀', model: 'BV-50', quantity: 2, price: 9.5, currency: 'EUR' }, null],
    }, 'proforma');
    assert.deepEqual(values, {
      kind: 'proforma', dealId: 'd1', dealName: '球阀订单', customerId: 'c1', customerName: '宏兴贸易', currency: 'EUR',
      lines: [{ product: '球阀', model: 'BV-50', quantity: 2, price: 9.5 }], owner: ['王芳'], readers: ['王芳', '[Manager]'],
    });
  });

  test('a quotation from a deal takes the payment terms applied to the deal (it had none before)', () => {
    const deal = { _id: 'd2', form: 'Deal', name: '闸阀订单', customerId: 'c1', customerName: '宏兴贸易', paymentTerms: 'O/A 60 天 60 days', creditDays: 60, creditTermsId: 'ct-1' };
    assert.equal(quotationFromDeal(deal, 'quotation').paymentTerms, 'O/A 60 天 60 days');
    assert.equal('paymentTerms' in quotationFromDeal({ ...deal, paymentTerms: '' }, 'quotation'), false, 'no empty terms over the form');
    assert.equal('creditDays' in quotationFromDeal(deal, 'quotation'), false, 'the quotation has no credit fields of its own');
  });
});
