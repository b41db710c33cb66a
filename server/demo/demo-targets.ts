import type { Doc } from '../../design/form.js';
import { addDays } from '../../design/forms/contact-due.js';
import { SALESPEOPLE } from './demo-catalogue.js';
import type { DemoRecord } from './demo-data.js';

// How far each salesperson is expected to reach: a spread a sales director would believe.
const REACH = [0.7, 0.85, 1, 1.15, 1.3];

/**
 * The demo's yearly targets: per salesperson and currency they sell in, what they won over the
 * last twelve months divided by their reach, rounded to ten thousand — so that the statistics
 * show completion rates around 70–130 % of the pace, not the 751–2066 % of fixed figures.
 */
export function demoTargets(records: readonly DemoRecord[], today: string): Doc[] {
  const since = addDays(today, -365);
  const won = new Map<string, number>();
  for (const { doc } of records) {
    if (doc.form !== 'Deal' || (doc.status !== 'won' && doc.status !== 'completed') || typeof doc.wonDate !== 'string' || doc.wonDate < since) continue;
    const key = `${(doc.owner as string[])[0]}\n${String(doc.currency)}`;
    won.set(key, (won.get(key) ?? 0) + Number(doc.amount ?? 0));
  }
  const year = today.slice(0, 4);
  return SALESPEOPLE.flatMap((person, i) => [...won].flatMap(([key, amount]) => {
    const [owner, currency] = key.split('\n');
    if (owner !== person.name) return [];
    return [{ owner, period: year, amount: Math.max(10_000, Math.round(amount / REACH[i % REACH.length]! / 10_000) * 10_000), currency }];
  }));
}
