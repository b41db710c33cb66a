import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { validate } from '../../design/validate.js';
import { createLogger } from '../../server/log.js';
import { loadDemo } from '../../server/demo/load-demo.js';
import { DEMO_CUSTOMERS, demoRecords } from '../../server/demo/demo-data.js';
import { demoTargets } from '../../server/demo/demo-targets.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { withServer } from '../server/fixtures.js';

const TODAY = '2026-03-15';

test('the demo company: a few hundred customers, Chinese and foreign, with contacts, deals in every status, payments and activities', () => {
  const records = demoRecords(TODAY).map((r) => r.doc);
  const of = (form: string) => records.filter((doc) => doc.form === form);
  assert.equal(of('Customer').length, DEMO_CUSTOMERS);
  assert.ok(of('Customer').some((c) => /\p{Script=Han}/u.test(String(c.name))) && of('Customer').some((c) => /^[A-Z]/.test(String(c.name))));
  assert.ok(of('Contact').length >= DEMO_CUSTOMERS);
  assert.deepEqual(new Set(of('Deal').map((d) => d.status)), new Set(['tracking', 'won', 'completed', 'lost']));
  assert.ok(of('Activity').length > DEMO_CUSTOMERS);
  assert.deepEqual(demoRecords(TODAY), demoRecords(TODAY), 'the same data every time');
  assert.equal(new Set(records.map((doc) => doc._id)).size, records.length);
});

test('demo targets gave completion rates of 751–2066 %: each is what its salesperson won in a year within 60–150 %', () => {
  const records = demoRecords(TODAY);
  const targets = demoTargets(records, TODAY);
  assert.ok(targets.length >= 5);
  for (const target of targets) {
    const won = records.map((r) => r.doc).filter((d) => d.form === 'Deal' && ['won', 'completed'].includes(String(d.status)) && String(d.wonDate) >= '2025-03-15'
      && (d.owner as string[])[0] === target.owner && d.currency === target.currency).reduce((sum, d) => sum + Number(d.amount), 0);
    const rate = won / Number(target.amount);
    assert.ok(rate >= 0.6 && rate <= 1.5, `${String(target.owner)} ${String(target.currency)}: ${Math.round(rate * 100)} %`);
  }
});

test('npm start -- --demo loads it once: every record valid, numbered by the server, overdue payments and contacts to show', () => {
  // The server's own jobs (numbering, mail, scheduler) must find nothing to complain about.
  const errors: string[] = [];
  const logger = createLogger('error', { write: (line: string) => errors.push(line) });
  return withServer(async ({ store }) => {
    const wanted = demoRecords(TODAY).length + 2; // and the settings and the sales targets
    assert.equal(await loadDemo(store, logger, TODAY), wanted, 'nothing refused');
    assert.equal(await loadDemo(store, createLogger('silent'), TODAY), 0, 'loading again adds nothing');
    const crm = store.database('crm');
    const docs = await expectEventually(async () => {
      const all = (await crm.pouch.allDocs({ include_docs: true })).rows.map((r) => r.doc as Doc).filter((d) => d.form === 'Customer' || d.form === 'Deal');
      assert.ok(all.every((d) => typeof (d.code ?? d.number) === 'string'), `${all.filter((d) => d.code === undefined && d.number === undefined).length} not numbered yet`);
      return all;
    }, { timeoutMs: 120_000, intervalMs: 500 });
    const codes = docs.filter((d) => d.form === 'Customer').map((d) => d.code);
    assert.equal(new Set(codes).size, DEMO_CUSTOMERS);
    const settings = await crm.get(CRM_SETTINGS_ID);
    assert.equal(settings.targets, undefined, 'the targets are not in the settings everyone reads');
    assert.deepEqual((await crm.get('sales-targets')).readers, ['[Manager]', '[Admin]']);
    const categories = new Set(docs.map((d) => d.category));
    assert.ok(categories.has('展会意向'), 'the category the settings add is in use');
    for (const doc of docs.slice(0, 50)) assert.deepEqual(validate(doc, null, { name: 'x', roles: [] }, (id) => (id === CRM_SETTINGS_ID ? settings : null)).filter((e) => e.field !== 'status'), []);
    const overduePayments = docs.filter((d) => typeof d.nextPaymentDue === 'string' && d.nextPaymentDue < TODAY);
    assert.ok(overduePayments.length > 0);
    assert.deepEqual(errors, []);
  }, { logger });
});
