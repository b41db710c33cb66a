import type { Doc } from '../../design/form.js';
import { SessionClient } from '../helpers/session-client.js';
import { gatewayWorld, PASSWORD } from '../gateway/gateway-fixture.js';
import { signIn, waitUntilReady, workstationWorld } from '../e2e/workstation-world.js';
import { mulberry32 } from '../helpers/random.js';
import { percentile, report, timed } from './report.js';

/**
 * The calendar: opening a month page in Chromium with 5,000 entries in the replica (from the
 * click to the page drawn, the client's own measure), and the iCal feed of a person with 2,000
 * entries among 4,000 (over HTTP, the server's view warm).
 */
const REPEATS = 20;
const DAY = 24 * 3_600_000;
const ctx = { now: '2026-11-23T08:00:00.000Z', user: { name: 'Bench', roles: [] } };

/** `count` entries of these people over the year 2026: visits, meetings, a few weekly ones, some private. */
function entries(count: number, people: readonly string[], seed: number): Doc[] {
  const random = mulberry32(seed);
  const year = Date.parse('2026-01-01T00:00:00.000Z');
  return Array.from({ length: count }, (_, i) => {
    const when = year + Math.floor(random() * 365) * DAY + (1 + Math.floor(random() * 10)) * 3_600_000;
    const person = people[i % people.length]!;
    return {
      _id: `bench-${seed}-${i}`, form: 'Appointment', subject: `拜访客户 ${i}`, when: new Date(when).toISOString(), end: new Date(when + 3_600_000).toISOString(),
      organizer: [person], remind: [person], place: '广州', customerName: `客户 ${i % 300}`,
      ...(i % 100 === 0 ? { repeat: 'weekly', timeZone: 'Europe/Berlin' } : {}), ...(i % 10 === 5 ? { private: true } : {}),
    };
  });
}

async function saveAll(save: (docs: Doc[]) => Promise<unknown>, docs: readonly Doc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 1000) await save(docs.slice(i, i + 1000));
}

{
  const world = await gatewayWorld([{ name: '王芳', access: { crm: 'author' } }, { name: '李雷', access: { crm: 'author' } }]);
  try {
    const crm = world.running.store.database('crm');
    await saveAll((docs) => crm.saveMany(docs, ctx), [...entries(2000, ['王芳'], 1), ...entries(2000, ['李雷'], 2)]);
    const client = new SessionClient(world.running.url);
    await client.signIn('王芳', PASSWORD);
    const url = new URL(String((await client.request('GET', '/api/calendar/feed')).body!.path), world.running.url);
    const fetchFeed = async () => {
      const answer = await fetch(url);
      if (!answer.ok || !(await answer.text()).includes('BEGIN:VEVENT')) throw new Error(`the feed answered ${answer.status}`);
    };
    await fetchFeed();
    const times: number[] = [];
    for (let i = 0; i < 10; i++) times.push(await timed(fetchFeed));
    report('calendar.ical_feed.2000', percentile(times, 50), 'ms', '≤ 1000 ms');
  } finally {
    await world.close();
  }
}

{
  const world = await workstationWorld([{ name: '王芳', access: { crm: 'author' } }]);
  try {
    const crm = world.running.store.database('crm');
    await saveAll((docs) => crm.saveMany(docs, ctx), entries(5000, ['王芳'], 3));
    const { page } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page, 10 * 60_000);
    await page.locator('gx-navigator button[data-view="calendar"]').click();
    const calendar = page.locator('gx-calendar-pane');
    const measured = async (action: () => Promise<void>): Promise<number> => {
      await page.evaluate(() => performance.clearMeasures('gx:calendar-shown'));
      await action();
      await page.waitForFunction(() => performance.getEntriesByName('gx:calendar-shown').length > 0, undefined, { timeout: 60_000 });
      return page.evaluate(() => performance.getEntriesByName('gx:calendar-shown')[0]!.duration);
    };
    await measured(() => calendar.locator('input[data-goto]').fill('2026-01-15'));
    await measured(() => calendar.locator('button[data-mode="month"]').click());
    const times: number[] = [];
    // Month after month through the year: each page is read from the replica's views and drawn anew.
    for (let i = 0; i < REPEATS; i++) times.push(await measured(() => calendar.locator(`button[data-action="${i < REPEATS / 2 ? 'next' : 'previous'}"]`).click()));
    report('calendar.month_view.p50', percentile(times, 50), 'ms');
    report('calendar.month_view.p95', percentile(times, 95), 'ms', '≤ 300 ms');
  } finally {
    await world.close();
  }
}
