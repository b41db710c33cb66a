import type { AccessLevel } from '../../design/access/acl.js';
import type { DbName } from '../../design/databases.js';
import { callApi, callJson } from '../controllers/server-api.js';
import { currentSession } from '../controllers/session-api.js';

// The shapes server/admin sends; the workstation administers only through the server (passwords
// and lockouts never reach a replica).

export interface AdminPerson {
  readonly name: string;
  readonly department?: string;
  readonly title?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly roles: readonly string[];
  readonly status: 'active' | 'left';
  readonly hasPassword: boolean;
  readonly lockedUntil: string | null;
}

export interface AdminGroup {
  readonly name: string;
  readonly members: readonly string[];
  readonly description?: string;
}

export interface AdminAclEntry {
  readonly name: string;
  readonly level: AccessLevel;
  readonly roles: readonly string[];
  readonly canCreate?: boolean;
  readonly canDelete?: boolean;
}

export interface AdminAcl {
  readonly db: DbName;
  readonly defaultLevel: AccessLevel;
  readonly entries: readonly AdminAclEntry[];
}

export interface AdminDirectory {
  readonly people: readonly AdminPerson[];
  readonly groups: readonly AdminGroup[];
  readonly acls: readonly AdminAcl[];
  readonly managerOf: readonly DbName[];
}

export interface AdminLogEntry {
  readonly at: string;
  readonly by: string;
  readonly action: string;
  readonly target: string;
  readonly detail?: string;
}

export type PersonFields = Partial<Pick<AdminPerson, 'department' | 'title' | 'email' | 'phone' | 'roles'>>;

const path = (kind: string, name: string, action = '') => `/api/admin/${kind}/${encodeURIComponent(name)}${action}`;

async function csrf(): Promise<string> {
  const session = await currentSession();
  return session.kind === 'signed-in' ? session.csrf : '';
}

async function send(method: 'PUT' | 'POST', url: string, json?: unknown): Promise<void> {
  await callApi(url, { method, csrf: await csrf(), json: json ?? {} });
}

export const adminApi = {
  directory: () => callJson<AdminDirectory>('/api/admin/directory'),
  log: async () => (await callJson<{ entries: AdminLogEntry[] }>('/api/admin/log')).entries,
  savePerson: (name: string, fields: PersonFields) => send('PUT', path('people', name), fields),
  setPassword: (name: string, newPassword: string) => send('POST', path('people', name, '/password'), { newPassword }),
  unlock: (name: string) => send('POST', path('people', name, '/unlock')),
  leave: (name: string) => send('POST', path('people', name, '/leave')),
  saveGroup: (name: string, members: readonly string[], description: string) => send('PUT', path('groups', name), { members, description }),
  saveAcl: (acl: AdminAcl) => send('PUT', `/api/admin/acls/${acl.db}`, { defaultLevel: acl.defaultLevel, entries: acl.entries }),
};
