import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Doc } from '../../design/form.js';
import { addGroupMembers, markLeft, savePerson, setAclEntry } from '../../server/directory/directory-edits.js';
import { createLogger } from '../../server/log.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { Outbox } from '../../server/mail/outbox.js';
import { daysToCover, hasBirthdayOn } from '../../server/scheduler/birthday-care.js';
import { findDue } from '../../server/scheduler/find-due.js';
import { Scheduler } from '../../server/scheduler/scheduler.js';
import type { Store } from '../../server/store/store.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';
import { ADMIN_CTX } from '../mail/mail-world.js';

const logger = createLogger('silent');

function followUp(id: string, due: string, extra: Doc = {}): Doc {
  return { _id: id, form: 'DueWork', kind: 'followUp', due, subject: '报价单', owner: ['Li Lei'], customerName: '阿克米', aboutId: 'out-1', ...extra };
}

function scheduler(store: Store, serverId: string, outbox?: Outbox): Scheduler {
  return new Scheduler({ store, serverId, logger, ...(outbox ? { outbox } : {}) });
}

async function notices(store: Store): Promise<Doc[]> {
  const { rows } = await store.database('crm').pouch.allDocs({ include_docs: true });
  return rows.flatMap((row) => (row.doc?.form === 'Notice' ? [row.doc as Doc] : []));
}

