import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import type { Doc } from '../../design/form.js';
import { occurrences } from '../../design/calendar/occurrences.js';
import { validate } from '../../design/validate.js';
import { sendReminders } from '../../server/crm/send-reminders.js';
import { savePerson } from '../../server/directory/directory-edits.js';
import { createLogger } from '../../server/log.js';
import { AddressBook } from '../../server/mail/address-book.js';
import { loadMailSettings } from '../../server/mail/mail-settings.js';
import { Outbox } from '../../server/mail/outbox.js';
import { Scheduler } from '../../server/scheduler/scheduler.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { SessionClient } from '../helpers/session-client.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { idsOf, localReplica } from '../helpers/sync-client.js';
import { gatewayWorld, PASSWORD, type GatewayWorld } from '../gateway/gateway-fixture.js';
import { ADMIN_CTX } from '../mail/mail-world.js';

const at = (name: string, now = '2026-03-02T10:00:00.000Z') => ({ user: { name, roles: [] }, now });

/** The start instants (ISO) of an iCalendar feed's events named `summary`, from `from` on, as a calendar client expands them. */
function feedStarts(ics: string, summary: string, count: number): string[] {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const component = calendar.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('summary') === summary);
  assert.ok(component, `the feed holds ${summary}`);
  const iterator = new ICAL.Event(component).iterator();
  return Array.from({ length: count }, () => iterator.next()!.toJSDate().toISOString());
}

