import type { RouteDirectory } from '../../design/approval/resolve-route.js';
import type { Doc } from '../../design/form.js';
import { MANAGER_ROLE } from '../../design/forms/crm-fields.js';
import type { MissingReports } from '../../engine/missing-reports.js';

/**
 * Who has not submitted a report of `kind` for `period`, among the people whose reports the asker
 * receives: the members of the departments they head, or for a manager everyone still with the
 * company who belongs to a department; never the asker. Reports go up through departments, so
 * someone in none (an administrator's account, the owner, an outside accountant) is not expected
 * to report. Null when the asker heads nothing and is no manager.
 */
export function missingReports(asker: { name: string; roles: readonly string[] }, directory: RouteDirectory, reports: readonly Doc[], kind: string, period: string): MissingReports | null {
  const headed = directory.groups.filter((g) => g.head.includes(asker.name));
  if (headed.length === 0 && !asker.roles.includes(MANAGER_ROLE)) return null;
  const inHeaded = (p: RouteDirectory['people'][number]) => headed.some((g) => g.name === p.department || (g.members ?? []).includes(p.name));
  const inDepartment = (p: RouteDirectory['people'][number]) => p.department !== undefined || directory.groups.some((g) => g.head.length > 0 && (g.members ?? []).includes(p.name));
  const people = directory.people.filter((p) => p.name !== asker.name && (asker.roles.includes(MANAGER_ROLE) ? inDepartment(p) : inHeaded(p)));
  const submitted = new Set(reports.filter((r) => r.form === 'WorkReport' && r.kind === kind && r.period === period).map((r) => String(r.createdBy)));
  return {
    kind, period,
    missing: people.filter((p) => !submitted.has(p.name)).map((p) => ({ name: p.name, ...(p.department ? { department: p.department } : {}) })),
    submitted: people.filter((p) => submitted.has(p.name)).map((p) => p.name),
  };
}
