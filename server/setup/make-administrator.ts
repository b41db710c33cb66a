import { DB_NAMES } from '../../design/databases.js';
import type { SaveContext } from '../../design/form.js';
import { setPassword } from '../auth/credentials.js';
import { ADMIN_ROLE, saveAdministrator, setAclEntry } from '../directory/directory-edits.js';
import type { Store } from '../store/store.js';

/** The administrator as `create-admin` and the setup link make them: the role, Manager of every database, a password. */
export async function makeAdministrator(store: Store, name: string, password: string, ctx: SaveContext): Promise<void> {
  const names = store.database('names');
  await saveAdministrator(names, name, ctx);
  for (const db of DB_NAMES) await setAclEntry(names, db, { name, level: 'manager' }, ctx);
  await setPassword(store, name, password, Date.parse(ctx.now));
}

/** Whether anyone active holds the administrator's role: until then the server offers the setup link. */
export async function hasAdministrator(store: Store): Promise<boolean> {
  const { rows } = await store.database('names').pouch.allDocs({ startkey: 'person-', endkey: 'person-\uffff', include_docs: true });
  return rows.some(({ doc }) => {
    const person = doc as { status?: unknown; roles?: unknown } | undefined;
    return person?.status === 'active' && Array.isArray(person.roles) && person.roles.includes(ADMIN_ROLE);
  });
}
