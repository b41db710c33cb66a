import type { Doc } from '../../design/form.js';
import { lineFor } from '../../design/forms/expense-claim.js';
import type { DealExpenseRow, ExpenseRow, ExpenseStatistics } from '../../engine/expense-figures.js';
import type { CrmSettings } from '../crm/crm-settings.js';
import { dealValue } from '../crm/statistics.js';

/** Counted in statistics: what was approved (money the company owes) and what finance has paid. */
const COUNTED = new Set(['approved', 'completed']);

interface Tally { name: string; claims: Set<string>; amount: number; paid: number }

class Tallies {
  private readonly byKey = new Map<string, Tally>();

  add(key: string, name: string, claim: string, cents: number, paid: boolean): void {
    let tally = this.byKey.get(key);
    if (!tally) this.byKey.set(key, (tally = { name, claims: new Set(), amount: 0, paid: 0 }));
    tally.claims.add(claim);
    tally.amount += cents;
    if (paid) tally.paid += cents;
  }

  rows(): ExpenseRow[] {
    return [...this.byKey].map(([key, t]) => ({ key, name: t.name, claims: t.claims.size, amount: t.amount / 100, paid: t.paid / 100 }))
      .sort((a, b) => b.amount - a.amount || a.name.localeCompare(b.name, 'zh-CN'));
  }
}

/**
 * A period's expenses (lines dated in it) of the approved and paid claims the asker may read, in
 * the base currency at the CRM settings' rates, by person, department, category, customer and deal;
 * each deal beside its value, when the asker may read the deal (`deals`).
 */
export function expenseStatistics(claims: readonly Doc[], deals: ReadonlyMap<string, Doc>, period: string, settings: CrmSettings): ExpenseStatistics {
  const base = settings.baseCurrency ?? 'CNY';
  const rate = (currency: string) => (currency === base ? 1 : settings.rate(currency));
  const tallies = { person: new Tallies(), department: new Tallies(), category: new Tallies(), customer: new Tallies(), deal: new Tallies() };
  const unconverted = new Set<string>();
  for (const claim of claims) {
    if (claim.form !== 'ExpenseClaim' || claim.kind === 'request' || !COUNTED.has(String(claim.approvalStatus))) continue;
    const id = String(claim._id);
    const paid = claim.approvalStatus === 'completed';
    for (const line of Array.isArray(claim.lines) ? (claim.lines as Doc[]) : []) {
      if (typeof line.date !== 'string' || !line.date.startsWith(period) || typeof line.amount !== 'number') continue;
      const currency = typeof line.currency === 'string' ? line.currency : base;
      const r = rate(currency);
      if (r === undefined) {
        unconverted.add(currency);
        continue;
      }
      const cents = Math.round(line.amount * r * 100);
      const person = String(claim.createdBy ?? '');
      tallies.person.add(person, person, id, cents, paid);
      tallies.department.add(String(claim.filerDepartment ?? ''), String(claim.filerDepartment ?? ''), id, cents, paid);
      tallies.category.add(String(line.category ?? ''), String(line.category ?? ''), id, cents, paid);
      const what = lineFor(claim, line);
      tallies.customer.add(what.customerId, what.customerName, id, cents, paid);
      tallies.deal.add(what.dealId, what.dealName, id, cents, paid);
    }
  }
  const byDeal: DealExpenseRow[] = tallies.deal.rows().map((row) => {
    const deal = deals.get(row.key);
    if (!deal) return { ...row, value: null, valueCurrency: null, valueInBase: null };
    const currency = typeof deal.currency === 'string' ? deal.currency : base;
    const value = dealValue(deal);
    const r = rate(currency);
    return { ...row, value, valueCurrency: currency, valueInBase: r === undefined ? null : Math.round(value * r * 100) / 100 };
  });
  return {
    period, baseCurrency: base,
    byPerson: tallies.person.rows(), byDepartment: tallies.department.rows(), byCategory: tallies.category.rows(),
    byCustomer: tallies.customer.rows(), byDeal, unconverted: [...unconverted].sort(),
  };
}
