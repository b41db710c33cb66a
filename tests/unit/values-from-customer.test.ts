import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formByName } from '../../design/forms/index.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { valuesFromCustomer } from '../../design/values-from-customer.js';

const ctx = { now: '2026-03-10T08:00:00.000Z', user: { name: '周经理', roles: ['[Manager]'] } };
const customer = prepareForSave({ _id: 'c1', form: 'Customer', name: '汉堡贸易有限公司', category: 'existing', owner: ['王芳'] }, null, { ...ctx, user: { name: '王芳', roles: ['[Sales]'] } });

describe('records opened from a customer', () => {
  test('regression: a deal opened from a customer takes its owner and readers, instead of landing in the public pool', () => {
    const values = valuesFromCustomer(formByName('Deal')!, customer, customer.name);
    assert.deepEqual(values, { customerId: 'c1', customerName: '汉堡贸易有限公司', owner: ['王芳'], readers: customer.readers });
    // Saved by the director who opened it, it stays the salesperson's and as restricted as the customer.
    const deal = prepareForSave({ form: 'Deal', name: 'DN50 球阀 2,000 只', ...values }, null, ctx);
    assert.deepEqual(deal.owner, ['王芳']);
    assert.deepEqual(deal.readers, customer.readers);
    assert.ok((customer.readers ?? []).includes('王芳'));
  });

  test('an activity takes the owner and readers; a complaint (no owner field) the readers', () => {
    assert.deepEqual(valuesFromCustomer(formByName('Activity')!, customer, customer.name).owner, ['王芳']);
    const complaint = valuesFromCustomer(formByName('Complaint')!, customer, customer.name);
    assert.equal('owner' in complaint, false);
    assert.deepEqual(complaint.readers, customer.readers);
  });

  test('a customer in the public pool (no owner, no readers) gives only the link', () => {
    const pooled = { _id: 'c2', form: 'Customer', name: '公海客户' };
    assert.deepEqual(valuesFromCustomer(formByName('Deal')!, pooled, pooled.name), { customerId: 'c2', customerName: '公海客户' });
  });
});
