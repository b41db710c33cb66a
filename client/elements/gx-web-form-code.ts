import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { decideWrite } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import { inquirySnippet, subscribeSnippet } from '../../design/web-form-snippet.js';
import { localeContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { newSiteKey } from '../controllers/web-site-key.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

/**
 * A website form's code to paste into the company's pages (this server's address and the form's
 * id filled in, in the interface's language), and, for whoever may change the form, a new key for
 * its JSON API, shown once: the server keeps only its hash.
 */
@customElement('gx-web-form-code')
export class GxWebFormCode extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; margin: 6px 0 10px; border: 1px solid #c9d5e3; background: #f4f7fb; padding: 6px 8px; border-radius: 3px; }
    textarea { width: 100%; min-height: 10em; font: 12px monospace; }
    code { user-select: all; }
    .error { color: #b3261e; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor db: LocalDatabase | undefined;
  @property({ attribute: false }) accessor doc: Doc | null = null;
  @state() private accessor key = '';
  @state() private accessor failure = '';

  override render() {
    const { doc } = this;
    if (doc?.form !== 'WebForm' || typeof doc._id !== 'string') return nothing;
    const t = this.locale.t;
    const lang = this.locale.lang;
    const server = location.origin;
    const mayChange = !!this.db && decideWrite(this.db.access, doc, doc).allowed;
    return html`
      <div>${t.webFormCode}</div>
      <label>${t.webInquiryCode}<textarea readonly data-snippet="inquiry" .value=${inquirySnippet(server, doc._id, String(doc.consentText ?? ''), lang)}></textarea></label>
      <label>${t.webSubscribeCode}<textarea readonly data-snippet="subscribe" .value=${subscribeSnippet(server, doc._id, lang)}></textarea></label>
      ${mayChange ? html`<button data-site-key="new" @click=${() => void this.makeKey(doc._id!)}>${t.newSiteKey}</button>` : nothing}
      ${this.key ? html`<div role="status">${t.siteKeyShown} <code data-site-key="shown">${this.key}</code></div>` : nothing}
      ${this.failure ? html`<div class="error" role="status">${this.failure}</div>` : nothing}`;
  }

  private async makeKey(siteId: string): Promise<void> {
    const outcome = await newSiteKey(siteId);
    if (outcome.ok) {
      this.key = outcome.value;
      this.failure = '';
    } else {
      this.failure = typeof outcome.reason === 'string' ? outcome.reason : this.locale.label(outcome.reason);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-web-form-code': GxWebFormCode;
  }
}
