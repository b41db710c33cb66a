import type { Access, AccessLevel } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import type { Label } from '../../design/label.js';
import type { UserContext } from '../../design/user.js';
import { readStored, userKey, writeStored } from './user-storage.js';

export const CSRF_HEADER = 'X-CSRF-Token';

export type SessionAnswer =
  | { readonly kind: 'signed-in'; readonly user: UserContext; readonly csrf: string }
  | { readonly kind: 'signed-out' }
  /** No answer from the server (offline, or it is down). */
  | { readonly kind: 'unreachable' };

/** A database the user may read, and their access to it (GET /api/me/databases). */
export interface MyDatabase {
  readonly name: DbName;
  readonly label: Label;
  readonly level: AccessLevel;
  readonly names: readonly string[];
  readonly roles: readonly string[];
  readonly canCreate: boolean;
  readonly canDelete: boolean;
}

const LAST_USER = 'guanxi.user';

async function request(method: string, path: string, csrf?: string, body?: unknown): Promise<Response | null> {
  try {
    return await fetch(path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(csrf ? { [CSRF_HEADER]: csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return null;
  }
}

async function sessionOf(response: Response | null): Promise<SessionAnswer> {
  if (!response || response.status >= 500) return { kind: 'unreachable' };
  if (!response.ok) return { kind: 'signed-out' };
  const { user, csrf } = (await response.json()) as { user: UserContext; csrf: string };
  writeStored(LAST_USER, user);
  return { kind: 'signed-in', user, csrf };
}

export async function currentSession(): Promise<SessionAnswer> {
  return sessionOf(await request('GET', '/api/session'));
}

export async function signIn(name: string, password: string): Promise<SessionAnswer> {
  return sessionOf(await request('POST', '/api/session', undefined, { name, password }));
}

export async function signOut(csrf: string): Promise<void> {
  await request('DELETE', '/api/session', csrf);
  localStorage.removeItem(LAST_USER);
}

/** Who last signed in on this browser: whose replica opens when the server cannot be reached. */
export function lastUser(): UserContext | null {
  return readStored<UserContext | null>(LAST_USER, null);
}

/** The user's databases from the server, remembered for offline starts; null when unreachable and never seen. */
export async function myDatabases(user: UserContext): Promise<MyDatabase[] | null> {
  const key = `guanxi.databases.${userKey(user.name)}`;
  const response = await request('GET', '/api/me/databases');
  if (response?.ok) {
    const { databases } = (await response.json()) as { databases: MyDatabase[] };
    writeStored(key, databases);
    return databases;
  }
  return readStored<MyDatabase[] | null>(key, null);
}

export function accessOf(db: MyDatabase, user: UserContext): Access {
  return { user: user.name, level: db.level, names: new Set(db.names), roles: db.roles, canCreate: db.canCreate, canDelete: db.canDelete };
}

/** The token of the server's one-time setup link (`/#setup=<token>`), when the page was opened by it. */
export function setupToken(): string | null {
  const match = /^#setup=([\w-]+)$/.exec(location.hash);
  return match?.[1] ?? null;
}

/** Takes the setup token out of the address, so that it is neither bookmarked nor shown again. */
export function forgetSetupToken(): void {
  history.replaceState(null, '', location.pathname + location.search);
}

/** Whether the first administrator is still to be made (GET /api/setup); false when unreachable. */
export async function setupNeeded(): Promise<boolean> {
  const response = await request('GET', '/api/setup');
  return response?.ok === true && ((await response.json()) as { needed?: boolean }).needed === true;
}

/** Makes the first administrator and signs them in; a refusal carries the server's reason. */
export async function completeSetup(token: string, name: string, password: string): Promise<SessionAnswer | { readonly kind: 'refused'; readonly reason: string }> {
  const response = await request('POST', '/api/setup', undefined, { token, name, password });
  if (response && response.status >= 400 && response.status < 500) {
    const body = (await response.json().catch(() => null)) as { reason?: string } | null;
    return { kind: 'refused', reason: body?.reason ?? response.statusText };
  }
  return sessionOf(response);
}
