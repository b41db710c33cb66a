import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Doc } from '../../design/form.js';
import { findStale, WAITING_STALE_DAYS } from '../../design/gtd-review.js';
import { localeContext, workspaceContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { localToday } from '../controllers/local-today.js';
import { fromDay, viewDocs } from '../controllers/view-docs.js';
import type { Workspace } from '../controllers/workspace.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from '../elements/styles.js';

/** The page id the navigator and the address use for the weekly review in `crm`. */
export const REVIEW_PAGE = 'weekly-review';

const CONTACTS_SHOWN = 50;

/**
 * GTD's weekly review: what is stale in the person's lists (projects without a next action,
 * waiting-for items older than N days) and the customers nobody contacted in time, each opening
 * its document. Read from the replica, offline too.
 */
@customElement('gx-review-pane')
export class GxReviewPane extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; overflow: auto; padding: 10px 16px; background: #fff; }
    h3 { font-size: 14px; color: #13304f; margin: 12px 0 4px; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { padding: 2px 0; display: flex; gap: 8px; }
    li button { border: none; background: none; padding: 0; color: #1a4f8b; cursor: pointer; text-align: left; }
    input[type=number] { width: 4em; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;
  /** The replica's change count: the review is read again when it changes. */
  @property({ type: Number }) accessor revision = 0;
  @state() private accessor waitingDays = WAITING_STALE_DAYS;

  private readonly review = new Task(this, {
    task: async ([crm, days]) => (crm ? readReview(crm, days) : null),
    args: () => [this.workspace?.database('crm'), this.waitingDays, this.revision] as const,
  });

  override render() {
    const t = this.locale.t;
    return html`
      <h2>${t.reviewTitle}</h2>
      <label>${t.reviewWaitingDays} <input type="number" name="waitingDays" min="0" max="365" .value=${String(this.waitingDays)}
        @change=${(e: Event) => (this.waitingDays = Math.max(0, Number((e.target as HTMLInputElement).value) || 0))}></label>
      ${this.review.render({
        pending: () => (this.review.value ? this.renderReview(this.review.value) : html`<p class="muted">${t.loading}</p>`),
        complete: (review) => (review ? this.renderReview(review) : nothing),
        error: (error) => html`<p class="errors" role="alert">${String(error)}</p>`,
      })}`;
  }

  private renderReview(review: Review) {
    const t = this.locale.t;
    const day = (date: unknown) => (typeof date === 'string' ? this.locale.date(date) : '');
    const list = (id: string, title: string, docs: readonly Doc[], text: (doc: Doc) => string, detail: (doc: Doc) => string) => html`
      <section data-section=${id}><h3>${title} <span class="muted">(${docs.length})</span></h3>
      ${docs.length === 0 ? html`<p class="muted">${t.nothingHere}</p>` : html`<ul>${docs.map((doc) => html`<li data-id=${doc._id}>
        <button @click=${() => this.open(doc._id!)}>${text(doc)}</button><span class="muted">${detail(doc)}</span></li>`)}</ul>`}</section>`;
    return html`
      ${list('projects', t.projectsWithoutNext, review.projectsWithoutNext, (d) => String(d.subject ?? ''), (d) => String(d.customerName ?? ''))}
      ${list('waiting', t.waitingTooLong, review.waitingTooLong, (d) => String(d.subject ?? ''),
        (d) => t.waitingSinceDay(day(d.waitingSince), Array.isArray(d.delegatedTo) ? d.delegatedTo.join(', ') : ''))}
      ${list('contacts', t.customersNotContacted, review.notContacted, (d) => String(d.name ?? ''), (d) => day(d.nextContactDue))}`;
  }

  private open(id: string): void {
    this.dispatchEvent(new CustomEvent('gx-open-document', { detail: { db: 'crm', id }, bubbles: true, composed: true }));
  }
}

interface Review {
  readonly projectsWithoutNext: Doc[];
  readonly waitingTooLong: Doc[];
  readonly notContacted: Doc[];
}

async function readReview(crm: LocalDatabase, waitingDays: number): Promise<Review> {
  const today = localToday();
  const [projects, projectActions, waiting, notContacted] = await Promise.all([
    viewDocs(crm, 'action-projects'),
    viewDocs(crm, 'actions-by-project'),
    viewDocs(crm, 'actions-waiting'),
    viewDocs(crm, 'customers-contact-due', { stop: fromDay(today), limit: CONTACTS_SHOWN }),
  ]);
  // A delegated action of a project is in both lists: counted once.
  const actions = [...new Map([...projectActions, ...waiting].map((doc) => [doc._id, doc])).values()];
  const stale = findStale(today, projects, actions, waitingDays);
  return { ...stale, notContacted };
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-review-pane': GxReviewPane;
  }
}
