import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SERVER_USER } from '../../design/user.js';
import { credentialsId } from '../../server/auth/credentials.js';
import { FIRST_LOCK_MS, FREE_ATTEMPTS } from '../../server/auth/lockout.js';
import { SESSION_TTL_MS, TOUCH_INTERVAL_MS } from '../../server/auth/sessions.js';
import { markLeft } from '../../server/directory/directory-edits.js';
import type { RunningServer } from '../../server/main.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { fakeClock, type FakeClock } from '../helpers/fake-clock.js';
import { SessionClient, sessionSetCookie } from '../helpers/session-client.js';
import { withServer } from './fixtures.js';

const PASSWORD = 'correct horse';
const EVERY_DB = { names: 'reader', crm: 'author', discussion: 'reader', library: 'reader' } as const;

/** A server whose sign-in clock the test moves, with 李雷 (a salesman) and 韩梅梅 (Manager of names). */
function withPeople(work: (running: RunningServer, clock: FakeClock) => Promise<void>, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const clock = fakeClock();
  return withServer(async (running) => {
    await seedDirectory(running.store, running.directory, [
      { name: '李雷', password: PASSWORD, roles: ['[Sales]'], access: EVERY_DB },
      { name: '韩梅梅', password: PASSWORD, access: { ...EVERY_DB, names: 'manager' } },
    ], { 销售部: ['李雷'] });
    await work(running, clock);
  }, { now: clock.now, env });
}

async function signedIn(url: string, name = '李雷', password = PASSWORD): Promise<SessionClient> {
  const client = new SessionClient(url);
  const answer = await client.signIn(name, password);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return client;
}

describe('sign-in and sign-out', () => {
  test('signing in sets an HttpOnly, SameSite=Lax cookie and returns the person and the CSRF token; signing out ends the session on the server', () => withPeople(async ({ url }) => {
    const client = new SessionClient(url);
    const answer = await client.signIn('李雷', PASSWORD);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body?.user, { name: '李雷', roles: ['[Sales]', '销售部'] });
    assert.match(String(answer.body?.csrf), /^[\w-]{43}$/);
    const cookie = sessionSetCookie(answer.headers)!;
    assert.match(cookie, /^guanxi_session=[\w-]{43}; Max-Age=2592000; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);

    const session = await client.request('GET', '/api/session');
    assert.equal(session.status, 200);
    assert.deepEqual(session.body, answer.body);

    const stolen = client.copyTo(url);
    const out = await client.request('DELETE', '/api/session');
    assert.equal(out.status, 204);
    assert.match(sessionSetCookie(out.headers)!, /^guanxi_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    // A copy of the cookie is no good either: the session is gone from the store.
    assert.deepEqual((await stolen.request('GET', '/api/session')).body, { error: 'unauthorized', reason: 'The session has ended: sign in again' });
  }));

  test('without a cookie, 401 in the error shape', () => withPeople(async ({ url }) => {
    const answer = await new SessionClient(url).request('GET', '/api/session');
    assert.equal(answer.status, 401);
    assert.deepEqual(answer.body, { error: 'unauthorized', reason: 'Sign in first' });
  }));

  test('an unknown name, a wrong password and a person who left get the same 401', () => withPeople(async ({ url, store }) => {
    const wrong = await new SessionClient(url).signIn('李雷', 'wrong horse');
    const unknown = await new SessionClient(url).signIn('王五', PASSWORD);
    await markLeft(store.database('names'), '韩梅梅', { now: '2026-03-02T08:00:00.000Z', user: SERVER_USER });
    await expectEventually(async () => {
      const left = await new SessionClient(url).signIn('韩梅梅', PASSWORD);
      assert.equal(left.status, 401);
      assert.deepEqual(left.body, wrong.body);
    });
    assert.equal(wrong.status, 401);
    assert.deepEqual(unknown.body, wrong.body);
    assert.deepEqual(wrong.body, { error: 'unauthorized', reason: 'Wrong name or password, or too many failed attempts: try again later' });
    assert.equal(sessionSetCookie(wrong.headers), undefined);
  }));

  test('a body without a name or password is a 400', () => withPeople(async ({ url }) => {
    const answer = await new SessionClient(url).request('POST', '/api/session', { name: '李雷' });
    assert.equal(answer.status, 400);
    assert.match(String(answer.body?.reason), /string "password"/);
  }));
});

