import type { AclListing, AdminDirectory, AdminLogEntry, PersonListing } from '../../design/access/admin-listing.js';
import { callApi, callJson } from '../controllers/server-api.js';
import { currentSession } from '../controllers/session-api.js';

// The workstation administers only through the server (passwords and lockouts never reach a replica).

export type PersonFields = Partial<Pick<PersonListing, 'department' | 'title' | 'email' | 'phone' | 'roles'>>;

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
  saveGroup: (name: string, members: readonly string[], description: string, head: readonly string[]) => send('PUT', path('groups', name), { members, description, head }),
  saveAcl: (acl: AclListing) => send('PUT', `/api/admin/acls/${acl.db}`, { defaultLevel: acl.defaultLevel, entries: acl.entries }),
};
