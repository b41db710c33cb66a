import type { Doc } from '../../design/form.js';
import { orderTotal } from '../../design/forms/deal.js';
import type { SalesFigures } from '../../engine/sales-figures.js';
import type { CrmSettings } from './crm-settings.js';

const cents = (value: number) => Math.round(value * 100);

/** What a won deal is worth: its order lines when it has them, else its expected amount. */
export function dealValue(deal: Doc): number {
  const lines = orderTotal(deal);
  return lines > 0 ? lines : typeof deal.amount === 'number' ? deal.amount : 0;
}

/**
 * Figures per salesperson and currency (amounts in different currencies are never added). A deal
 * counts for its first owner, so that the rows add up to the company's total.
 */
export function salesStatistics(deals: readonly Doc[], period: string, settings: CrmSettings): SalesFigures[] {
  const rows = new Map<string, { owner: string; currency: string; won: number; amountWon: number; open: number; pipeline: number; weighted: number }>();
  const row = (owner: string, currency: string) => {
    const key = JSON.stringify([owner, currency]);
    let found = rows.get(key);
    if (!found) rows.set(key, (found = { owner, currency, won: 0, amountWon: 0, open: 0, pipeline: 0, weighted: 0 }));
    return found;
  };
  for (const target of settings.targets) if (target.period === period) row(target.owner, target.currency);
  for (const deal of deals) {
    if (deal.form !== 'Deal' || deal._deleted) continue;
    const owner = Array.isArray(deal.owner) && deal.owner.length > 0 ? String(deal.owner[0]) : '';
    const currency = typeof deal.currency === 'string' ? deal.currency : 'USD';
    if ((deal.status === 'won' || deal.status === 'completed') && typeof deal.wonDate === 'string' && deal.wonDate.startsWith(period)) {
      const r = row(owner, currency);
      r.won++;
      r.amountWon += cents(dealValue(deal));
    } else if (deal.status === 'tracking') {
      const r = row(owner, currency);
      const amount = typeof deal.amount === 'number' ? deal.amount : 0;
      r.open++;
      r.pipeline += cents(amount);
      r.weighted += Math.round(cents(amount) * settings.probability(deal.stage) / 100);
    }
  }
  return [...rows.values()]
    .map((r) => ({
      owner: r.owner,
      currency: r.currency,
      won: r.won,
      amountWon: r.amountWon / 100,
      target: settings.targets.find((t) => t.owner === r.owner && t.period === period && t.currency === r.currency)?.amount ?? null,
      open: r.open,
      pipeline: r.pipeline / 100,
      weightedPipeline: r.weighted / 100,
    }))
    .sort((a, b) => a.owner.localeCompare(b.owner, 'zh-CN') || a.currency.localeCompare(b.currency));
}
