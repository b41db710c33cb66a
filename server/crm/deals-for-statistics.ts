import { dealsClosed, dealsPipeline } from '../../views/crm/deals.js';
import type { Database, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';

/**
 * The deals a period's statistics count, read through two views instead of the whole database:
 * those won in the period (by the month they were won) and the open ones expected to close in it
 * or not dated yet (by the month they are expected to close).
 */
export async function dealsForStatistics(crm: Database, period: string): Promise<StoredDoc[]> {
  const inPeriod = (title: unknown) => typeof title === 'string' && title.startsWith(period);
  const [won, open] = await Promise.all([
    docsOfView(crm, dealsClosed.id, inPeriod),
    docsOfView(crm, dealsPipeline.id, (title) => title === null || inPeriod(title)),
  ]);
  return [...won, ...open];
}
