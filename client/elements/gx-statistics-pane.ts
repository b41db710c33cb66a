import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { stageLabel } from '../../design/forms/deal-stages.js';
import { officeDay } from '../../design/forms/time-zones.js';
import type { SalesFigures, SalesStatistics, StageFigures } from '../../engine/sales-figures.js';
import { localeContext } from '../contexts.js';
import type { Locale } from '../i18n/locale.js';
import { salesChart, salesChartStyles } from './sales-chart.js';
import { figureStyles, paneStyles } from './styles.js';

/** The page id the navigator and the address use for this pane in `crm`. */
export const STATISTICS_PAGE = 'sales-statistics';

/**
 * Sales statistics from the server (`/api/crm/statistics`) for a period: per salesperson and
 * currency (each row names its currency: a salesperson with deals in three currencies has three
 * rows), deals won and their value against the target, and the pipeline of deals expected to
 * close in the period, weighted by the stages' configured probabilities; the same converted into
 * the base currency when one is set, the pipeline by stage, and a bar chart drawn as SVG. It
 * needs the server: offline it says so.
 */
@customElement('gx-statistics-pane')
export class GxStatisticsPane extends LitElement {
  static override styles = [paneStyles, figureStyles, salesChartStyles];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @state() private accessor period = officeDay(new Date().toISOString()).slice(0, 4);

  private readonly stats = new Task(this, {
    task: async ([period], { signal }) => {
      const response = await fetch(`/api/crm/statistics?period=${encodeURIComponent(period)}`, { signal });
      const body = (await response.json()) as Partial<SalesStatistics> & { reason?: string; fields?: { message: { zh: string; en: string } }[] };
      if (!response.ok) throw new Error(body.fields?.[0] ? this.locale.label(body.fields[0].message) : body.reason ?? String(response.status));
      return body as SalesStatistics;
    },
    args: () => [this.period] as const,
  });

  override render() {
    const t = this.locale.t;
    return html`
      <h2>${t.statisticsTitle}</h2>
      <label>${t.statisticsPeriod} <input name="period" .value=${this.period} placeholder="2026 / 2026-03"
        @change=${(e: Event) => (this.period = (e.target as HTMLInputElement).value.trim())}></label>
      ${this.stats.render({
        pending: () => html`<p class="muted">${t.loading}</p>`,
        error: (error) => html`<p class="errors" role="alert">${navigator.onLine ? String((error as Error).message ?? error) : t.statisticsOffline}</p>`,
        complete: (stats) => (stats.rows.length === 0 ? html`<p class="muted">${t.noRows}</p>` : this.renderStatistics(stats)),
      })}`;
  }

  private renderStatistics(stats: SalesStatistics) {
    const t = this.locale.t;
    const base = stats.baseCurrency;
    const unconverted = stats.unconverted.map((u) => [u.currency, u.deals ? t.statDeals(u.deals) : '', u.targets ? t.statTargets(u.targets) : ''].filter(Boolean).join(' ')).join(t.statSeparator);
    return html`
      <p class="muted">${t.statPipelineHint}</p>
      ${base ? html`
        <h3>${t.statInBase(base)}</h3>
        ${this.renderTable(stats.rowsInBase, 'base')}
        ${unconverted ? html`<p class="warning" role="status" data-unconverted>${t.statUnconverted(unconverted)}</p>` : nothing}`
        : html`<p class="muted">${t.statNoBase}</p>`}
      <h3>${t.statByCurrency}</h3>
      ${this.renderTable(stats.rows, 'currency')}
      ${salesChart(base ? stats.rowsInBase : stats.rows, t.statisticsTitle)}
      <h3>${t.statByStage}</h3>
      ${this.renderStages(base ? stats.stagesInBase : stats.stages)}`;
  }

  private renderTable(rows: readonly SalesFigures[], kind: 'base' | 'currency') {
    const t = this.locale.t;
    const money = (value: number | null, currency: string) => (value === null ? '' : this.locale.money(value, currency));
    return html`<table data-table=${kind}>
      <thead><tr>${[t.statOwner, t.statCurrency, t.statWon, t.statAmountWon, t.statTarget, t.statReached, t.statOpen, t.statPipeline, t.statWeighted, t.statUndated].map((h) => html`<th>${h}</th>`)}</tr></thead>
      <tbody>${rows.map((r) => html`<tr data-owner=${r.owner} data-currency=${r.currency}>
        <td>${r.owner || '—'}</td><td>${r.currency}</td><td>${r.won}</td><td>${money(r.amountWon, r.currency)}</td><td>${money(r.target, r.currency)}</td>
        <td>${r.target ? `${Math.round((r.amountWon / r.target) * 100)}%` : ''}</td><td>${r.open}</td><td>${money(r.pipeline, r.currency)}</td>
        <td>${money(r.weightedPipeline, r.currency)}</td><td>${r.undated || ''}</td>
      </tr>`)}</tbody>
    </table>`;
  }

  private renderStages(stages: readonly StageFigures[]) {
    const t = this.locale.t;
    if (stages.length === 0) return html`<p class="muted">${t.noRows}</p>`;
    return html`<table data-table="stages">
      <thead><tr>${[t.statStage, t.statCurrency, t.statOpen, t.statPipeline, t.statWeighted].map((h) => html`<th>${h}</th>`)}</tr></thead>
      <tbody>${stages.map((s) => html`<tr data-stage=${s.stage} data-currency=${s.currency}>
        <td>${this.locale.label(stageLabel(s.stage, s.probability))}</td><td>${s.currency}</td><td>${s.open}</td>
        <td>${this.locale.money(s.pipeline, s.currency)}</td><td>${this.locale.money(s.weightedPipeline, s.currency)}</td>
      </tr>`)}</tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-statistics-pane': GxStatisticsPane;
  }
}
