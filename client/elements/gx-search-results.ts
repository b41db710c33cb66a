import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formByName } from '../../design/forms/index.js';
import { localeContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import type { SearchHit } from '../controllers/search-index.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

const LIMIT = 200;

/** What the search box found in the local replicas, in place of the view. Fires `gx-open-document`. */
@customElement('gx-search-results')
export class GxSearchResults extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; overflow: auto; background: #fff; }
    .summary { padding: 6px 10px; background: #eef2f7; border-bottom: 1px solid #b4c2d3; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { padding: 3px 10px; border-bottom: 1px solid #f0f3f6; cursor: pointer; display: grid; grid-template-columns: 9em 1fr 8em; gap: 8px; }
    li:hover { background: #e4edf7; }
    .form { color: #5b6b7c; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor databases: readonly LocalDatabase[] = [];
  @property() accessor query = '';

  override render() {
    const found: (SearchHit & { db: LocalDatabase })[] = [];
    let more = false;
    for (const db of this.databases) {
      const { hits, more: cut } = db.search.search(this.query, LIMIT - found.length);
      found.push(...hits.map((hit) => ({ ...hit, db })));
      more ||= cut;
      if (found.length >= LIMIT) break;
    }
    const t = this.locale.t;
    return html`<div class="summary">${t.searchResults(found.length, this.query)} ${more ? t.searchMore(LIMIT) : nothing}</div>
      <ul role="listbox">${found.map((hit) => {
        const form = formByName(hit.form);
        return html`<li role="option" data-id=${hit.id} @click=${() => {
          performance.mark('gx:doc-open');
          this.dispatchEvent(new CustomEvent('gx-open-document', { detail: { db: hit.db.name, id: hit.id }, bubbles: true, composed: true }));
        }}><span class="form">${form ? this.locale.label(form.label) : hit.form}</span><span>${hit.title}</span><span class="muted">${this.locale.label(hit.db.info.label)}</span></li>`;
      })}</ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-search-results': GxSearchResults;
  }
}