describe('the calendar on the server: reminders at the lead time, invitations, private entries, the iCal feed', () => {
  let world: GatewayWorld;
  let sink: SmtpSink;
  let wang: SessionClient;
  let li: SessionClient;
  const crm = () => world.running.store.database('crm');
  before(async () => {
    sink = await startSmtpSink();
    world = await gatewayWorld([
      { name: '王芳', access: { crm: 'author' } },
      { name: '李雷', access: { crm: 'author' } },
      { name: '赵敏', access: { crm: 'author' } },
    ]);
    const store = world.running.store;
    await store.database('names').save({ _id: 'mailaccount-sales', form: 'MailAccount', address: 'sales@guanxi-trading.cn', displayName: 'Guanxi', smtpHost: sink.host, smtpPort: sink.port, smtpTls: false }, ADMIN_CTX);
    await savePerson(store.database('names'), '王芳', { email: 'wang.fang@guanxi-trading.cn' }, ADMIN_CTX);
    await savePerson(store.database('names'), '李雷', { email: 'li.lei@guanxi-trading.cn' }, ADMIN_CTX);
    wang = new SessionClient(world.running.url);
    li = new SessionClient(world.running.url);
    assert.equal((await wang.signIn('王芳', PASSWORD)).status, 200);
    assert.equal((await li.signIn('李雷', PASSWORD)).status, 200);
  });
  after(async () => {
    await world.close();
    await sink.stop();
  });

  /** A mail from the organizer received for 李雷, with `ics` as its invite.ics part. */
  async function receiveInvitation(id: string, subject: string, ics: string, more: Doc = {}): Promise<void> {
    await crm().save({ _id: id, form: 'MailMessage', direction: 'in', subject, from: 'hans@acme.de', readers: ['李雷'], ...more,
      _attachments: { 'invite.ics': { content_type: 'text/calendar', data: Buffer.from(ics).toString('base64') } } }, ADMIN_CTX);
  }

  function scheduler(): Scheduler {
    const store = world.running.store;
    const outbox = new Outbox({ store, book: new AddressBook(crm().pouch), serverId: 'a', logger: createLogger('silent'), accounts: async () => (await loadMailSettings(store)).accounts });
    return new Scheduler({ store, serverId: 'a', logger: createLogger('silent'), outbox });
  }

  test('a weekly meeting in Berlin stays at 09:00 Berlin time across the daylight-saving change, an hour earlier for Beijing', () => {
    const weekly = { when: '2026-03-16T08:00:00.000Z', end: '2026-03-16T09:00:00.000Z', rrule: 'FREQ=WEEKLY', timeZone: 'Europe/Berlin' };
    const starts = occurrences(weekly, Date.parse('2026-03-16T00:00:00Z'), Date.parse('2026-04-07T00:00:00Z')).map((o) => new Date(o.start).toISOString());
    assert.deepEqual(starts, ['2026-03-16T08:00:00.000Z', '2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-04-06T07:00:00.000Z']);
  });

  test('the reminder comes at the lead time before each occurrence, as a notice and a mail, once', async () => {
    await crm().save({ _id: 'visit', form: 'Appointment', subject: '拜访广州汇川水务', when: '2026-04-15T02:00:00.000Z', end: '2026-04-15T03:00:00.000Z', remindBefore: '60', customerName: '广州汇川水务' }, at('王芳'));
    assert.equal((await crm().get('visit')).nextReminder, '2026-04-15T01:00:00.000Z');
    assert.equal(await sendReminders(crm(), '2026-04-15T00:59:00.000Z'), 0, 'not before the lead time');
    assert.equal(await sendReminders(crm(), '2026-04-15T01:00:00.000Z'), 1);
    assert.equal(await sendReminders(crm(), '2026-04-15T01:30:00.000Z'), 0, 'once');
    const notice = await crm().get('reminder-visit');
    assert.deepEqual([notice.kind, notice.recipients], ['reminder', ['王芳']]);
    assert.match(String(notice.body), /2026-04-15 10:00 \(Asia\/Shanghai\)/);
    sink.received.length = 0;
    await scheduler().tick(new Date('2026-04-15T01:00:30.000Z'));
    await expectEventually(() => assert.equal(sink.received.filter((m) => m.to.includes('wang.fang@guanxi-trading.cn')).length, 1));
    const mail = await simpleParser(sink.received[0]!.raw);
    assert.equal(mail.subject, '[Guanxi] 拜访广州汇川水务');

    await crm().save({ _id: 'standup', form: 'Appointment', subject: 'Weekly call Hamburg', when: '2026-03-16T08:00:00.000Z', repeat: 'weekly', timeZone: 'Europe/Berlin', remindBefore: '15' }, at('王芳'));
    assert.equal(await sendReminders(crm(), '2026-03-16T07:45:00.000Z'), 1);
    assert.equal((await crm().get('standup')).nextReminder, '2026-03-23T07:45:00.000Z');
    assert.equal(await sendReminders(crm(), '2026-03-23T07:45:00.000Z'), 1);
    assert.equal((await crm().get('standup')).nextReminder, '2026-03-30T06:45:00.000Z', 'after the change, 15 minutes before 09:00 Berlin');
    assert.equal(await sendReminders(crm(), '2026-03-30T06:44:00.000Z'), 0);

    await crm().save({ _id: 'old-series', form: 'Appointment', subject: '周一例会', when: '2026-01-05T01:00:00.000Z', repeat: 'weekly' }, at('王芳'));
    assert.equal(await sendReminders(crm(), '2026-03-18T00:00:00.000Z'), 0, 'no reminder of a meeting already over');
    assert.equal((await crm().get('old-series')).nextReminder, '2026-03-23T01:00:00.000Z');
  });

  test('an invited colleague gets a notice and a mail with an .ics part, accepts, and may change nothing else', async () => {
    const saved = await crm().save({ _id: 'meeting', form: 'Appointment', subject: '报价评审', when: '2026-05-06T06:00:00.000Z', end: '2026-05-06T07:00:00.000Z', attendees: ['李雷'], place: '三号会议室' }, at('王芳'));
    assert.deepEqual(saved.authors?.sort(), ['李雷', '王芳'].sort());
    await expectEventually(async () => assert.deepEqual((await crm().get('meeting')).invited, ['李雷']));
    const invitations = (await crm().pouch.allDocs({ include_docs: true, startkey: 'invitation-meeting', endkey: 'invitation-meeting\uffff' })).rows;
    assert.equal(invitations.length, 1);
    assert.deepEqual((invitations[0]!.doc as Doc).recipients, ['李雷']);
    sink.received.length = 0;
    await scheduler().tick(new Date('2026-05-01T01:00:00.000Z'));
    await expectEventually(() => assert.ok(sink.received.some((m) => m.to.includes('li.lei@guanxi-trading.cn')), 'the reminder mail reached Li Lei'));
    const mail = await simpleParser(sink.received.find((m) => m.to.includes('li.lei@guanxi-trading.cn'))!.raw);
    const ics = mail.attachments.find((a) => a.contentType === 'text/calendar');
    assert.ok(ics, 'the invitation carries a text/calendar part');
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics.content.toString('utf8')) as unknown[]).getFirstSubcomponent('vevent')!);
    assert.equal(event.summary, '报价评审');
    assert.equal(event.startDate.toJSDate().toISOString(), '2026-05-06T06:00:00.000Z');
    assert.equal(event.attendees[0]?.getParameter('partstat'), 'NEEDS-ACTION');

    let stored = await crm().get('meeting');
    assert.deepEqual(validate({ ...stored, accepted: ['李雷'] }, stored, { name: '李雷', roles: [] }, () => null), []);
    await crm().save({ ...stored, accepted: ['李雷'] }, at('李雷'));
    await expectEventually(async () => {
      const told = (await crm().pouch.allDocs({ include_docs: true, startkey: 'answer-meeting', endkey: 'answer-meeting\uffff' })).rows.map((r) => r.doc as Doc);
      assert.deepEqual(told.map((n) => [n.kind, n.recipients, n.subject]), [['answer', ['王芳'], '李雷 接受了邀请 (accepted)：报价评审']]);
    });
    await expectEventually(async () => assert.deepEqual((await crm().get('meeting')).answersTold, ['李雷:accepted']));
    stored = await crm().get('meeting');
    assert.ok(validate({ ...stored, subject: '改了' }, stored, { name: '李雷', roles: [] }, () => null).some((e) => e.field === 'subject'), 'an attendee cannot change the entry');
    assert.ok(validate({ ...stored, accepted: ['赵敏'] }, stored, { name: '李雷', roles: [] }, () => null).some((e) => e.field === 'accepted'), 'nor answer for someone else');
  });

  test('a private entry is read only by its people; others see its time as busy; the feed holds mine and nobody else\'s private entry', async () => {
    await crm().save({ _id: 'doctor', form: 'Appointment', subject: '看医生', when: '2026-05-07T01:00:00.000Z', end: '2026-05-07T02:00:00.000Z', private: true }, at('王芳'));
    await crm().save({ _id: 'li-private', form: 'Appointment', subject: '李雷的私事', when: '2026-05-07T03:00:00.000Z', private: true }, at('李雷'));
    await expectEventually(async () => assert.equal((await crm().find('busy-doctor'))?.form, 'BusyTime'));
    const busy = await crm().get('busy-doctor');
    assert.deepEqual([busy.people, busy.when, busy.end, busy.subject], [['王芳'], '2026-05-07T01:00:00.000Z', '2026-05-07T02:00:00.000Z', undefined]);
    const zhao = localReplica('zhao-calendar');
    await zhao.replicate.from(world.remote(await world.signIn('赵敏')));
    const ids = await idsOf(zhao);
    assert.ok(ids.includes('busy-doctor') && !ids.includes('doctor'), '赵敏 has the busy time, not the entry');

    const { body } = await wang.request('GET', '/api/calendar/feed');
    const path = String(body!.path);
    const feed = await fetch(new URL(path, world.running.url));
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type') ?? '', /^text\/calendar/);
    const text = await feed.text();
    const summaries = new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents('vevent').map((e) => e.getFirstPropertyValue('summary'));
    assert.ok(summaries.includes('看医生') && summaries.includes('拜访广州汇川水务') && summaries.includes('报价评审'), JSON.stringify(summaries));
    assert.ok(!summaries.includes('李雷的私事'), 'no private entry of anyone else');
    assert.deepEqual(feedStarts(text, 'Weekly call Hamburg', 4), ['2026-03-16T08:00:00.000Z', '2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-04-06T07:00:00.000Z']);

    const renewed = await wang.request('POST', '/api/calendar/feed');
    assert.notEqual(renewed.body!.path, path);
    assert.equal((await fetch(new URL(path, world.running.url))).status, 404, 'the old address is revoked');
    assert.equal((await fetch(new URL(String(renewed.body!.path), world.running.url))).status, 200);
    assert.equal((await wang.request('DELETE', '/api/calendar/feed')).status, 204);
    assert.equal((await fetch(new URL(String(renewed.body!.path), world.running.url))).status, 404);
    assert.equal((await fetch(new URL('/ical/not-a-secret.ics', world.running.url))).status, 404);

    await crm().save({ ...(await crm().get('doctor')), private: false }, at('王芳'));
    await expectEventually(async () => assert.equal(await crm().find('busy-doctor'), null, 'no longer private: no busy time'));
  });

  test('a text/calendar invitation received by mail is accepted into the calendar, once', async () => {
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT',
      'UID:040000008200E00074C5B7101A82E008', 'SUMMARY:Factory audit Acme', 'DTSTART;TZID=Europe/Berlin:20260602T100000', 'DTEND;TZID=Europe/Berlin:20260602T113000',
      'LOCATION:Hamburg', 'ORGANIZER;CN=Hans Weber:mailto:hans@acme.de', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    await receiveInvitation('mail-invite', 'Invitation: Factory audit', ics);
    assert.equal((await li.request('POST', '/api/calendar/invitations', { mailId: 42 })).status, 400);
    assert.equal((await wang.request('POST', '/api/calendar/invitations', { mailId: 'mail-invite' })).status, 404, 'not 王芳’s mail');
    const answer = await li.request('POST', '/api/calendar/invitations', { mailId: 'mail-invite' });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const entry = answer.body as Doc;
    assert.deepEqual([entry.subject, entry.when, entry.end, entry.place, entry.timeZone, entry.organizer], ['Factory audit Acme', '2026-06-02T08:00:00.000Z', '2026-06-02T09:30:00.000Z', 'Hamburg', 'Europe/Berlin', ['李雷']]);
    assert.match(String(entry.notes), /Hans Weber/);
    assert.equal((await li.request('POST', '/api/calendar/invitations', { mailId: 'mail-invite' })).status, 200, 'the same invitation again updates the entry');
    const broken: [string, string][] = [['mail-garbage', 'not a calendar at all'], ['mail-bad-date', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nDTSTART:garbage\r\nRRULE:FREQ=NEVER\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'], ['mail-no-event', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n']];
    for (const [id, text] of broken) {
      await crm().save({ _id: id, form: 'MailMessage', direction: 'in', subject: 'broken', readers: ['李雷'],
        _attachments: { 'invite.ics': { content_type: 'text/calendar', data: Buffer.from(text).toString('base64') } } }, ADMIN_CTX);
      const refused = await li.request('POST', '/api/calendar/invitations', { mailId: id });
      assert.equal(refused.status, 400, `${id}: ${JSON.stringify(refused.body)}`);
    }
    await crm().save({ _id: 'mail-plain', form: 'MailMessage', direction: 'in', subject: 'no invite', readers: ['李雷'] }, ADMIN_CTX);
    assert.equal((await li.request('POST', '/api/calendar/invitations', { mailId: 'mail-plain' })).status, 400);
  });

  test('accepting or declining a received invitation mails the organizer an iTIP REPLY through SMTP, once per answer', async () => {
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT',
      'UID:reply-test-0001@acme.de', 'SEQUENCE:2', 'SUMMARY:Quality review 质量评审', 'DTSTART;TZID=Europe/Berlin:20260609T140000', 'DTEND;TZID=Europe/Berlin:20260609T150000',
      'ORGANIZER;CN=Hans Weber:mailto:hans@acme.de', 'ATTENDEE;CN=Sales Team;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:sales@guanxi-trading.cn',
      'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    await receiveInvitation('mail-invite-reply', 'Invitation: Quality review', ics, { to: ['sales@guanxi-trading.cn'] });
    assert.equal((await li.request('POST', '/api/calendar/invitations', { mailId: 'mail-invite-reply', answer: 'maybe' })).status, 400);

    /** The REPLYs with this answer that reached the SMTP server for the organizer: method, event and the attendee's answer. */
    const repliesMailed = async (partstat: string) => expectEventually(async () => {
      const replies = [];
      for (const received of sink.received.filter((m) => m.to.includes('hans@acme.de'))) {
        const part = (await simpleParser(received.raw)).attachments.find((a) => a.contentType === 'text/calendar');
        assert.ok(part, 'a reply carries a text/calendar part');
        const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')) as unknown[]);
        const event = calendar.getFirstSubcomponent('vevent')!;
        const attendee = event.getFirstProperty('attendee')!;
        replies.push({
          method: calendar.getFirstPropertyValue('method'), uid: event.getFirstPropertyValue('uid'), sequence: event.getFirstPropertyValue('sequence'),
          attendee: attendee.getFirstValue(), partstat: attendee.getParameter('partstat'),
        });
      }
      // The invitation accepted in the test before is answered too (as li.lei@…, the address it did not name).
      const answered = replies.filter((r) => r.partstat === partstat && r.uid === 'reply-test-0001@acme.de');
      assert.ok(answered.length > 0, `a ${partstat} reply reached hans@acme.de`);
      return answered;
    });
    sink.received.length = 0;
    const accepted = await li.request('POST', '/api/calendar/invitations', { mailId: 'mail-invite-reply', answer: 'accepted' });
    assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    assert.equal((accepted.body as Doc).replied, true);
    assert.equal((await li.request('POST', '/api/calendar/invitations', { mailId: 'mail-invite-reply' })).status, 200, 'accepted again');
    await scheduler().tick(new Date('2026-06-01T01:00:00.000Z'));
    assert.deepEqual(await repliesMailed('ACCEPTED'), [{ method: 'REPLY', uid: 'reply-test-0001@acme.de', sequence: 2, attendee: 'mailto:sales@guanxi-trading.cn', partstat: 'ACCEPTED' }],
      'answered as the address the invitation named, once');
    const entryId = String((accepted.body as Doc)._id);

    const declined = await li.request('POST', '/api/calendar/invitations', { mailId: 'mail-invite-reply', answer: 'declined' });
    assert.equal(declined.status, 200, JSON.stringify(declined.body));
    assert.equal(await crm().find(entryId), null, 'declining takes the entry out of the calendar');
    await scheduler().tick(new Date('2026-06-01T01:01:00.000Z'));
    assert.equal((await repliesMailed('DECLINED')).length, 1);
  });

  test('one occurrence of a weekly meeting moved and another deleted: reminders and the iCal feed follow (RECURRENCE-ID, EXDATE)', async () => {
    // As the workstation saves it: the moved occurrence an entry of its own, both left out of the series.
    await crm().save({ _id: 'li-weekly', form: 'Appointment', subject: 'Hamburg jour fixe', when: '2026-07-06T07:00:00.000Z', end: '2026-07-06T08:00:00.000Z', repeat: 'weekly', timeZone: 'Europe/Berlin', remindBefore: '15' }, at('李雷'));
    await crm().save({ _id: 'li-moved', form: 'Appointment', subject: 'Hamburg jour fixe (verschoben)', when: '2026-07-14T12:00:00.000Z', end: '2026-07-14T13:00:00.000Z', timeZone: 'Europe/Berlin', remindBefore: '15',
      seriesId: 'li-weekly', recurrenceId: '2026-07-13T07:00:00.000Z' }, at('李雷'));
    const series = await crm().get('li-weekly');
    await crm().save({ ...series, exdates: ['2026-07-13T07:00:00.000Z', '2026-07-20T07:00:00.000Z'] }, at('李雷'));
    assert.deepEqual(occurrences(await crm().get('li-weekly'), Date.parse('2026-07-06T00:00:00Z'), Date.parse('2026-08-01T00:00:00Z')).map((o) => new Date(o.start).toISOString()),
      ['2026-07-06T07:00:00.000Z', '2026-07-27T07:00:00.000Z']);

    await sendReminders(crm(), '2026-07-06T06:45:00.000Z');
    assert.equal((await crm().get('li-weekly')).nextReminder, '2026-07-27T06:45:00.000Z', 'the series skips the moved and the deleted occurrence');
    assert.equal((await crm().get('li-moved')).nextReminder, '2026-07-14T11:45:00.000Z');
    await sendReminders(crm(), '2026-07-14T11:44:00.000Z');
    assert.equal(await crm().find('reminder-li-moved'), null, 'not before the moved time');
    await sendReminders(crm(), '2026-07-14T11:45:00.000Z');
    assert.deepEqual((await crm().get('reminder-li-moved')).recipients, ['李雷'], 'reminded at the moved time');

    const { body } = await li.request('GET', '/api/calendar/feed');
    const text = await (await fetch(new URL(String((body as { path: string }).path), world.running.url))).text();
    const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').filter((e) => String(e.getFirstPropertyValue('summary')).startsWith('Hamburg jour fixe'));
    const main = events.find((e) => !e.hasProperty('recurrence-id'));
    const moved = events.find((e) => e.hasProperty('recurrence-id'));
    assert.ok(main && moved, 'the series and its changed occurrence');
    assert.equal(moved.getFirstPropertyValue('uid'), main.getFirstPropertyValue('uid'), 'the changed occurrence has its series\' UID');
    assert.deepEqual(main.getAllProperties('exdate').map((p) => (p.getFirstValue() as ICAL.Time).toJSDate().toISOString()), ['2026-07-20T07:00:00.000Z'], 'only the deleted one left out');
    // As a calendar client expands it: the moved occurrence in place of the 13th, none on the 20th.
    const event = new ICAL.Event(main);
    event.relateException(moved);
    const iterator = event.iterator();
    const starts = Array.from({ length: 4 }, () => event.getOccurrenceDetails(iterator.next()!).startDate.toJSDate().toISOString());
    assert.deepEqual(starts, ['2026-07-06T07:00:00.000Z', '2026-07-14T12:00:00.000Z', '2026-07-27T07:00:00.000Z', '2026-08-03T07:00:00.000Z']);
  });
  /** 李雷's iCal feed, fetched over HTTP and parsed by ical.js (its zones registered). */
  async function liFeed(): Promise<ICAL.Component> {
    const { body } = await li.request('GET', '/api/calendar/feed');
    const text = await (await fetch(new URL(String((body as { path: string }).path), world.running.url))).text();
    const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    return calendar;
  }

  test('a changed occurrence of an accepted outside invitation is fed under the invitation\'s UID with RECURRENCE-ID, so that the organizer\'s series and it match', async () => {
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT',
      'UID:weekly-supplier-7788@acme.de', 'SUMMARY:Weekly supplier call 供应商周会', 'DTSTART;TZID=Europe/Berlin:20260803T090000', 'DTEND;TZID=Europe/Berlin:20260803T093000',
      'RRULE:FREQ=WEEKLY;COUNT=6', 'ORGANIZER;CN=Hans Weber:mailto:hans@acme.de', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    await receiveInvitation('mail-invite-weekly', 'Invitation: Weekly supplier call', ics);
    const accepted = await li.request('POST', '/api/calendar/invitations', { mailId: 'mail-invite-weekly' });
    assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    const seriesId = String((accepted.body as Doc)._id);
    // As the workstation saves "only this occurrence": the second moved to Tuesday 14:00 Berlin, an entry of its own, left out of the series.
    const series = await crm().get(seriesId);
    const { _id, _rev, icalUid, rrule, repeat, ...fields } = series;
    void [_id, _rev, icalUid, rrule, repeat];
    await crm().save({ ...fields, _id: 'li-supplier-moved', when: '2026-08-11T12:00:00.000Z', end: '2026-08-11T12:30:00.000Z', seriesId, recurrenceId: '2026-08-10T07:00:00.000Z' }, at('李雷'));
    await crm().save({ ...series, exdates: ['2026-08-10T07:00:00.000Z'] }, at('李雷'));

    const events = (await liFeed()).getAllSubcomponents('vevent').filter((e) => String(e.getFirstPropertyValue('summary')).startsWith('Weekly supplier call'));
    const main = events.find((e) => !e.hasProperty('recurrence-id'));
    const moved = events.find((e) => e.hasProperty('recurrence-id'));
    assert.ok(main && moved, 'the series and its changed occurrence');
    assert.deepEqual([main.getFirstPropertyValue('uid'), moved.getFirstPropertyValue('uid')], ['weekly-supplier-7788@acme.de', 'weekly-supplier-7788@acme.de'],
      'both under the invitation\'s UID, as Outlook and Thunderbird match them');
    assert.equal((moved.getFirstPropertyValue('recurrence-id') as ICAL.Time).toJSDate().toISOString(), '2026-08-10T07:00:00.000Z');
    assert.equal(main.getAllProperties('exdate').length, 0, 'the changed occurrence replaces the planned one, not left out');
    const event = new ICAL.Event(main);
    event.relateException(moved);
    const iterator = event.iterator();
    const starts = Array.from({ length: 3 }, () => event.getOccurrenceDetails(iterator.next()!).startDate.toJSDate().toISOString());
    assert.deepEqual(starts, ['2026-08-03T07:00:00.000Z', '2026-08-11T12:00:00.000Z', '2026-08-17T07:00:00.000Z']);
  });

  test('the feed holds the contact activities the person has planned, not done ones nor a colleague\'s', async () => {
    const activity = (id: string, owner: string, status: string, when: string, subject: string) =>
      crm().save({ _id: id, form: 'Activity', kind: 'visit', status, when, subject, owner: [owner], customerId: 'cust-hc', customerName: '广州汇川水务', contactName: '陈经理' }, at(owner));
    await activity('act-li-planned', '李雷', 'planned', '2026-09-01T02:00:00.000Z', '回访汇川水务');
    await activity('act-li-done', '李雷', 'done', '2026-08-20T02:00:00.000Z', '上次拜访汇川');
    await activity('act-zhao-planned', '赵敏', 'planned', '2026-09-02T02:00:00.000Z', '赵敏的拜访');
    const events = (await liFeed()).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const visit = events.find((e) => e.uid === 'act-li-planned@guanxi');
    assert.ok(visit, 'the planned visit is in the feed');
    assert.deepEqual([visit.summary, visit.startDate.toJSDate().toISOString(), visit.endDate.toJSDate().toISOString()],
      ['拜访 Visit: 回访汇川水务', '2026-09-01T02:00:00.000Z', '2026-09-01T03:00:00.000Z']);
    assert.match(visit.description, /广州汇川水务/);
    assert.match(visit.description, /陈经理/);
    assert.ok(!events.some((e) => e.uid === 'act-li-done@guanxi' || e.uid === 'act-zhao-planned@guanxi'), 'neither a done activity nor a colleague\'s');
    // Marked done, it leaves the feed.
    await crm().save({ ...(await crm().get('act-li-planned')), status: 'done' }, at('李雷'));
    assert.ok(!(await liFeed()).getAllSubcomponents('vevent').some((e) => e.getFirstPropertyValue('uid') === 'act-li-planned@guanxi'));
  });
});
