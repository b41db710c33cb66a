import type { RequestHandler } from 'express';
import { listGroups, listPeople } from '../admin/directory-listing.js';
import type { Store } from '../store/store.js';

/** What anyone signed in may know of the directory, to pick people and departments: names, departments, titles. */
export interface DirectoryPicks {
  readonly people: readonly { readonly name: string; readonly department?: string; readonly title?: string }[];
  readonly groups: readonly { readonly name: string; readonly members: number }[];
}

/** `GET /api/directory`: the people still with the company and the groups (departments among them). */
export function directoryRoute(store: Store): RequestHandler {
  return async (_req, res) => {
    const people = (await listPeople(store, Date.now())).filter((p) => p.status === 'active')
      .map(({ name, department, title }) => ({ name, ...(department ? { department } : {}), ...(title ? { title } : {}) }));
    const groups = (await listGroups(store)).map((g) => ({ name: g.name, members: g.members.length }));
    res.json({ people, groups } satisfies DirectoryPicks);
  };
}