describe('the scheduler', () => {
  let t: TestStore;
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
  });
  after(() => sink.stop());

  /** The company's sending account (the SMTP sink) and Li Lei, who has an address. */
  async function sendingAccountAndLiLei(store: Store) {
    await store.database('names').save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', displayName: 'Guanxi', smtpHost: sink.host, smtpPort: sink.port, smtpTls: false }, ADMIN_CTX);
    await savePerson(store.database('names'), 'Li Lei', { email: 'li.lei@guanxi-trading.cn' }, ADMIN_CTX);
  }

  async function fresh() {
    t = await openTestStore('embedded');
    sink.received.length = 0;
  }

  it('finds due work soonest first, including work missed while no server ran, and not work another server holds', () => {
    const now = new Date('2026-03-10T09:00:00.000Z');
    const docs = [
      followUp('late', '2026-03-01T09:00:00.000Z'),
      followUp('now', '2026-03-10T09:00:00.000Z'),
      followUp('future', '2026-03-10T09:00:01.000Z'),
      followUp('held', '2026-03-02T09:00:00.000Z', { leaseUntil: '2026-03-10T09:01:00.000Z' }),
      followUp('expired', '2026-03-03T09:00:00.000Z', { leaseUntil: '2026-03-10T08:59:00.000Z' }),
      followUp('done', '2026-03-01T09:00:00.000Z', { status: 'done' }),
    ].map((doc) => ({ status: 'pending', ...doc }));
    assert.deepEqual(findDue(now, docs).map((d) => d._id), ['late', 'expired', 'now']);
  });

  it('does each follow-up once with two servers, survives a restart, and skips one a reply cancelled', async () => {
    await fresh();
    try {
      const crm = t.store.database('crm');
      await crm.save(followUp('followup-a', '2026-03-05T09:00:00.000Z'), saveContext());
      await crm.save(followUp('followup-b', '2026-03-09T09:00:00.000Z'), saveContext());
      await crm.save(followUp('followup-c', '2026-03-05T09:00:00.000Z', { status: 'cancelled', cancelledBy: 'mail-reply' }), saveContext());
      const at = new Date('2026-03-06T09:00:00.000Z');
      await Promise.all([scheduler(t.store, 'server-a').tick(at), scheduler(t.store, 'server-b').tick(at), scheduler(t.store, 'server-a').tick(at)]);
      const made = await notices(t.store);
      assert.equal(made.length, 1, 'one notice for the one follow-up due');
      assert.equal(made[0]!.subject, '跟进：报价单');
      assert.deepEqual(made[0]!.recipients, ['Li Lei']);
      assert.equal(made[0]!.linkId, 'out-1');
      assert.equal((await crm.get('followup-a')).status, 'done');
      assert.equal((await crm.get('followup-b')).status, 'pending');

      // The server is down past the second follow-up's time; after the restart it catches up.
      const store = await t.reopen();
      await scheduler(store, 'server-a').tick(new Date('2026-03-12T09:00:00.000Z'));
      assert.equal((await store.database('crm').get('followup-b')).status, 'done');
      assert.equal((await notices(store)).length, 2);
    } finally {
      await t.cleanup();
    }
  });

  it('mails each notice once, when due, to the recipients the directory has an address for', async () => {
    await fresh();
    const outboxes: Outbox[] = [];
    try {
      const { store } = t;
      await sendingAccountAndLiLei(store);
      await savePerson(store.database('names'), 'Wang Fang', {}, ADMIN_CTX);
      const crm = store.database('crm');
      await crm.save({ _id: 'n-now', form: 'Notice', kind: 'urge', recipients: ['Li Lei', 'Wang Fang'], subject: '催办：德国订单', body: '请尽快报价' }, saveContext('2026-03-02T08:00:00.000Z', 'Zhao Min', ['[Manager]']));
      await crm.save({ _id: 'n-later', form: 'Notice', kind: 'reminder', recipients: ['Li Lei'], subject: '拜访客户', due: '2026-03-03T09:00:00.000Z' }, saveContext('2026-03-02T08:00:00.000Z', 'Zhao Min'));
      await crm.save({ _id: 'n-nobody', form: 'Notice', kind: 'care', recipients: ['Wang Fang'], subject: '客户生日' }, saveContext('2026-03-02T08:00:00.000Z', 'Zhao Min'));
      const outbox = (serverId: string) => {
        const o = new Outbox({ store, book: new AddressBook(crm.pouch), serverId, logger, accounts: async () => (await loadMailSettings(store)).accounts });
        outboxes.push(o);
        return o;
      };
      const at = new Date('2026-03-02T09:00:00.000Z');
      await Promise.all([scheduler(store, 'server-a', outbox('server-a')).tick(at), scheduler(store, 'server-b', outbox('server-b')).tick(at)]);
      await scheduler(store, 'server-a', outbox('server-a')).tick(at);
      assert.equal(sink.received.length, 1);
      assert.deepEqual(sink.received[0]!.to, ['li.lei@guanxi-trading.cn']);
      assert.match(sink.received[0]!.raw, /^Subject: .*$/m);
      assert.equal(typeof (await crm.get('n-now')).mailedAt, 'string');
      assert.equal(typeof (await crm.get('n-nobody')).mailedAt, 'string', 'dealt with: nobody to mail');
      assert.equal((await crm.get('n-later')).mailedAt, undefined, 'not yet due');

      await scheduler(store, 'server-b', outbox('server-b')).tick(new Date('2026-03-03T09:00:30.000Z'));
      assert.equal(sink.received.length, 2);
      assert.equal((await crm.get('noticemail-n-later')).status, 'sent');
      assert.deepEqual((await crm.get('noticemail-n-later')).readers, ['Zhao Min', 'Li Lei'], 'the mail copy is as private as the notice');
    } finally {
      await Promise.all(outboxes.map((o) => o.close()));
      await t.cleanup();
    }
  });

  it('links a notice mail to the document in the workstation when the public address is known, and marks it automatic', async () => {
    await fresh();
    const outboxes: Outbox[] = [];
    try {
      const { store } = t;
      await sendingAccountAndLiLei(store);
      const crm = store.database('crm');
      await crm.save({ _id: 'n-care', form: 'Notice', kind: 'care', recipients: ['Li Lei'], subject: '03-02 是 Greta 的生日', body: '别忘了问候 Greta。', linkDb: 'crm', linkId: 'contact-greta' }, saveContext('2026-03-02T08:00:00.000Z', 'Zhao Min'));
      const outbox = new Outbox({ store, book: new AddressBook(crm.pouch), serverId: 'a', logger, accounts: async () => (await loadMailSettings(store)).accounts });
      outboxes.push(outbox);
      await new Scheduler({ store, serverId: 'a', logger, outbox, publicUrl: 'https://crm.guanxi-trading.cn/' }).tick(new Date('2026-03-02T09:00:00.000Z'));
      assert.equal(sink.received.length, 1);
      const mail = await simpleParser(sink.received[0]!.raw);
      assert.match(mail.text ?? '', /别忘了问候 Greta。\n\nhttps:\/\/crm\.guanxi-trading\.cn\/#\/crm\/[a-z-]+\/contact-greta\n?$/);
      assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
    } finally {
      await Promise.all(outboxes.map((o) => o.close()));
      await t.cleanup();
    }
  });

  it('mails a notice to groups (nested) and roles as their people, each person once, nobody who left', async () => {
    await fresh();
    const outboxes: Outbox[] = [];
    try {
      const { store } = t;
      const names = store.database('names');
      await names.save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', smtpHost: sink.host, smtpPort: sink.port, smtpTls: false }, ADMIN_CTX);
      await savePerson(names, 'Li Lei', { email: 'li.lei@guanxi-trading.cn' }, ADMIN_CTX);
      await savePerson(names, '王芳', { email: 'wang.fang@guanxi-trading.cn' }, ADMIN_CTX);
      await savePerson(names, 'Zhao Min', { email: 'zhao.min@guanxi-trading.cn', roles: ['[Manager]'] }, ADMIN_CTX);
      await savePerson(names, '孙强', { email: 'sun.qiang@guanxi-trading.cn' }, ADMIN_CTX);
      await savePerson(names, 'Chen Jing', { email: 'chen.jing@guanxi-trading.cn' }, ADMIN_CTX);
      await markLeft(names, 'Chen Jing', ADMIN_CTX);
      await savePerson(names, 'Nobody Else', { email: 'nobody@guanxi-trading.cn' }, ADMIN_CTX);
      await addGroupMembers(names, '销售部', ['Li Lei', '亚洲组'], ADMIN_CTX);
      await addGroupMembers(names, '亚洲组', ['王芳', 'Chen Jing', 'Li Lei'], ADMIN_CTX);
      // A role given by the crm ACL rather than held by the person.
      await setAclEntry(names, 'crm', { name: '孙强', level: 'author', roles: ['[Finance]'] }, ADMIN_CTX);
      const crm = store.database('crm');
      await crm.save({ _id: 'n-groups', form: 'Notice', kind: 'payment', recipients: ['销售部', '[Manager]', '[Finance]', 'Li Lei'], subject: '收款提醒：阿克米' }, saveContext('2026-03-02T08:00:00.000Z', 'Zhao Min'));
      const outbox = new Outbox({ store, book: new AddressBook(crm.pouch), serverId: 'server-a', logger, accounts: async () => (await loadMailSettings(store)).accounts });
      outboxes.push(outbox);
      await scheduler(store, 'server-a', outbox).tick(new Date('2026-03-02T09:00:00.000Z'));
      assert.equal(sink.received.length, 1);
      assert.deepEqual([...sink.received[0]!.to].sort(), ['li.lei@guanxi-trading.cn', 'sun.qiang@guanxi-trading.cn', 'wang.fang@guanxi-trading.cn', 'zhao.min@guanxi-trading.cn']);
      assert.deepEqual([...(await crm.get('noticemail-n-groups')).toNames as string[]].sort(), ['Li Lei', 'Zhao Min', '孙强', '王芳'].sort());
    } finally {
      await Promise.all(outboxes.map((o) => o.close()));
      await t.cleanup();
    }
  });

  it('knows which days to cover and whose birthday falls on them', () => {
    assert.deepEqual(daysToCover(undefined, '2026-03-10'), ['2026-03-10']);
    assert.deepEqual(daysToCover('2026-03-07', '2026-03-10'), ['2026-03-08', '2026-03-09', '2026-03-10']);
    assert.equal(daysToCover('2026-01-01', '2026-03-10').length, 7, 'a week at most');
    assert.equal(hasBirthdayOn('1980-02-29', '2027-02-28'), true);
    assert.equal(hasBirthdayOn('1980-02-29', '2028-02-28'), false);
    assert.equal(hasBirthdayOn('1975-03-10', '2026-03-10'), true);
  });

  it('tells the salesperson of each birthday once, catching up days no server ran', async () => {
    await fresh();
    try {
      const crm = t.store.database('crm');
      await crm.save({ _id: 'customer-acme', form: 'Customer', name: '阿克米', category: 'existing', owner: ['Li Lei'] }, saveContext());
      await crm.save({ _id: 'contact-today', form: 'Contact', name: '张伟', customerId: 'customer-acme', customerName: '阿克米', birthday: '1980-03-10' }, saveContext());
      await crm.save({ _id: 'contact-missed', form: 'Contact', name: 'Mary', customerId: 'customer-gone', customerName: 'Smith', birthday: '1990-03-08' }, saveContext());
      await crm.save({ _id: 'contact-later', form: 'Contact', name: '王芳', customerId: 'customer-acme', birthday: '1985-05-01' }, saveContext());
      await scheduler(t.store, 'server-a').tick(new Date('2026-03-07T09:00:00.000Z'));
      assert.equal((await notices(t.store)).length, 0);
      // No server runs on the 8th and 9th.
      const at = new Date('2026-03-10T00:00:30.000Z');
      await Promise.all([scheduler(t.store, 'server-a').tick(at), scheduler(t.store, 'server-b').tick(at)]);
      await scheduler(t.store, 'server-a').tick(new Date('2026-03-10T12:00:00.000Z'));
      const made = (await notices(t.store)).sort((a, b) => String(a._id).localeCompare(String(b._id)));
      assert.deepEqual(made.map((n) => [n._id, n.kind, n.recipients]), [
        ['care-contact-missed-2026', 'care', ['[Manager]']],
        ['care-contact-today-2026', 'care', ['Li Lei']],
      ]);
      assert.equal(made[1]!.subject, '03-10 是 张伟（阿克米）的生日');
    } finally {
      await t.cleanup();
    }
  });
});
