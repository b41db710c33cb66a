import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FORMS, formByName } from '../../design/forms/index.js';
import { clearedLinkValues, linkDesignErrors, linkNameField, linkValues } from '../../design/link-fill.js';

const dealCustomer = formByName('Deal')!.fields.customerId!.link!;
const supportAnswer = formByName('Support')!.fields.qaId!.link!;

describe('linked documents: what choosing one fills in', () => {
  test('choosing a customer for a deal fills its id and its Chinese name', () => {
    assert.deepEqual(linkValues('customerId', dealCustomer, { _id: 'c1', form: 'Customer', name: '宁波海天泵业有限公司', country: 'China' }),
      { customerId: 'c1', customerName: '宁波海天泵业有限公司' });
  });

  test('choosing a standard answer copies its text into the support request', () => {
    assert.deepEqual(linkValues('qaId', supportAnswer, { _id: 'qa1', form: 'QA', question: '保修期多长？', answer: '整机保修十八个月。' }),
      { qaId: 'qa1', answer: '整机保修十八个月。' });
  });

  test('a source field that is empty clears the copy instead of leaving the previous one', () => {
    assert.deepEqual(linkValues('customerId', dealCustomer, { _id: 'c2', form: 'Customer', name: '' }), { customerId: 'c2', customerName: undefined });
  });

  test('clearing a link clears what it filled in', () => {
    assert.deepEqual(clearedLinkValues('qaId', supportAnswer), { qaId: undefined, answer: undefined });
  });

  test('the name shown for a link is the copy of the chosen form\'s title, and a Q&A link has none', () => {
    assert.equal(linkNameField(dealCustomer, formByName), 'customerName');
    assert.equal(linkNameField(supportAnswer, formByName), undefined);
  });

  test('the forms named in the issue declare their links', () => {
    const linked = (form: string) => Object.entries(formByName(form)!.fields).filter(([, def]) => def.link).map(([name]) => name).sort();
    assert.deepEqual(linked('Deal'), ['customerId']);
    assert.deepEqual(linked('Topic'), ['customerId', 'dealId']);
    assert.deepEqual(linked('Support'), ['customerId', 'qaId']);
    assert.deepEqual(linked('Activity'), ['contactId', 'customerId', 'dealId']);
  });

  test('every link of every form fills fields its form has from fields the linked forms have', () => {
    assert.deepEqual(FORMS.flatMap((form) => linkDesignErrors(form, formByName)), []);
  });

  test('a link that fills a field the form lacks is reported', () => {
    const deal = formByName('Deal')!;
    const link = { db: 'crm', forms: ['Customer'], fill: { nickname: 'name', customerName: 'nosuch' } } as const;
    const form = { ...deal, fields: { ...deal.fields, customerId: { ...deal.fields.customerId!, link } } };
    assert.deepEqual(linkDesignErrors(form, formByName), [
      'Deal.customerId: fills nickname, not a field of Deal',
      'Deal.customerId: nosuch is not a field of Customer',
    ]);
  });
});