describe('lockout', () => {
  test(`after ${FREE_ATTEMPTS} failures even the right password is refused for a minute, then twice as long after each further failure`, () => withPeople(async ({ url, store }, clock) => {
    const attempt = (password: string) => new SessionClient(url).signIn('李雷', password);
    for (let i = 0; i < FREE_ATTEMPTS; i++) assert.equal((await attempt('wrong horse')).status, 401);
    assert.equal((await attempt(PASSWORD)).status, 401);

    clock.advance(FIRST_LOCK_MS - 1);
    assert.equal((await attempt(PASSWORD)).status, 401);
    clock.advance(1);
    assert.equal((await attempt('wrong horse')).status, 401);
    // The sixth failure locks for two minutes.
    clock.advance(FIRST_LOCK_MS);
    assert.equal((await attempt(PASSWORD)).status, 401);
    clock.advance(FIRST_LOCK_MS);
    assert.equal((await attempt(PASSWORD)).status, 200);

    // Success clears the count; the state lives in the store, for every server.
    const credentials = await store.serverDocs.read(credentialsId('李雷')) as unknown as { failedAttempts: number; lockedUntil: string | null };
    assert.deepEqual([credentials.failedAttempts, credentials.lockedUntil], [0, null]);
  }));

  test('parallel guesses cannot get past the lockout', () => withPeople(async ({ url, store }) => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => new SessionClient(url).signIn('李雷', 'wrong horse')));
    assert.ok(answers.every((a) => a.status === 401));
    const credentials = await store.serverDocs.read(credentialsId('李雷')) as unknown as { failedAttempts: number };
    assert.equal(credentials.failedAttempts, FREE_ATTEMPTS);
  }));
});

describe('sessions', () => {
  test('expire after 30 days without use, and slide forward with use (written at most once a minute)', () => withPeople(async ({ url }, clock) => {
    const client = await signedIn(url);
    clock.advance(TOUCH_INTERVAL_MS - 1);
    assert.equal(sessionSetCookie((await client.request('GET', '/api/session')).headers), undefined);
    clock.advance(SESSION_TTL_MS - TOUCH_INTERVAL_MS);
    const touched = await client.request('GET', '/api/session');
    assert.equal(touched.status, 200);
    assert.match(sessionSetCookie(touched.headers)!, /Max-Age=2592000/);
    clock.advance(SESSION_TTL_MS - 1);
    assert.equal((await client.request('GET', '/api/session')).status, 200);
    clock.advance(SESSION_TTL_MS);
    assert.equal((await client.request('GET', '/api/session')).status, 401);
  }));

  test('a state-changing request without the CSRF token, or with another, is a 403', () => withPeople(async ({ url }) => {
    const client = await signedIn(url);
    const body = { oldPassword: PASSWORD, newPassword: 'battery staple' };
    for (const token of ['', 'x'.repeat(43)]) {
      const answer = await client.request('POST', '/api/session/password', body, { 'x-csrf-token': token });
      assert.equal(answer.status, 403);
      assert.equal(answer.body?.error, 'forbidden');
    }
    const csrf = client.csrf;
    client.csrf = undefined;
    assert.equal((await client.request('DELETE', '/api/session')).status, 403);
    client.csrf = csrf;
    assert.equal((await client.request('DELETE', '/api/session')).status, 204);
  }));

  test('marking a person left ends their sessions at once; what they wrote stays', () => withPeople(async ({ url, store, directory }) => {
    const client = await signedIn(url);
    const ctx = { now: '2026-03-01T10:00:00.000Z', user: { name: '李雷', roles: ['[Sales]'] } };
    const customer = await store.database('crm').save({ form: 'Customer', name: '宁波海顺贸易', category: 'existing' }, ctx);

    await markLeft(store.database('names'), '李雷', { now: '2026-03-02T08:00:00.000Z', user: SERVER_USER });
    await expectEventually(() => directory.person('李雷')?.status === 'left');
    const refused = await client.request('GET', '/api/session');
    assert.equal(refused.status, 401);
    // The session document itself is removed too, so coming back does not revive it.
    await expectEventually(async () => assert.equal((await store.serverDocs.read(credentialsId('李雷')) as unknown as { sessions: string[] }).sessions.length, 0));

    const manager = await signedIn(url, '韩梅梅');
    const kept = await manager.request('GET', `/api/db/crm/docs/${customer._id}`);
    assert.equal(kept.status, 200);
    assert.deepEqual([kept.body?.name, kept.body?.createdBy, kept.body?.authors], ['宁波海顺贸易', '李雷', ['李雷']]);
  }));
});

