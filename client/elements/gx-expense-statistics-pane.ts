import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { EXPENSE_CATEGORIES } from '../../design/forms/expense-claim.js';
import { officeDay } from '../../design/forms/time-zones.js';
import type { DealExpenseRow, ExpenseRow, ExpenseStatistics } from '../../engine/expense-figures.js';
import { localeContext } from '../contexts.js';
import type { Locale } from '../i18n/locale.js';
import { figureStyles, paneStyles } from './styles.js';

/** The page id the navigator and the address use for this pane in `office`. */
export const EXPENSE_STATISTICS_PAGE = 'expense-statistics';

type Group = 'byPerson' | 'byDepartment' | 'byCategory' | 'byCustomer';

/**
 * Expense statistics from the server (`/api/office/expense-statistics`) for a period: the approved
 * and paid expenses by person, department, category and customer, and by deal next to what the
 * deal is worth; exportable as CSV. It needs the server: offline it says so.
 */
@customElement('gx-expense-statistics-pane')
export class GxExpenseStatisticsPane extends LitElement {
  static override styles = [paneStyles, figureStyles];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @state() private accessor period = officeDay(new Date().toISOString()).slice(0, 7);

  private readonly stats = new Task(this, {
    task: async ([period], { signal }) => {
      const response = await fetch(`/api/office/expense-statistics?period=${encodeURIComponent(period)}`, { signal });
      const body = (await response.json()) as Partial<ExpenseStatistics> & { reason?: string; fields?: { message: { zh: string; en: string } }[] };
      if (!response.ok) throw new Error(body.fields?.[0] ? this.locale.label(body.fields[0].message) : body.reason ?? String(response.status));
      return body as ExpenseStatistics;
    },
    args: () => [this.period] as const,
  });

  override render() {
    const t = this.locale.t;
    const csv = `/api/office/expense-statistics?period=${encodeURIComponent(this.period)}&format=csv&lang=${this.locale.lang}`;
    return html`
      <h2>${t.expenseStatisticsTitle}</h2>
      <label>${t.expensePeriod} <input name="period" .value=${this.period} placeholder="2026 / 2026-03"
        @change=${(e: Event) => (this.period = (e.target as HTMLInputElement).value.trim())}></label>
      <a href=${csv} download data-export>${t.expenseExport}</a>
      <p class="muted">${t.expenseHint}</p>
      ${this.stats.render({
        pending: () => html`<p class="muted">${t.loading}</p>`,
        error: (error) => html`<p class="errors" role="alert">${navigator.onLine ? String((error as Error).message ?? error) : t.expenseOffline}</p>`,
        complete: (stats) => this.renderStatistics(stats),
      })}`;
  }

  private renderStatistics(stats: ExpenseStatistics) {
    const t = this.locale.t;
    const groups: [Group, string][] = [['byPerson', t.expenseByPerson], ['byDepartment', t.expenseByDepartment], ['byCategory', t.expenseByCategory], ['byCustomer', t.expenseByCustomer]];
    return html`
      ${stats.unconverted.length > 0 ? html`<p class="warning" role="status">${t.expenseUnconverted(stats.unconverted.join(', '))}</p>` : nothing}
      ${groups.map(([group, title]) => html`<h3>${title}</h3>${this.renderTable(group, stats[group], stats.baseCurrency)}`)}
      <h3>${t.expenseByDeal}</h3>${this.renderDeals(stats.byDeal, stats.baseCurrency)}`;
  }

  private name(group: Group | 'byDeal', row: ExpenseRow): string {
    if (group === 'byCategory') {
      const choice = EXPENSE_CATEGORIES.find((c) => c.value === row.key);
      return choice ? this.locale.label(choice.label) : row.key;
    }
    return row.name || this.locale.t.expenseNone;
  }

  private renderTable(group: Group, rows: readonly ExpenseRow[], base: string) {
    const t = this.locale.t;
    if (rows.length === 0) return html`<p class="muted">${t.noRows}</p>`;
    return html`<table data-table=${group}>
      <thead><tr>${[t.expenseName, t.expenseClaims, t.expenseAmount(base), t.expensePaid].map((h) => html`<th>${h}</th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr data-key=${r.key}>
        <td>${this.name(group, r)}</td><td>${r.claims}</td><td>${this.locale.money(r.amount, base)}</td><td>${this.locale.money(r.paid, base)}</td>
      </tr>`)}</tbody>
    </table>`;
  }

  private renderDeals(rows: readonly DealExpenseRow[], base: string) {
    const t = this.locale.t;
    if (rows.length === 0) return html`<p class="muted">${t.noRows}</p>`;
    return html`<table data-table="byDeal">
      <thead><tr>${[t.expenseName, t.expenseClaims, t.expenseAmount(base), t.expensePaid, t.expenseDealValue, t.expenseShare].map((h) => html`<th>${h}</th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr data-key=${r.key}>
        <td>${this.name('byDeal', r)}</td><td>${r.claims}</td><td>${this.locale.money(r.amount, base)}</td><td>${this.locale.money(r.paid, base)}</td>
        <td>${r.value === null || r.valueCurrency === null ? '' : this.locale.money(r.value, r.valueCurrency)}</td>
        <td>${r.valueInBase ? `${((r.amount / r.valueInBase) * 100).toFixed(1)}%` : ''}</td>
      </tr>`)}</tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-expense-statistics-pane': GxExpenseStatisticsPane;
  }
}
