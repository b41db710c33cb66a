import type { RequestHandler } from 'express';
import type { DirectoryPicks } from '../../design/directory-picks.js';
import { listGroups, listPeople } from '../admin/directory-listing.js';
import type { Store } from '../store/store.js';

/** `GET /api/directory`: the people still with the company and the groups (departments among them). */
export function directoryRoute(store: Store): RequestHandler {
  return async (_req, res) => {
    const people = (await listPeople(store, Date.now())).filter((p) => p.status === 'active')
      .map(({ name, department, title }) => ({ name, ...(department ? { department } : {}), ...(title ? { title } : {}) }));
    const listed = await listGroups(store);
    const active = new Set(people.map((p) => p.name));
    const members = new Map(listed.map((g) => [g.name, g.members]));
    const groups = listed.map((g) => ({ name: g.name, members: g.members.length, people: peopleOf(g.name, members).filter((name) => active.has(name)) }));
    res.json({ people, groups } satisfies DirectoryPicks);
  };
}

/** The people of a group, those of the groups in it included (a group met again on the way is not walked twice). */
function peopleOf(group: string, members: ReadonlyMap<string, readonly string[]>): string[] {
  const people = new Set<string>();
  const seen = new Set<string>();
  const walk = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const member of members.get(name) ?? []) {
      if (members.has(member)) walk(member);
      else people.add(member);
    }
  };
  walk(group);
  return [...people];
}
