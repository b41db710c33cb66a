/** `GET /api/office/missing-reports?kind=weekly&date=2026-03-10`: who owes the asker a report of the period. */
export interface MissingReports {
  readonly kind: string;
  /** The period's key: `2026-W11`, `2026-03`, `2026-03-10`. */
  readonly period: string;
  /** The people whose reports the asker receives: of the departments they head, or everyone for a manager. */
  readonly missing: readonly { readonly name: string; readonly department?: string }[];
  readonly submitted: readonly string[];
}
