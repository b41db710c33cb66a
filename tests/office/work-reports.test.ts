import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Doc } from '../../design/form.js';
import { reportPeriod } from '../../design/forms/work-report.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import type { MissingReports } from '../../engine/missing-reports.js';
import { savePerson } from '../../server/directory/directory-edits.js';
import { SEED_CTX, seedDirectory } from '../helpers/directory-seed.js';
import { SessionClient } from '../helpers/session-client.js';
import { remoteDb } from '../helpers/sync-client.js';
import { withServer } from '../server/fixtures.js';
import { DIRECTOR, FILER, FINANCE, HEAD, OTHER, SALES, seedOffice } from './office-seed.js';

const PASSWORD = 'correct horse battery';
const LAZY = '李雷';
const ADMIN = '系统管理员';

const report = (kind: string, reportDate: string): Doc => ({
  form: 'WorkReport', kind, reportDate, managers: [HEAD],
  sections: [{ heading: '本周工作', text: '拜访汉堡贸易，报价 DN50 球阀' }, { heading: '下周计划', text: '跟进样品' }],
});

describe('work reports', () => {
  test('ISO weeks: Monday to Sunday, the first week the one with the year\'s first Thursday', () => {
    assert.deepEqual(['2026-03-09', '2026-03-15', '2026-03-16', '2026-01-01', '2027-01-01', '2021-01-03'].map((d) => reportPeriod('weekly', d)),
      ['2026-W11', '2026-W11', '2026-W12', '2026-W01', '2026-W53', '2020-W53']);
    assert.deepEqual([reportPeriod('monthly', '2026-03-09'), reportPeriod('daily', '2026-03-09'), reportPeriod('event', '2026-03-09')], ['2026-03', '2026-03-09', '2026-03-09']);
  });

  test('a week in which one person of the department did not submit lists them for its head, not those who did, nor another week\'s', () => withServer(async (running) => {
    const { store, directory } = running;
    await seedOffice(store, directory, PASSWORD);
    await savePerson(store.database('names'), LAZY, { department: SALES }, SEED_CTX);
    const office = store.database('office');
    await office.save(report('weekly', '2026-03-10'), { now: '2026-03-13T09:00:00.000Z', user: { name: FILER, roles: [] } });
    await office.save(report('weekly', '2026-03-03'), { now: '2026-03-06T09:00:00.000Z', user: { name: LAZY, roles: [] } });
    await office.save(report('daily', '2026-03-10'), { now: '2026-03-10T09:00:00.000Z', user: { name: LAZY, roles: [] } });
    const sign = async (name: string) => {
      const session = new SessionClient(running.url);
      assert.equal((await session.signIn(name, PASSWORD)).status, 200);
      return session;
    };
    const head = await sign(HEAD);
    const week = await head.request('GET', '/api/office/missing-reports?kind=weekly&date=2026-03-12');
    assert.equal(week.status, 200, JSON.stringify(week.body));
    const answer = week.body as unknown as MissingReports;
    assert.deepEqual([answer.period, answer.missing.map((p) => p.name), answer.submitted], ['2026-W11', [LAZY], [FILER]]);
    const lastWeek = (await head.request('GET', '/api/office/missing-reports?kind=weekly&date=2026-03-03')).body as unknown as MissingReports;
    assert.deepEqual([lastWeek.missing.map((p) => p.name), lastWeek.submitted], [[FILER], [LAZY]]);

    const manager = (await (await sign(DIRECTOR)).request('GET', '/api/office/missing-reports?kind=weekly&date=2026-03-12')).body as unknown as MissingReports;
    assert.deepEqual(manager.missing.map((p) => p.name).sort(), [OTHER, LAZY, HEAD].sort(), 'a manager sees everyone still with the company who belongs to a department');
    const outsider = await (await sign(OTHER)).request('GET', '/api/office/missing-reports?kind=weekly&date=2026-03-12');
    assert.equal(outsider.status, 403, 'someone who heads nothing and is no manager is told so');
    for (const query of ['kind=yearly', 'date=2026-13-45', 'date=yesterday']) {
      assert.equal((await head.request('GET', `/api/office/missing-reports?${query}`)).status, 400, query);
    }
  }));

  test('regression: an administrator\'s account and people in no department were listed as not having reported', () => withServer(async (running) => {
    const { store, directory } = running;
    await seedOffice(store, directory, PASSWORD);
    await seedDirectory(store, directory, [{ name: ADMIN, password: PASSWORD, roles: ['[Admin]', '[Manager]'] }]);
    const director = new SessionClient(running.url);
    assert.equal((await director.signIn(DIRECTOR, PASSWORD)).status, 200);
    const answer = (await director.request('GET', '/api/office/missing-reports?kind=weekly&date=2026-03-12')).body as unknown as MissingReports;
    const listed = answer.missing.map((p) => p.name);
    assert.ok(!listed.includes(ADMIN) && !listed.includes(FINANCE), `neither the administrator nor finance (in no department) is expected: ${listed.join(', ')}`);
    assert.deepEqual(listed.sort(), [FILER, HEAD, OTHER].sort());
  }));

  test('regression: at 00:31 on Monday in Beijing, "this week" of the missing reports was still last week (the UTC day)', () => withServer(async (running) => {
    const { store, directory } = running;
    await seedOffice(store, directory, PASSWORD);
    const head = new SessionClient(running.url);
    assert.equal((await head.signIn(HEAD, PASSWORD)).status, 200);
    const answer = (await head.request('GET', '/api/office/missing-reports?kind=weekly')).body as unknown as MissingReports;
    assert.equal(answer.period, '2026-W12', 'Monday 16 March in Beijing, Sunday 15 March in UTC');
    const daily = (await head.request('GET', '/api/office/missing-reports?kind=daily')).body as unknown as MissingReports;
    assert.equal(daily.period, '2026-03-16');
  }, { now: () => Date.parse('2026-03-15T16:31:00.000Z') }));

  test('its managers read a report and comment on it in their own name; nobody else reads it, and a manager changes nothing else', () => withServer(async (running) => {
    await seedOffice(running.store, running.directory, PASSWORD);
    const db = async (name: string) => {
      const session = new SessionClient(running.url);
      assert.equal((await session.signIn(name, PASSWORD)).status, 200);
      return remoteDb(running.url, 'office', { cookie: session.cookie!, csrf: session.csrf! });
    };
    const filerDb = await db(FILER);
    const headDb = await db(HEAD);
    const otherDb = await db(OTHER);
    const written = prepareForSave({ ...report('weekly', '2026-03-10'), _id: 'report-1' }, null, { now: '2026-03-13T09:00:00.000Z', user: { name: FILER, roles: [] } });
    assert.ok((await filerDb.put(written)).ok);
    await assert.rejects(otherDb.get('report-1'), (error: { status?: number }) => error.status === 404);

    const read = await headDb.get('report-1') as Doc;
    const headUser = { name: HEAD, roles: [SALES] };
    const save = (doc: Doc) => headDb.put(prepareForSave(doc, read, { now: '2026-03-13T10:00:00.000Z', user: headUser }));
    const refusal = (pattern: RegExp) => (error: { status?: number; message?: string }) => error.status === 403 && pattern.test(String(error.message));
    await assert.rejects(save({ ...read, comments: [{ by: FILER, at: '2026-03-13', text: '很好' }] }), refusal(/made in your own name/));
    await assert.rejects(save({ ...read, sections: [{ heading: '本周工作', text: '改写' }] }), refusal(/Only its writer changes the report/));
    assert.ok((await save({ ...read, comments: [{ by: HEAD, at: '2026-03-13', text: '样品尽快寄出' }] })).ok);
    const commented = await filerDb.get('report-1') as Doc;
    assert.deepEqual(commented.comments, [{ by: HEAD, at: '2026-03-13', text: '样品尽快寄出' }]);
    const rewritten = prepareForSave({ ...commented, comments: [] }, commented, { now: '2026-03-13T11:00:00.000Z', user: { name: FILER, roles: [] } });
    await assert.rejects(filerDb.put(rewritten), refusal(/cannot be changed or removed/));
    await Promise.all([filerDb.close(), headDb.close(), otherDb.close()]);
  }));
});

/** Everyone a manager expects a report from besides the sales department: finance and purchasing. */
