import type { Doc } from '../../design/form.js';
import { orderTotal } from '../../design/forms/deal.js';
import { DEAL_STAGE_NAMES } from '../../design/forms/deal-stages.js';
import type { Target } from '../../design/forms/sales-targets.js';
import type { SalesFigures, SalesStatistics, StageFigures } from '../../engine/sales-figures.js';
import type { CrmSettings } from './crm-settings.js';

/** Money in cents while it is added up, so that sums do not drift. */
const cents = (value: number) => Math.round(value * 100);

/** What a won deal is worth: its order lines when it has them, else its expected amount. */
export function dealValue(deal: Doc): number {
  const lines = orderTotal(deal);
  return lines > 0 ? lines : typeof deal.amount === 'number' ? deal.amount : 0;
}

interface Tally { won: number; amountWon: number; open: number; pipeline: number; weighted: number; undated: number; target: number | null }

/** Tallies by a group (a salesperson, a stage) and currency, in cents. */
class Tallies {
  private readonly byKey = new Map<string, { group: string; currency: string; tally: Tally }>();

  get(group: string, currency: string): Tally {
    const key = JSON.stringify([group, currency]);
    let found = this.byKey.get(key);
    if (!found) this.byKey.set(key, (found = { group, currency, tally: { won: 0, amountWon: 0, open: 0, pipeline: 0, weighted: 0, undated: 0, target: null } }));
    return found.tally;
  }

  entries() {
    return [...this.byKey.values()].sort((a, b) => a.group.localeCompare(b.group, 'zh-CN') || a.currency.localeCompare(b.currency));
  }
}

/** Where a deal counts in a period's figures. */
type Counted = { kind: 'won'; cents: number } | { kind: 'open'; cents: number; weighted: number } | { kind: 'undated' };

function counted(deal: Doc, period: string, settings: CrmSettings): Counted | null {
  if ((deal.status === 'won' || deal.status === 'completed') && typeof deal.wonDate === 'string' && deal.wonDate.startsWith(period)) {
    return { kind: 'won', cents: cents(dealValue(deal)) };
  }
  if (deal.status !== 'tracking') return null;
  if (typeof deal.expectedClose !== 'string') return { kind: 'undated' };
  if (!deal.expectedClose.startsWith(period)) return null;
  const amount = cents(typeof deal.amount === 'number' ? deal.amount : 0);
  return { kind: 'open', cents: amount, weighted: Math.round(amount * settings.probability(deal.stage) / 100) };
}

function add(tally: Tally, deal: Counted, rate = 1): void {
  if (deal.kind === 'won') {
    tally.won++;
    tally.amountWon += Math.round(deal.cents * rate);
  } else if (deal.kind === 'open') {
    tally.open++;
    tally.pipeline += Math.round(deal.cents * rate);
    tally.weighted += Math.round(deal.weighted * rate);
  } else {
    tally.undated++;
  }
}

/**
 * A period's figures per salesperson and currency, per stage, and — when an administrator set a
 * base currency and rates — converted into it. A deal counts for its first owner, so that the
 * rows add up to the company's total; `deals` are those the asker may read and `targets` those they
 * may see (targetsSeenBy: a colleague's target is not a salesperson's business).
 */
export function salesStatistics(deals: readonly Doc[], period: string, settings: CrmSettings, targets: readonly Target[]): SalesStatistics {
  const owners = new Tallies();
  const ownersInBase = new Tallies();
  const stages = new Tallies();
  const stagesInBase = new Tallies();
  const unconverted = new Map<string, { currency: string; deals: number; targets: number }>();
  const base = settings.baseCurrency;
  const rateOf = (currency: string, what: 'deals' | 'targets'): number | undefined => {
    const rate = base === null ? undefined : settings.rate(currency);
    if (base !== null && rate === undefined) {
      const missing = unconverted.get(currency) ?? { currency, deals: 0, targets: 0 };
      missing[what]++;
      unconverted.set(currency, missing);
    }
    return rate;
  };

  for (const target of targets) {
    if (target.period !== period) continue;
    const tally = owners.get(target.owner, target.currency);
    tally.target = (tally.target ?? 0) + cents(target.amount);
    const rate = rateOf(target.currency, 'targets');
    if (rate !== undefined) {
      const inBase = ownersInBase.get(target.owner, base!);
      inBase.target = (inBase.target ?? 0) + Math.round(cents(target.amount) * rate);
    }
  }
  for (const deal of deals) {
    if (deal.form !== 'Deal' || deal._deleted) continue;
    const counts = counted(deal, period, settings);
    if (!counts) continue;
    const owner = Array.isArray(deal.owner) && deal.owner.length > 0 ? String(deal.owner[0]) : '';
    const currency = typeof deal.currency === 'string' ? deal.currency : 'USD';
    const stage = typeof deal.stage === 'string' ? deal.stage : '';
    add(owners.get(owner, currency), counts);
    if (counts.kind === 'open') add(stages.get(stage, currency), counts);
    const rate = rateOf(currency, 'deals');
    if (rate === undefined) continue;
    add(ownersInBase.get(owner, base!), counts, rate);
    if (counts.kind === 'open') add(stagesInBase.get(stage, base!), counts, rate);
  }
  return {
    period,
    rows: owners.entries().map(salesFigures),
    stages: stageOrder(stages.entries().map((entry) => stageFigures(entry, settings))),
    baseCurrency: base,
    rowsInBase: ownersInBase.entries().map(salesFigures),
    stagesInBase: stageOrder(stagesInBase.entries().map((entry) => stageFigures(entry, settings))),
    unconverted: [...unconverted.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}

function salesFigures({ group, currency, tally }: { group: string; currency: string; tally: Tally }): SalesFigures {
  return {
    owner: group, currency, won: tally.won, amountWon: tally.amountWon / 100, target: tally.target === null ? null : tally.target / 100,
    open: tally.open, pipeline: tally.pipeline / 100, weightedPipeline: tally.weighted / 100, undated: tally.undated,
  };
}

/** A stage with the probability the settings give it now. */
function stageFigures({ group, currency, tally }: { group: string; currency: string; tally: Tally }, settings: CrmSettings): StageFigures {
  return { stage: group, probability: settings.probability(group), currency, open: tally.open, pipeline: tally.pipeline / 100, weightedPipeline: tally.weighted / 100 };
}

/** Stages in the order a deal goes through them (s10 … s100); one no longer defined last. */
function stageOrder(figures: StageFigures[]): StageFigures[] {
  const index = (stage: string) => {
    const at = DEAL_STAGE_NAMES.findIndex((s) => s.value === stage);
    return at < 0 ? DEAL_STAGE_NAMES.length : at;
  };
  return figures.sort((a, b) => index(a.stage) - index(b.stage) || a.currency.localeCompare(b.currency));
}
