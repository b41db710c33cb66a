import type { Doc } from './form.js';

/** A waiting-for item older than this many days is stale unless the review is asked otherwise. */
export const WAITING_STALE_DAYS = 7;

export interface StaleItems {
  /** Active projects none of whose open actions is a next action. */
  readonly projectsWithoutNext: Doc[];
  /** Delegated actions waiting since before `today` minus the given days, oldest first. */
  readonly waitingTooLong: Doc[];
}

/**
 * What the weekly review flags as stale (GTD): projects that would stall because nothing is planned
 * next, and what others were asked to do long ago. `actions` are the open actions the person sees;
 * `today` is `YYYY-MM-DD` in the person's time zone.
 */
export function findStale(today: string, projects: readonly Doc[], actions: readonly Doc[], waitingDays = WAITING_STALE_DAYS): StaleItems {
  const moving = new Set(actions.filter((a) => a.status === 'next' && typeof a.projectId === 'string').map((a) => a.projectId));
  const limit = new Date(Date.parse(`${today}T00:00:00Z`) - waitingDays * 86_400_000).toISOString().slice(0, 10);
  return {
    projectsWithoutNext: projects.filter((p) => p.form === 'ActionProject' && p.status === 'active' && !moving.has(p._id)),
    waitingTooLong: actions
      .filter((a) => a.status === 'waiting' && typeof a.waitingSince === 'string' && a.waitingSince < limit)
      .sort((a, b) => String(a.waitingSince).localeCompare(String(b.waitingSince))),
  };
}
