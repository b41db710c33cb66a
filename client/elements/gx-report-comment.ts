import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Doc } from '../../design/form.js';
import { officeDay } from '../../design/forms/time-zones.js';
import { localeContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { saveDocument } from '../controllers/save-document.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

/**
 * A manager's comment (批示) on a work report, added in their own name with today's date. It is
 * an edit of the report like any other and works offline; design/forms/work-report.ts lets its
 * managers add comments and nothing else.
 */
@customElement('gx-report-comment')
export class GxReportComment extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; margin: 6px 0 10px; }
    form { display: grid; gap: 6px; max-width: 560px; }
    .error { color: #b3261e; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor db: LocalDatabase | undefined;
  @property({ attribute: false }) accessor doc: Doc | null = null;
  @state() private accessor error = '';

  override render() {
    const { db, doc } = this;
    if (!db || !doc?._id || doc.createdBy === db.user.name) return nothing;
    const t = this.locale.t;
    return html`<form data-comment @submit=${this.onSubmit}>
      <label>${t.reportComment}<textarea name="text" rows="2" required></textarea></label>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
      <div><button class="primary" type="submit">${t.reportAddComment}</button></div>
    </form>`;
  }

  private readonly onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const text = String(new FormData(form).get('text') ?? '').trim();
    const { db, doc } = this;
    if (!text || !db || !doc) return;
    const comments = [...(Array.isArray(doc.comments) ? doc.comments : []), { by: db.user.name, at: officeDay(new Date().toISOString()), text }];
    const outcome = await saveDocument(db, { ...doc, comments }, doc);
    if (outcome.ok) {
      form.reset();
      this.error = '';
    } else {
      this.error = outcome.errors.map((error) => this.locale.label(error.message)).join(' ');
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-report-comment': GxReportComment;
  }
}
