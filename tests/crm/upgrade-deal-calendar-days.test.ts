import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { SERVER_USER } from '../../design/user.js';
import { upgradeDealCalendarDays } from '../../server/crm/upgrade-deal-calendar-days.js';
import { ENGINES, openTestStore, type TestStore } from '../helpers/test-store.js';

const ctx = () => ({ user: SERVER_USER, now: '2026-12-05T00:00:00.000Z' });

/** A deal as a save before the calendar stored it: today's items without `calendarDays`. */
function savedBeforeTheCalendar(doc: Doc): Doc {
  const { calendarDays: _notYet, ...prepared } = prepareForSave(doc, null, ctx());
  return prepared;
}

for (const engine of ENGINES) {
  describe(`deals saved before the calendar show their dates after an upgrade (${engine})`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
    });
    after(async () => {
      await t.cleanup();
    });

    test('an expected close, a payment due and a delivery of an old deal are in the calendar\'s deal dates, without anyone editing it', async () => {
      const crm = t.store.database('crm');
      await crm.pouch.bulkDocs([
        savedBeforeTheCalendar({ _id: 'd1', form: 'Deal', name: '阀门 2027 年度合同', status: 'tracking', customerId: 'c1', customerName: '汉堡北方阀门', owner: ['王芳'], expectedClose: '2027-01-15', currency: 'USD', payments: [{ due: '2027-02-01', amount: 5000 }], deliveries: [{ date: '2027-03-10', description: '第一批' }] }),
        savedBeforeTheCalendar({ _id: 'd2', form: 'Deal', name: '无日期的业务', status: 'tracking', customerId: 'c1', customerName: '汉堡北方阀门', owner: ['王芳'] }),
      ] as never[]);
      assert.equal((await crm.view('calendar-deal-dates', { expandAll: true })).rows.filter((row) => row.kind === 'document').length, 0, 'the old deal is not in the calendar before the upgrade');

      assert.equal(await upgradeDealCalendarDays(crm, ctx), 1, 'only the deal with dates is saved again');
      const days = (await crm.view('calendar-deal-dates', { expandAll: true })).rows.filter((row) => row.kind === 'category').map((row) => (row as { title: unknown }).title);
      assert.deepEqual(days, ['2027-01-15', '2027-02-01', '2027-03-10']);
      const deal = await crm.get('d1');
      assert.equal(deal.name, '阀门 2027 年度合同', 'the deal is otherwise as it was');
      assert.deepEqual(deal.payments, [{ due: '2027-02-01', amount: 5000 }]);

      assert.equal(await upgradeDealCalendarDays(crm, ctx), null, 'once per database');
    });
  });
}
