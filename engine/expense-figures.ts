/** What the expenses of one person, department, category, customer or deal add up to in a period. */
export interface ExpenseRow {
  /** The person's or department's name, the category's value, the customer's or deal's id ('' for none). */
  readonly key: string;
  /** What it is shown as: a customer's or deal's name. */
  readonly name: string;
  /** Claims with expenses in the period, approved or paid. */
  readonly claims: number;
  /** Their expenses in the period, in the base currency. */
  readonly amount: number;
  /** Of which paid by finance. */
  readonly paid: number;
}

/** A deal's expenses beside what the deal is worth (in its own currency, and in the base currency when there is a rate). */
export interface DealExpenseRow extends ExpenseRow {
  readonly value: number | null;
  readonly valueCurrency: string | null;
  readonly valueInBase: number | null;
}

/** `GET /api/office/expense-statistics?period=2026|2026-03`: approved and paid expense claims, line by line. */
export interface ExpenseStatistics {
  readonly period: string;
  readonly baseCurrency: string;
  readonly byPerson: readonly ExpenseRow[];
  readonly byDepartment: readonly ExpenseRow[];
  readonly byCategory: readonly ExpenseRow[];
  readonly byCustomer: readonly ExpenseRow[];
  readonly byDeal: readonly DealExpenseRow[];
  /** Currencies of lines that could not be converted (no rate in the CRM settings): left out of the sums. */
  readonly unconverted: readonly string[];
}
