/** One salesperson's figures in one currency for a period (a year `2026` or a month `2026-03`). */
export interface SalesFigures {
  readonly owner: string;
  readonly currency: string;
  /** Deals won in the period (their `wonDate`), and what they are worth. */
  readonly won: number;
  readonly amountWon: number;
  /** The target the settings set for the owner, the period and the currency; null when none. */
  readonly target: number | null;
  /** Deals still tracked, and their expected amounts weighted by their stage's probability. */
  readonly open: number;
  readonly pipeline: number;
  readonly weightedPipeline: number;
}
