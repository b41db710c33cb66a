import type { RouteDirectory } from '../../design/approval/resolve-route.js';
import { listGroups, listPeople } from '../admin/directory-listing.js';
import type { Store } from '../store/store.js';

/** The people still with the company and the groups with their heads, as approval routes resolve them. */
export async function readRouteDirectory(store: Store, now: number): Promise<RouteDirectory> {
  const people = (await listPeople(store, now)).filter((p) => p.status === 'active')
    .map((p) => ({ name: p.name, roles: p.roles, ...(p.department ? { department: p.department } : {}) }));
  const groups = (await listGroups(store)).map((g) => ({ name: g.name, head: g.head ?? [], members: g.members }));
  return { people, groups };
}