describe('passwords', () => {
  test('changing one’s password ends one’s other sessions, and needs the current password and a strong new one', () => withPeople(async ({ url }) => {
    const laptop = await signedIn(url);
    const phone = await signedIn(url);
    const change = (oldPassword: string, newPassword: string) => laptop.request('POST', '/api/session/password', { oldPassword, newPassword });

    assert.deepEqual((await change(PASSWORD, 'short')).body, { error: 'bad_request', reason: 'A password needs at least 8 characters' });
    assert.equal((await change(PASSWORD, 'aaaaaaaaaa')).status, 400);
    assert.equal((await change('wrong horse', 'battery staple')).status, 403);
    assert.equal((await change(PASSWORD, 'battery staple')).status, 204);

    assert.equal((await laptop.request('GET', '/api/session')).status, 200);
    assert.equal((await phone.request('GET', '/api/session')).status, 401);
    assert.equal((await new SessionClient(url).signIn('李雷', PASSWORD)).status, 401);
    await signedIn(url, '李雷', 'battery staple');
  }));

  test('a Manager of names resets a password, which ends that person’s sessions; nobody else may', () => withPeople(async ({ url }) => {
    const li = await signedIn(url);
    const manager = await signedIn(url, '韩梅梅');
    const reset = (client: SessionClient, name: string, newPassword = 'battery staple') =>
      client.request('POST', `/api/people/${encodeURIComponent(name)}/password`, { newPassword });

    assert.deepEqual((await reset(li, '韩梅梅')).body, { error: 'forbidden', reason: 'Only Managers of the directory (names) may reset passwords' });
    assert.equal((await reset(manager, '王五')).status, 404);
    assert.equal((await reset(manager, '李雷', 'short')).status, 400);
    assert.equal((await reset(manager, '李雷')).status, 204);

    assert.equal((await li.request('GET', '/api/session')).status, 401);
    assert.equal((await manager.request('GET', '/api/session')).status, 200);
    await signedIn(url, '李雷', 'battery staple');
  }));
});

describe('cookies behind a proxy', () => {
  const viaTls = { 'x-forwarded-proto': 'https' };

  test('Secure when a trusted proxy says the request came over HTTPS', () => withPeople(async ({ url }) => {
    const client = new SessionClient(url);
    const answer = await client.request('POST', '/api/session', { name: '李雷', password: PASSWORD }, viaTls);
    assert.match(sessionSetCookie(answer.headers)!, /; Secure; SameSite=Lax$/);
    assert.doesNotMatch(sessionSetCookie((await client.request('POST', '/api/session', { name: '李雷', password: PASSWORD })).headers)!, /Secure/);
  }, { TRUST_PROXY: 'loopback' }));

  test('not Secure when the proxy is not trusted, whatever the header says', () => withPeople(async ({ url }) => {
    const answer = await new SessionClient(url).request('POST', '/api/session', { name: '李雷', password: PASSWORD }, viaTls);
    assert.doesNotMatch(sessionSetCookie(answer.headers)!, /Secure/);
  }));
});
