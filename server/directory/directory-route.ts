import type { RequestHandler } from 'express';
import type { DirectoryPicks } from '../../design/directory-picks.js';
import { listGroups, listPeople } from '../admin/directory-listing.js';
import type { Store } from '../store/store.js';

/** `GET /api/directory`: the people still with the company and the groups (departments among them). */
export function directoryRoute(store: Store): RequestHandler {
  return async (_req, res) => {
    const people = (await listPeople(store, Date.now())).filter((p) => p.status === 'active')
      .map(({ name, department, title }) => ({ name, ...(department ? { department } : {}), ...(title ? { title } : {}) }));
    const groups = (await listGroups(store)).map((g) => ({ name: g.name, members: g.members.length }));
    res.json({ people, groups } satisfies DirectoryPicks);
  };
}
