import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localeContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from '../elements/styles.js';
import { calendarItems } from './calendar-entries.js';
import { isoDay } from './calendar-range.js';
import { itemText } from './item-text.js';

const YEAR = 365 * 24 * 3_600_000;

/** A customer's calendar entries and deals' dates on the customer's page: a year back and a year ahead, the latest first. */
@customElement('gx-customer-calendar')
export class GxCustomerCalendar extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; margin: 8px 0; }
    h3 { font-size: 13px; color: #35506e; margin: 6px 0 2px; }
    li { cursor: pointer; }
    li:hover { text-decoration: underline; }
    .time { color: #35506e; margin-right: 8px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor db: LocalDatabase | undefined;
  @property() accessor customerId = '';
  @property({ type: Number }) accessor revision = 0;

  private readonly items = new Task(this, {
    task: async ([db, id]) => (db && id ? calendarItems(db, Date.now() - YEAR, Date.now() + YEAR, { kind: 'customer', id }) : []),
    args: () => [this.db, this.customerId, this.revision] as const,
  });

  override render() {
    const items = [...(this.items.value ?? [])].reverse();
    if (items.length === 0) return nothing;
    return html`<h3>${this.locale.t.calendarOfCustomer}</h3><ul data-customer-calendar>
      ${items.map((item) => html`<li data-entry=${item.id} @click=${() => this.dispatchEvent(new CustomEvent('gx-open-document', { detail: { db: 'crm', id: item.id }, bubbles: true, composed: true }))}>
        <span class="time">${item.allDay ? this.locale.date(isoDay(item.start)) : this.locale.dateTime(new Date(item.start).toISOString())}</span>${itemText(item, this.locale)}${item.place ? ` · ${item.place}` : ''}</li>`)}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-customer-calendar': GxCustomerCalendar;
  }
}
