import { groupsOf, type Acl, type Group } from '../../design/access/acl.js';
import type { Doc } from '../../design/form.js';
import { readDirectoryDoc } from '../directory/directory-records.js';
import { StaticDirectory } from '../directory/static-directory.js';
import type { Store } from '../store/store.js';

export interface Addressee {
  readonly name: string;
  readonly email: string;
}

/**
 * Whom a notice's recipients name, as people with an address: a person, a group (nested groups
 * too) or a role such as `[Sales]` (held by the person or given by their entry in the crm ACL),
 * as `readers` would grant it. Each person once; people who left are not mailed.
 */
export async function noticeAddressees(store: Store): Promise<(recipients: readonly string[]) => Addressee[]> {
  const { rows } = await store.database('names').pouch.allDocs({ include_docs: true });
  const docs = rows.flatMap((row) => (row.doc ? [row.doc as Doc] : []));
  const groups = new Map<string, Group>();
  const acls: Acl[] = [];
  const people: { name: string; roles: readonly string[]; email: string }[] = [];
  for (const doc of docs) {
    const record = readDirectoryDoc(doc);
    if (record?.kind === 'group') groups.set(record.group.name, record.group);
    if (record?.kind === 'acl') acls.push(record.acl);
    if (record?.kind === 'person' && record.person.status === 'active' && typeof doc.email === 'string' && doc.email !== '') {
      people.push({ name: record.person.name, roles: record.person.roles ?? [], email: doc.email });
    }
  }
  const directory = new StaticDirectory({ people: people.map(({ name, roles }) => ({ name, roles, status: 'active' })), groups: [...groups.values()], acls });
  const namesOf = new Map(people.map((person) => [person.name, new Set([
    person.name, ...groupsOf(person.name, groups), ...person.roles, ...directory.accessFor(person.name, 'crm').roles,
  ])]));
  return (recipients) => people.filter((person) => recipients.some((name) => namesOf.get(person.name)!.has(name)))
    .map(({ name, email }) => ({ name, email }));
}
