import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { SERVER_USER } from '../../design/user.js';
import { isoWeek, overdueDues, paymentReminderBatch } from '../../server/crm/payment-reminders.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { SessionClient } from '../helpers/session-client.js';
import { configureSmtpAccount } from '../helpers/smtp-account.js';
import { tempDir, testConfig } from '../server/fixtures.js';

const PASSWORD = 'correct horse battery';
const as = (name: string) => ({ user: { name, roles: [] }, now: '2026-02-01T09:00:00.000Z' });
/** Wednesday of ISO week 10. */
const WEDNESDAY = '2026-03-04T09:00:00.000Z';

describe('payment reminders: overdue payments of a deal mailed in the contact’s language, once per due and week', () => {
  let running: RunningServer;
  let cleanup: () => Promise<void>;
  const clock = Date.parse(WEDNESDAY);
  let wang: SessionClient;
  before(async () => {
    const temp = await tempDir('reminders');
    cleanup = temp.cleanup;
    const dataDir = join(temp.dir, 'data');
    await configureSmtpAccount(dataDir, { host: '127.0.0.1', port: 9, received: [], stop: async () => {}, start: async () => {} }, '关系贸易');
    running = await startServer(testConfig(dataDir, { MAIL_GATEWAY: 'false' }), { logger: createLogger('silent'), now: () => clock });
    await seedDirectory(running.store, running.directory, [{ name: '王芳', password: PASSWORD, access: { crm: 'author' } }, { name: '李雷', password: PASSWORD, access: { crm: 'author' } }]);
    const crm = running.store.database('crm');
    await crm.saveMany([
      { _id: 'c-nord', form: 'Customer', name: '汉堡北方阀门有限公司', owner: ['王芳'] },
      { _id: 'p-hans', form: 'Contact', name: 'Hans Müller', customerId: 'c-nord', customerName: '汉堡北方阀门有限公司', emails: ['hans@nordwerk.de'], language: 'en' },
      { _id: 'c-hx', form: 'Customer', name: '宏兴贸易', owner: ['王芳'] },
      { _id: 'p-zhang', form: 'Contact', name: '张伟', customerId: 'c-hx', customerName: '宏兴贸易', emails: ['zhang@hongxing.cn'], language: 'zh' },
      { _id: 'c-none', form: 'Customer', name: '无邮箱客户', owner: ['王芳'] },
      { _id: 'd-nord', form: 'Deal', name: 'Ball valves', customerId: 'c-nord', customerName: '汉堡北方阀门有限公司', owner: ['王芳'], status: 'won', currency: 'EUR',
        payments: [{ due: '2026-02-01', amount: 5000, received: 1000 }, { due: '2026-02-20', amount: 3000 }, { due: '2026-05-01', amount: 2000 }] },
      { _id: 'd-hx', form: 'Deal', name: '蝶阀订单', customerId: 'c-hx', customerName: '宏兴贸易', owner: ['王芳'], status: 'won', currency: 'CNY', payments: [{ due: '2026-03-01', amount: 80000 }] },
      { _id: 'd-paid', form: 'Deal', name: '已付清', customerId: 'c-hx', customerName: '宏兴贸易', owner: ['王芳'], status: 'won', currency: 'CNY', payments: [{ due: '2026-02-01', amount: 100, received: 100 }] },
      { _id: 'd-none', form: 'Deal', name: '无人可寄', customerId: 'c-none', customerName: '无邮箱客户', owner: ['王芳'], status: 'won', currency: 'USD', payments: [{ due: '2026-02-01', amount: 100 }] },
    ], as('王芳'));
    wang = new SessionClient(running.url);
    assert.equal((await wang.signIn('王芳', PASSWORD)).status, 200);
  });
  after(async () => {
    await running.close();
    await cleanup();
  });
  const crm = () => running.store.database('crm');
  const reminders = async () => (await crm().pouch.allDocs({ include_docs: true, startkey: 'payment-reminder-', endkey: 'payment-reminder-\uffff' })).rows.map((r) => r.doc as Doc);

  test('what is overdue, and the ISO week across a new year', () => {
    assert.deepEqual(overdueDues({ payments: [{ due: '2026-02-01', amount: 5000, received: 1000 }, { due: '2026-03-04', amount: 1 }, { due: 'soon', amount: 1 }, null] }, '2026-03-04'), [{ due: '2026-02-01', outstanding: 4000 }]);
    assert.deepEqual(['2026-03-04', '2026-01-01', '2027-01-01', '2024-12-30'].map(isoWeek), ['2026-W10', '2026-W01', '2026-W53', '2025-W01']);
  });

  test('one click mails the English contact the overdue payments of the deal, records it on the deal, and a second click that week is refused', async () => {
    const answer = await wang.request('POST', '/api/crm/deals/d-nord/payment-reminder', {});
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const [mail, ...more] = await reminders();
    assert.equal(more.length, 0);
    assert.deepEqual([mail!.status, mail!.to, mail!.subject, mail!.contactId], ['queued', ['hans@nordwerk.de'], 'Payment reminder: Ball valves', 'p-hans']);
    assert.match(String(mail!.body), /^Dear Hans Müller,/);
    assert.match(String(mail!.body), /· due 2026-02-01, outstanding EUR 4,000.00\n· due 2026-02-20, outstanding EUR 3,000.00$/);
    const deal = await crm().get('d-nord');
    assert.deepEqual((deal.sentDocuments as Doc[]).map((e) => [e.kind, e.by, e.to, e.detail]), [['reminder', '王芳', 'hans@nordwerk.de', '2026-02-01 EUR 4,000.00; 2026-02-20 EUR 3,000.00']]);

    const again = await wang.request('POST', '/api/crm/deals/d-nord/payment-reminder', {});
    assert.equal(again.status, 409);
    assert.match(JSON.stringify(again.body), /本周（2026-W10）已就这些逾期款项发过付款提醒/);
    assert.equal((await reminders()).length, 1);
  });

  test('bad requests are refused with a reason', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ['d-paid', {}, 400, /没有逾期未付的款项/],
      ['d-none', {}, 400, /No contact of the customer has an e-mail address/],
      ['d-none', { to: 'nobody' }, 400, /不是电子邮件地址/],
      ['d-none', { to: ['a@b.cn'] }, 400, /to must be text/],
      ['no-such-deal', {}, 404, /No such deal/],
    ];
    for (const [id, body, status, reason] of cases) {
      const answer = await wang.request('POST', `/api/crm/deals/${id}/payment-reminder`, body);
      assert.equal(answer.status, status, `${id}: ${JSON.stringify(answer.body)}`);
      assert.match(JSON.stringify(answer.body), reason);
    }
    const li = new SessionClient(running.url);
    await li.signIn('李雷', PASSWORD);
    assert.equal((await li.request('POST', '/api/crm/deals/d-nord/payment-reminder', {})).status, 404, '李雷 does not read the deal');
  });

  test('the weekly batch reminds each overdue deal once, in its contact’s language, not the one reminded this week, and not again that week', async () => {
    const logger = createLogger('silent');
    assert.equal(await paymentReminderBatch(running.store, new Date(WEDNESDAY), logger), 0, 'no weekday set: no batch');
    await crm().save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', paymentReminderWeekday: '4' }, { user: SERVER_USER, now: WEDNESDAY });
    assert.equal(await paymentReminderBatch(running.store, new Date(WEDNESDAY), logger), 0, 'Thursdays: not yet on Wednesday');
    const thursday = new Date('2026-03-05T01:00:00.000Z');
    assert.equal(await paymentReminderBatch(running.store, thursday, logger), 1, 'd-hx only: d-nord was reminded this week, d-none has no address');
    const zh = (await reminders()).find((m) => m.customerId === 'c-hx')!;
    assert.deepEqual([zh.to, zh.subject], [['zhang@hongxing.cn'], '付款提醒：蝶阀订单']);
    assert.match(String(zh.body), /^张伟，您好：/);
    assert.match(String(zh.body), /· 应收日期 2026-03-01，未付 CNY 80,000.00$/);
    assert.equal(await paymentReminderBatch(running.store, new Date('2026-03-06T01:00:00.000Z'), logger), 0, 'once a week');

    // The next week both are reminded again, by the settings' template in each language.
    await crm().saveMany([
      { _id: 'tpl-rem-zh', form: 'MailTemplate', name: '付款提醒', language: 'zh', subject: '{{客户}}：付款提醒', body: '{{联系人}}您好：' },
      { _id: 'tpl-rem-en', form: 'MailTemplate', name: '付款提醒', language: 'en', subject: '{{customerName}}: payment reminder', body: 'Dear {{contactName}},' },
    ], { user: SERVER_USER, now: WEDNESDAY });
    await crm().save({ ...(await crm().get(CRM_SETTINGS_ID)), paymentReminderTemplateId: 'tpl-rem-zh' }, { user: SERVER_USER, now: WEDNESDAY });
    assert.equal(await paymentReminderBatch(running.store, new Date('2026-03-12T08:00:00.000Z'), logger), 2);
    const week11 = (await reminders()).filter((m) => String(m._id).includes('2026-W11'));
    assert.deepEqual(week11.map((m) => m.subject).sort(), ['宏兴贸易：付款提醒', '汉堡北方阀门有限公司: payment reminder']);
    assert.equal(((await crm().get('d-nord')).sentDocuments as Doc[]).length, 2);
  });

  test('two servers running the batch at once remind each overdue payment once', async () => {
    const logger = createLogger('silent');
    const at = new Date('2026-03-19T08:00:00.000Z');
    await Promise.all([paymentReminderBatch(running.store, at, logger), paymentReminderBatch(running.store, at, logger)]);
    const week12 = (await reminders()).filter((m) => String(m._id).includes('2026-W12'));
    // Racing servers may split one deal's dues between two mails, never name a due twice.
    const lines = week12.flatMap((m) => String(m.body).split('\n').filter((line) => line.startsWith('·'))).sort();
    assert.deepEqual(lines, ['· due 2026-02-01, outstanding EUR 4,000.00', '· due 2026-02-20, outstanding EUR 3,000.00', '· 应收日期 2026-03-01，未付 CNY 80,000.00'].sort());
    assert.equal(await paymentReminderBatch(running.store, at, logger), 0, 'the week is done');
  });
});
