/** One salesperson's figures in one currency for a period (a year `2026` or a month `2026-03`). */
export interface SalesFigures {
  readonly owner: string;
  readonly currency: string;
  /** Deals won in the period (their `wonDate`), and what they are worth. */
  readonly won: number;
  readonly amountWon: number;
  /** The target the settings set for the owner, the period and the currency; null when none. */
  readonly target: number | null;
  /**
   * Deals still tracked whose expected close date falls in the period, their expected amounts,
   * and those amounts weighted by their stage's probability.
   */
  readonly open: number;
  readonly pipeline: number;
  readonly weightedPipeline: number;
  /** Deals still tracked with no expected close date: in no period's pipeline until they get one. */
  readonly undated: number;
}

/** The period's pipeline at one stage, in one currency. */
export interface StageFigures {
  readonly stage: string;
  /** The probability the CRM settings give the stage now. */
  readonly probability: number;
  readonly currency: string;
  readonly open: number;
  readonly pipeline: number;
  readonly weightedPipeline: number;
}

/** What `/api/crm/statistics` answers. */
export interface SalesStatistics {
  readonly period: string;
  /** Per salesperson and currency: amounts in different currencies are never added. */
  readonly rows: readonly SalesFigures[];
  readonly stages: readonly StageFigures[];
  /** The currency an administrator set for totals; null when none is set. */
  readonly baseCurrency: string | null;
  /** The same figures converted into the base currency at the configured rates (empty without one). */
  readonly rowsInBase: readonly SalesFigures[];
  readonly stagesInBase: readonly StageFigures[];
  /** Currencies with no rate to the base: their deals and targets are not in the converted figures. */
  readonly unconverted: readonly { readonly currency: string; readonly deals: number; readonly targets: number }[];
}
