import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { sendReminders } from '../../server/crm/send-reminders.js';
import { addGroupMembers, savePerson } from '../../server/directory/directory-edits.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { configureSmtpAccount } from '../helpers/smtp-account.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { fill, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const MINUTE = 60_000;
const ZHAO_PRIVATE = '2026-06-03T02:00:00.000Z';

/** `YYYY-MM-DDTHH:mm` of an instant as a datetime-local input takes it, in the browser's zone (this machine's). */
function localInput(time: number): string {
  const d = new Date(time);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

describe('the calendar in the workstation', () => {
  let world: WorkstationWorld;
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
    world = await workstationWorld([
      { name: '王芳', access: { crm: 'author' } },
      { name: '李雷', access: { crm: 'author' } },
      { name: '赵敏', access: { crm: 'author' } },
      // 陈 (chen) comes first in pinyin, last in code points.
      { name: '陈静', access: { crm: 'author' } },
    ], { env: { SCHEDULER_CRON: '* * * * * *' }, beforeStart: (dataDir) => configureSmtpAccount(dataDir, sink, '关系贸易') });
    const names = world.running.store.database('names');
    await savePerson(names, '王芳', { email: 'wang.fang@guanxi-trading.cn' }, SEED_CTX);
    await savePerson(names, '李雷', { email: 'li.lei@guanxi-trading.cn' }, SEED_CTX);
    // A group of the directory that is no department, with 赵敏 in it through a group within it.
    await addGroupMembers(names, '外贸二组', ['赵敏'], SEED_CTX);
    await addGroupMembers(names, '外贸部', ['外贸二组'], SEED_CTX);
    const crm = world.running.store.database('crm');
    const as = (name: string) => ({ ...SEED_CTX, user: { name, roles: [] } });
    await crm.save({ _id: 'c-hc', form: 'Customer', name: '广州汇川水务', owner: ['王芳'], readers: ['王芳'] }, as('王芳'));
    await crm.save({ _id: 'zhao-private', form: 'Appointment', subject: '赵敏的私事', when: ZHAO_PRIVATE, private: true }, as('赵敏'));
    await crm.save({ _id: 'hamburg-call', form: 'Appointment', subject: 'Weekly call Hamburg', when: '2026-03-16T08:00:00.000Z', end: '2026-03-16T09:00:00.000Z', repeat: 'weekly', timeZone: 'Europe/Berlin' }, as('王芳'));
    await crm.save({
      _id: 'deal-valves', form: 'Deal', name: '球阀年度订单', customerId: 'c-hc', customerName: '广州汇川水务', owner: ['王芳'], status: 'tracking', currency: 'USD',
      expectedClose: '2026-05-12', payments: [{ due: '2026-05-20', amount: 5000 }], deliveries: [{ date: '2026-05-15', description: '第一批球阀', shipped: true }],
    }, as('王芳'));
    await crm.save({ _id: 'deal-lilei', form: 'Deal', name: '李雷的泵业务', customerId: 'c-other', customerName: '别的客户', owner: ['李雷'], status: 'tracking', expectedClose: '2026-05-12' }, as('李雷'));
    // A weekly meeting that began four weeks ago: the home page lists today's occurrence.
    await crm.save({ _id: 'standup', form: 'Appointment', subject: '每周销售例会', when: new Date(Date.now() - 28 * 86_400_000).toISOString(), repeat: 'weekly' }, as('王芳'));
  });
  after(async () => {
    await world.close();
    await sink.stop();
  });

  test('a visit planned for a customer, a colleague invited who accepts, both see it in week view, the reminder comes as a notice and a mail, the customer page and the iCal feed hold it', async () => {
    const crm = world.running.store.database('crm');
    const wang = await world.workstation({ lang: 'zh' });
    const page = wang.page;
    await signIn(page, '王芳');
    await waitUntilReady(page);

    // Planned from the customer: the visit starts at the next whole minute + 15 minutes, reminded 15 minutes before.
    await page.locator('gx-navigator button[data-view="customers-by-name"]').click();
    await page.locator('gx-view-pane .row[data-id="c-hc"]').click();
    const pane = page.locator('gx-document-pane');
    await pane.locator('button[data-action="new:Appointment"]').click();
    const start = Math.ceil((Date.now() + 5_000) / MINUTE) * MINUTE + 15 * MINUTE;
    await fill(page, { subject: '拜访汇川水务', when: localInput(start), end: localInput(start + 60 * MINUTE), attendees: '李雷', remindBefore: '15', place: '广州天河' });
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();
    const visit = await expectEventually(async () => {
      const { rows } = await crm.pouch.allDocs({ include_docs: true });
      const doc = rows.map((r) => r.doc as Record<string, unknown>).find((d) => d.subject === '拜访汇川水务');
      assert.ok(doc, 'the visit reached the server');
      return doc;
    }, { timeoutMs: 20_000 });
    assert.deepEqual([visit.customerId, visit.when, visit.nextReminder], ['c-hc', new Date(start).toISOString(), new Date(start - 15 * MINUTE).toISOString()]);
    const id = String(visit._id);

    // The customer's page lists it.
    await page.locator('gx-view-pane .row[data-id="c-hc"]').click();
    await pane.locator(`gx-customer-calendar [data-entry="${id}"]`).waitFor();

    // 王芳's week view.
    await page.locator('gx-navigator button[data-view="calendar"]').click();
    const calendar = page.locator('gx-calendar-pane');
    await calendar.locator('button[data-mode="week"]').click();
    // An entry that runs past midnight is drawn on both days: the first of its blocks.
    await calendar.locator(`.entry[data-entry="${id}"]`).first().waitFor();
    assert.equal(await calendar.locator('.entry[data-entry="zhao-private"]').count(), 0, 'nobody else’s private entry');
    await screenshot(page, 'zh-calendar-week');

    // Planning with a colleague: 赵敏's private entry shows as busy time, nothing of what it is.
    await calendar.locator('select[data-scope]').selectOption('person:赵敏');
    await calendar.locator('input[data-goto]').fill(ZHAO_PRIVATE.slice(0, 10));
    const busy = calendar.locator('.entry.busy[data-entry="busy-zhao-private"]');
    await busy.waitFor();
    assert.equal(await busy.getAttribute('data-start'), ZHAO_PRIVATE);
    assert.match(await busy.innerText(), /忙碌/);
    assert.ok(!(await calendar.locator('.scroll').innerText()).includes('赵敏的私事'));
    await calendar.locator('select[data-scope]').selectOption('me');
    await expectEventually(async () => assert.equal(await busy.count(), 0, 'not in my own calendar'));
    // A group's calendar: its people's entries, those of the groups within it included.
    await calendar.locator('select[data-scope]').selectOption('group:外贸部');
    await busy.waitFor();
    await calendar.locator('select[data-scope]').selectOption('me');
    await calendar.locator('button[data-action="today"]').click();

    // 李雷 is invited (a notice), opens it from his week view and accepts.
    const li = await world.workstation({ lang: 'en' });
    await signIn(li.page, '李雷');
    await waitUntilReady(li.page);
    await li.page.locator('gx-notice-tray button.count[data-unread="1"]').waitFor({ timeout: 20_000 });
    await li.page.locator('gx-navigator button[data-view="calendar"]').click();
    const liCalendar = li.page.locator('gx-calendar-pane');
    await liCalendar.locator('button[data-mode="week"]').click();
    await liCalendar.locator(`.entry[data-entry="${id}"]`).first().click();
    await li.page.locator('gx-document-pane button[data-action="calendar:accept"]').click();
    await expectEventually(async () => assert.deepEqual((await crm.get(id)).accepted, ['李雷']), { timeoutMs: 20_000 });
    await liCalendar.locator(`.entry[data-entry="${id}"]`).first().waitFor();
    await screenshot(li.page, 'en-calendar-week');

    // At the lead time: a reminder notice for both, and a mail through the SMTP server.
    await expectEventually(async () => {
      await sendReminders(crm, new Date().toISOString());
      assert.ok(await crm.find(`reminder-${id}`), 'the reminder is due');
    }, { timeoutMs: 90_000, intervalMs: 1_000 });
    assert.ok(Date.now() >= start - 15 * MINUTE, 'not before the lead time');
    assert.deepEqual((await crm.get(`reminder-${id}`)).recipients, ['王芳', '李雷']);
    // 王芳's notices: 李雷's answer and the visit's reminder, beside the reminder of today's weekly meeting (hers too),
    // which the first sendReminders above made. Waiting for a count of 2 passed only when the tray was read
    // before the visit's reminder had arrived; under load it read 3 and waited in vain.
    const tray = page.locator('gx-notice-tray');
    await tray.locator('button.count').click();
    await tray.locator(`li[data-notice-id="reminder-${id}"]`).waitFor({ timeout: 20_000 });
    await tray.locator(`li[data-notice-id^="answer-${id}-"]`).waitFor();
    const listed = await tray.locator('li[data-notice-id]').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.noticeId ?? ''));
    assert.equal(listed.length, 3, listed.join(', '));
    assert.ok(listed.some((notice) => notice.startsWith('reminder-standup-')), listed.join(', '));
    assert.equal(await tray.locator('button.count').getAttribute('data-unread'), '3');
    await tray.locator('button.count').click();
    const mail = await expectEventually(async () => {
      const mails = await Promise.all(sink.received.filter((m) => m.to.includes('wang.fang@guanxi-trading.cn')).map((m) => simpleParser(m.raw)));
      const parsed = mails.find((m) => m.subject === '[Guanxi] 拜访汇川水务');
      assert.ok(parsed, 'the reminder was mailed');
      return parsed;
    }, { timeoutMs: 20_000 });
    assert.match(mail.text ?? '', /广州汇川水务/);
    assert.ok(sink.received.some((m) => m.to.includes('li.lei@guanxi-trading.cn') && /text\/calendar/.test(m.raw)), 'the invitation mail carried an .ics part');

    // The iCal feed: fetched and read by a calendar library, it holds the visit and nobody else's private entry.
    await calendar.locator('button[data-action="feed"]').click();
    const url = await calendar.locator('[data-feed-url]').inputValue();
    const response = await fetch(url);
    assert.equal(response.status, 200);
    const vcalendar = new ICAL.Component(ICAL.parse(await response.text()) as unknown[]);
    const events = vcalendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const inFeed = events.find((e) => e.summary === '拜访汇川水务');
    assert.equal(inFeed?.startDate.toJSDate().getTime(), start);
    assert.equal(inFeed?.location, '广州天河');
    assert.ok(!events.some((e) => e.summary === '赵敏的私事'));
    wang.assertNoCspViolations();
    li.assertNoCspViolations();
  });

  test('a deal\'s expected close, payment due and delivery show in month view, agenda and on the customer\'s page, apart from entries, and open the deal; a deal one may not read does not show; the home page lists today\'s occurrence of a weekly meeting', async () => {
    const { page } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await page.locator('gx-navigator button[data-view="home"]').click();
    await page.locator('gx-home-pane [data-section="agenda"] li[data-id="standup"]').waitFor();

    await page.locator('gx-navigator button[data-view="calendar"]').click();
    const calendar = page.locator('gx-calendar-pane');
    await calendar.locator('input[data-goto]').fill('2026-05-12');
    await calendar.locator('button[data-mode="month"]').click();
    const shown = async (day: string) => calendar.locator(`.cell[data-day="${day}"] [data-entry="deal-valves"]`).evaluateAll((chips) => chips.map((c) => [c.getAttribute('data-kind'), c.textContent?.trim(), c.classList.contains('done')]));
    await calendar.locator('.cell[data-day="2026-05-12"] [data-entry="deal-valves"]').waitFor();
    assert.deepEqual(await shown('2026-05-12'), [['close', '预计成交: 球阀年度订单', false]]);
    assert.deepEqual(await shown('2026-05-15'), [['delivery', '交货: 球阀年度订单 · 第一批球阀 (已完成)', true]]);
    assert.deepEqual(await shown('2026-05-20'), [['payment', '应收款: 球阀年度订单 · USD 5,000', false]]);
    // Everyone's calendar: 李雷's deal is not in 王芳's replica, so not in her calendar either.
    await calendar.locator('select[data-scope]').selectOption('all');
    await calendar.locator('.cell[data-day="2026-05-12"] [data-entry="deal-valves"]').waitFor();
    assert.equal(await calendar.locator('[data-entry="deal-lilei"]').count(), 0);
    await calendar.locator('button[data-mode="agenda"]').click();
    await calendar.locator('.row[data-entry="deal-valves"][data-kind="payment"]').waitFor();
    await screenshot(page, 'calendar-deal-dates-zh');
    await calendar.locator('.row[data-entry="deal-valves"][data-kind="close"]').click();
    await page.locator('gx-document-pane').getByText('球阀年度订单').first().waitFor();

    // The customer's page lists the deal's dates with its entries.
    await page.locator('gx-navigator button[data-view="customers-by-name"]').click();
    await page.locator('gx-view-pane .row[data-id="c-hc"]').click();
    await page.locator('gx-document-pane gx-customer-calendar [data-entry="deal-valves"]').first().waitFor();
    assert.equal(await page.locator('gx-document-pane gx-customer-calendar [data-entry="deal-valves"]').count(), 3);
  });

  test('a weekly meeting in Berlin shows on the right days across the daylight-saving change; clicking plans, dragging moves', async () => {
    const crm = world.running.store.database('crm');
    const { page } = await world.workstation({ lang: 'en' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await page.locator('gx-navigator button[data-view="calendar"]').click();
    const calendar = page.locator('gx-calendar-pane');
    await calendar.locator('button[data-mode="week"]').click();
    const starts: string[] = [];
    for (const monday of ['2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06']) {
      await calendar.locator('input[data-goto]').fill(monday);
      const entry = calendar.locator(`.day[data-day="${monday}"] .entry[data-entry="hamburg-call"]`);
      await entry.waitFor();
      starts.push(String(await entry.getAttribute('data-start')));
    }
    assert.deepEqual(starts, ['2026-03-16T08:00:00.000Z', '2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-04-06T07:00:00.000Z'],
      '09:00 in Berlin every Monday: 08:00 UTC before the change, 07:00 UTC after');

    // The month view shows it each Monday too.
    await calendar.locator('button[data-mode="month"]').click();
    await calendar.locator('.cell[data-day="2026-04-27"] [data-entry="hamburg-call"]').waitFor();
    assert.equal(await calendar.locator('.cell[data-day="2026-04-28"] [data-entry="hamburg-call"]').count(), 0);

    // Clicking an hour plans an entry there; dragging it to another day moves it.
    await calendar.locator('button[data-mode="week"]').click();
    await calendar.locator('input[data-goto]').fill('2026-04-07');
    await calendar.locator('.day[data-day="2026-04-07"] .slot[data-hour="14"]').click();
    const pane = page.locator('gx-document-pane');
    await fill(page, { subject: 'Sample review' });
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();
    const planned = await expectEventually(async () => {
      const { rows } = await crm.pouch.allDocs({ include_docs: true });
      const doc = rows.map((r) => r.doc as Record<string, unknown>).find((d) => d.subject === 'Sample review');
      assert.ok(doc, 'the planned entry reached the server');
      return doc;
    }, { timeoutMs: 20_000 });
    const localHour = new Date(String(planned.when));
    assert.deepEqual([localHour.getDate(), localHour.getHours()], [7, 14]);
    const block = calendar.locator(`.entry[data-entry="${String(planned._id)}"]`);
    // The browser's drag and drop events, one DataTransfer carried from the entry to the slot.
    const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
    const target = calendar.locator('.day[data-day="2026-04-09"] .slot[data-hour="10"]');
    await block.dispatchEvent('dragstart', { dataTransfer });
    await target.dispatchEvent('dragover', { dataTransfer });
    await target.dispatchEvent('drop', { dataTransfer });
    await expectEventually(async () => {
      const moved = new Date(String((await crm.get(String(planned._id))).when));
      assert.deepEqual([moved.getDate(), moved.getHours()], [9, 10]);
    }, { timeoutMs: 20_000 });

    // One occurrence of the weekly call dragged to Tuesday 16:00, "only this occurrence": the series leaves it out, an entry of its own replaces it.
    await calendar.locator('input[data-goto]').fill('2026-04-20');
    const occurrence = calendar.locator('.day[data-day="2026-04-20"] .entry[data-entry="hamburg-call"]');
    const drag = await page.evaluateHandle(() => new DataTransfer());
    const tuesday = calendar.locator('.day[data-day="2026-04-21"] .slot[data-hour="16"]');
    await occurrence.dispatchEvent('dragstart', { dataTransfer: drag });
    await tuesday.dispatchEvent('dragover', { dataTransfer: drag });
    await tuesday.dispatchEvent('drop', { dataTransfer: drag });
    await calendar.locator('[data-dialog="occurrence"] button[data-action="this-one"]').click();
    const single = await expectEventually(async () => {
      assert.deepEqual((await crm.get('hamburg-call')).exdates, ['2026-04-20T07:00:00.000Z']);
      const { rows } = await crm.pouch.allDocs({ include_docs: true });
      const doc = rows.map((r) => r.doc as Record<string, unknown>).find((d) => d.seriesId === 'hamburg-call');
      assert.ok(doc, 'the moved occurrence is an entry of its own');
      return doc;
    }, { timeoutMs: 20_000 });
    const movedTo = new Date(String(single.when));
    assert.deepEqual([single.recurrenceId, single.subject, single.rrule, movedTo.getDate(), movedTo.getHours()], ['2026-04-20T07:00:00.000Z', 'Weekly call Hamburg', undefined, 21, 16]);
    await calendar.locator(`.day[data-day="2026-04-21"] .entry[data-entry="${String(single._id)}"]`).waitFor();
    assert.equal(await calendar.locator('.day[data-day="2026-04-20"] .entry[data-entry="hamburg-call"]').count(), 0);

    // The next one clicked and deleted alone; the one after stays.
    await calendar.locator('input[data-goto]').fill('2026-04-27');
    await calendar.locator('.day[data-day="2026-04-27"] .entry[data-entry="hamburg-call"]').click();
    await calendar.locator('[data-dialog="occurrence"] button[data-action="delete-one"]').click();
    await expectEventually(async () => assert.deepEqual((await crm.get('hamburg-call')).exdates, ['2026-04-20T07:00:00.000Z', '2026-04-27T07:00:00.000Z']), { timeoutMs: 20_000 });
    await calendar.locator('input[data-goto]').fill('2026-05-04');
    await calendar.locator('.day[data-day="2026-05-04"] .entry[data-entry="hamburg-call"]').waitFor();
    await calendar.locator('input[data-goto]').fill('2026-04-27');
    await expectEventually(async () => assert.equal(await calendar.locator('.day[data-day="2026-04-27"] .entry[data-entry="hamburg-call"]').count(), 0));
  });
  test('planned contact activities show in day, week, month and agenda, for me, a colleague and on the customer\'s page, open when clicked and move when dragged (offline too); done and unreadable ones do not show; the home agenda lists today\'s; the calendar and the home page fill the window', async () => {
    const crm = world.running.store.database('crm');
    const as = (name: string) => ({ ...SEED_CTX, user: { name, roles: [] } });
    // Today in the machine's zone, which is the browser's too.
    const todayAt = (hour: number) => { const d = new Date(); d.setHours(hour, 0, 0, 0); return d.getTime(); };
    const activity = (id: string, owner: string, status: string, hour: number, subject: string, more: Record<string, unknown> = {}) =>
      crm.save({ _id: id, form: 'Activity', kind: 'visit', status, when: new Date(todayAt(hour)).toISOString(), subject, owner: [owner], customerId: 'c-hc', customerName: '广州汇川水务', contactName: '陈经理', ...more }, as(owner));
    await activity('act-visit', '王芳', 'planned', 15, '回访汇川水务');
    await activity('act-done', '王芳', 'done', 10, '上次的电话', { kind: 'call' });
    await activity('act-li', '李雷', 'planned', 11, '李雷拜访汇川');
    await activity('act-secret', '李雷', 'planned', 12, '李雷的保密拜访', { readers: ['李雷'] });
    await activity('act-zhao', '赵敏', 'planned', 13, '赵敏电话回访', { kind: 'call' });

    const wang = await world.workstation({ lang: 'zh' });
    const { page, context } = wang;
    await signIn(page, '王芳');
    await waitUntilReady(page);
    // The home page: today's planned visit in the agenda, not the done call; the page has the window's height, no empty document pane below.
    await page.locator('gx-navigator button[data-view="home"]').click();
    const homeVisit = page.locator('gx-home-pane [data-section="agenda"] li[data-id="act-visit"]');
    await homeVisit.waitFor();
    assert.match(await homeVisit.innerText(), /计划拜访: 回访汇川水务/);
    assert.equal(await page.locator('gx-home-pane [data-section="agenda"] li[data-id="act-done"]').count(), 0);
    const mainHeight = async () => (await page.locator('gx-workstation main').boundingBox())!.height;
    const heightOf = async (selector: string) => (await page.locator(selector).boundingBox())!.height;
    assert.equal(await page.locator('gx-document-pane').count(), 0, 'no empty document pane under the home page');
    assert.ok(await heightOf('gx-home-pane') >= await mainHeight() - 2, 'the home page fills the window');
    await screenshot(page, 'zh-home-full-height');

    await page.locator('gx-navigator button[data-view="calendar"]').click();
    const calendar = page.locator('gx-calendar-pane');
    assert.ok(await heightOf('gx-calendar-pane') >= await mainHeight() - 2, 'the calendar fills the window');
    const days = { day: '.day', week: '.day', month: '.cell', agenda: '.row' } as const;
    for (const mode of ['day', 'week', 'month', 'agenda'] as const) {
      await calendar.locator(`button[data-mode="${mode}"]`).click();
      const shown = calendar.locator(`${days[mode]}[data-entry="act-visit"], ${days[mode]} [data-entry="act-visit"]`).first();
      await shown.waitFor();
      assert.match(await shown.innerText(), /计划拜访: 回访汇川水务/, mode);
      assert.equal(await calendar.locator('[data-entry="act-done"]').count(), 0, `${mode}: a done activity is no plan`);
      assert.equal(await calendar.locator('[data-entry="act-li"]').count(), 0, `${mode}: 李雷's visit is not in my calendar`);
    }
    await screenshot(page, 'zh-calendar-planned-agenda');
    // Colleagues offered in pinyin order: chen, li, zhao.
    const colleagues = await calendar.locator('select[data-scope] optgroup').first().locator('option').allInnerTexts();
    assert.deepEqual(colleagues.filter((name) => ['陈静', '李雷', '赵敏'].includes(name)), ['陈静', '李雷', '赵敏']);
    // A colleague's calendar shows his planned visit; everyone's never one I may not read.
    await calendar.locator('select[data-scope]').selectOption('person:李雷');
    await calendar.locator('.row[data-entry="act-li"]').waitFor();
    assert.equal(await calendar.locator('.row[data-entry="act-zhao"]').count(), 0);
    // A group's: 赵敏's call, through 外贸二组 within 外贸部.
    await calendar.locator('select[data-scope]').selectOption('group:外贸部');
    await calendar.locator('.row[data-entry="act-zhao"]', { hasText: '计划电话: 赵敏电话回访' }).waitFor();
    await calendar.locator('select[data-scope]').selectOption('all');
    await calendar.locator('.row[data-entry="act-visit"]').waitFor();
    assert.equal(await calendar.locator('[data-entry="act-secret"]').count(), 0, 'an activity I may not read');
    await calendar.locator('select[data-scope]').selectOption('me');

    // Dragged offline to 17:00 the same day: saved in the replica at once, on the server once back online.
    await calendar.locator('button[data-mode="week"]').click();
    const block = calendar.locator('.entry[data-entry="act-visit"]');
    await block.waitFor();
    await screenshot(page, 'zh-calendar-planned-week');
    // The hours or days fill the page (the dialogs' short scrolling list held them to 260 px).
    assert.ok(await heightOf('gx-calendar-pane .scroll') > 600, 'the week has the page\'s height');
    await context.setOffline(true);
    const day = new Date(todayAt(0));
    const iso = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
    const target = calendar.locator(`.day[data-day="${iso}"] .slot[data-hour="17"]`);
    await block.dispatchEvent('dragstart', { dataTransfer });
    await target.dispatchEvent('dragover', { dataTransfer });
    await target.dispatchEvent('drop', { dataTransfer });
    await expectEventually(async () => assert.equal(await block.getAttribute('data-start'), new Date(todayAt(17)).toISOString()), { timeoutMs: 20_000 });
    await context.setOffline(false);
    await expectEventually(async () => assert.equal((await crm.get('act-visit')).when, new Date(todayAt(17)).toISOString()), { timeoutMs: 20_000 });

    // Clicked, it opens; the calendar then shares the window with the document.
    await block.click();
    await page.locator('gx-document-pane gx-field[name="subject"]', { hasText: '回访汇川水务' }).waitFor();
    assert.ok(await heightOf('gx-calendar-pane') < await mainHeight() - 100, 'the document pane has its share');

    // The customer's page lists it with the customer's other entries.
    await page.locator('gx-navigator button[data-view="customers-by-name"]').click();
    await page.locator('gx-view-pane .row[data-id="c-hc"]').click();
    await page.locator('gx-document-pane gx-customer-calendar [data-entry="act-visit"]').waitFor();
    assert.equal(await page.locator('gx-document-pane gx-customer-calendar [data-entry="act-done"]').count(), 0);

    // In English for 李雷, whose calendar the window's height shows too.
    const li = await world.workstation({ lang: 'en' });
    await signIn(li.page, '李雷');
    await waitUntilReady(li.page);
    await li.page.locator('gx-home-pane [data-section="agenda"] li[data-id="act-li"]', { hasText: 'Planned visit: 李雷拜访汇川' }).waitFor();
    await screenshot(li.page, 'en-home-full-height');
    await li.page.locator('gx-navigator button[data-view="calendar"]').click();
    await li.page.locator('gx-calendar-pane button[data-mode="agenda"]').click();
    const secret = li.page.locator('gx-calendar-pane .row[data-entry="act-secret"]');
    await secret.waitFor();
    assert.match(await secret.innerText(), /Planned visit: 李雷的保密拜访/);
    await screenshot(li.page, 'en-calendar-planned-agenda');
  });
});
