import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { officeDay } from '../../design/forms/time-zones.js';
import { REPORT_KINDS } from '../../design/forms/work-report.js';
import type { MissingReports } from '../../engine/missing-reports.js';
import { localeContext } from '../contexts.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

/** The page id the navigator and the address use for this pane in `office`. */
export const MISSING_REPORTS_PAGE = 'missing-reports';

/**
 * For a department head or manager: who has not submitted this week's (day's, month's) report,
 * and who has, from the server (`/api/office/missing-reports`), which knows every report even
 * where the asker's replica does not hold it.
 */
@customElement('gx-missing-reports-pane')
export class GxMissingReportsPane extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; overflow: auto; padding: 10px 16px; background: #fff; }
    h3 { font-size: 14px; color: #13304f; margin: 14px 0 4px; }
    .row { display: flex; gap: 12px; align-items: center; }
    ul { margin: 0; padding-left: 20px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @state() private accessor kind = 'weekly';
  @state() private accessor date = officeDay(new Date().toISOString());

  private readonly answer = new Task(this, {
    task: async ([kind, date], { signal }) => {
      const response = await fetch(`/api/office/missing-reports?kind=${encodeURIComponent(kind)}&date=${encodeURIComponent(date)}`, { signal });
      const body = (await response.json()) as Partial<MissingReports> & { reason?: string; fields?: { message: { zh: string; en: string } }[] };
      if (!response.ok) throw new Error(body.fields?.[0] ? this.locale.label(body.fields[0].message) : body.reason ?? String(response.status));
      return body as MissingReports;
    },
    args: () => [this.kind, this.date] as const,
  });

  override render() {
    const t = this.locale.t;
    return html`
      <h2>${t.missingReportsTitle}</h2>
      <div class="row">
        <label>${t.reportKind} <select name="kind" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value)}>
          ${REPORT_KINDS.filter((k) => k.value !== 'event').map((k) => html`<option value=${k.value} ?selected=${k.value === this.kind}>${this.locale.label(k.label)}</option>`)}
        </select></label>
        <label>${t.reportOn} <input type="date" name="date" .value=${this.date} @change=${(e: Event) => (this.date = (e.target as HTMLInputElement).value || this.date)}></label>
      </div>
      ${this.answer.render({
        pending: () => html`<p class="muted">${t.loading}</p>`,
        error: (error) => html`<p class="errors" role="alert">${navigator.onLine ? String((error as Error).message ?? error) : t.expenseOffline}</p>`,
        complete: (answer) => html`
          <p class="muted" data-period>${t.reportPeriod(answer.period)}</p>
          <h3>${t.reportsMissing(answer.missing.length)}</h3>
          ${answer.missing.length === 0 ? html`<p class="muted">${t.reportsNoneMissing}</p>`
            : html`<ul data-missing>${answer.missing.map((p) => html`<li data-name=${p.name}>${p.name}${p.department ? html` <span class="muted">${p.department}</span>` : nothing}</li>`)}</ul>`}
          <h3>${t.reportsSubmitted(answer.submitted.length)}</h3>
          <ul data-submitted>${answer.submitted.map((name) => html`<li data-name=${name}>${name}</li>`)}</ul>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-missing-reports-pane': GxMissingReportsPane;
  }
}
