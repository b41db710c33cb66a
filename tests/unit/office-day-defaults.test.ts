import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { officeDay } from '../../design/forms/time-zones.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { datePart } from '../../server/crm/numbering.js';

const user = { name: '王芳', roles: ['[Sales]'] };
/** 00:31 on Tuesday 10 March 2026 in Beijing; UTC still has Monday the 9th. */
const AFTER_MIDNIGHT = '2026-03-09T16:31:00.000Z';
/** 23:59 on Monday 9 March in Beijing. */
const BEFORE_MIDNIGHT = '2026-03-09T15:59:00.000Z';

const saved = (doc: Doc, now: string): Doc => prepareForSave(doc, null, { now, user });

describe('date defaults go by the company\'s day (Asia/Shanghai), not UTC\'s', () => {
  test('regression: at 00:31 Beijing time a new document\'s date was yesterday (the UTC day)', () => {
    const deal = saved({ form: 'Deal', name: '球阀订单', customerId: 'c1', status: 'won' }, AFTER_MIDNIGHT);
    assert.deepEqual([deal.opened, deal.wonDate], ['2026-03-10', '2026-03-10'], 'a deal opened and won just after midnight');
    assert.equal(saved({ form: 'Quotation', dealId: 'd1', customerId: 'c1' }, AFTER_MIDNIGHT).date, '2026-03-10');
    assert.equal(saved({ form: 'WorkReport', kind: 'daily' }, AFTER_MIDNIGHT).reportDate, '2026-03-10');
    assert.equal(saved({ form: 'Delegation', delegate: ['李雷'], until: '2026-03-12' }, AFTER_MIDNIGHT).from, '2026-03-10');
    assert.equal(saved({ form: 'Action', subject: '等样品', status: 'waiting', owner: ['王芳'] }, AFTER_MIDNIGHT).waitingSince, '2026-03-10');
  });

  test('one minute before midnight in Beijing it is still that day, though UTC is on the same date', () => {
    assert.equal(saved({ form: 'Quotation', dealId: 'd1', customerId: 'c1' }, BEFORE_MIDNIGHT).date, '2026-03-09');
    assert.equal(officeDay('2026-03-09T00:00:00.000Z'), '2026-03-09');
    assert.equal(officeDay('2026-03-09T16:00:00.000Z'), '2026-03-10', 'midnight in Beijing is 16:00 UTC');
  });

  test('regression: a number made at 00:31 on New Year\'s Day in Beijing carried the old year', () => {
    const format = { prefix: 'Q', digits: 4 } as const;
    assert.equal(datePart({ ...format, datePart: 'year' }, '2026-12-31T16:31:00.000Z'), '2027');
    assert.equal(datePart({ ...format, datePart: 'day' }, AFTER_MIDNIGHT), '20260310');
    assert.equal(datePart({ ...format, datePart: 'year' }, '2026-12-31T15:59:00.000Z'), '2026');
  });
});
