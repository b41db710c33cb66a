import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Doc, FieldDef, FieldLink } from '../../design/form.js';
import { formByName } from '../../design/forms/index.js';
import { clearedLinkValues, linkNameField } from '../../design/link-fill.js';
import { localeContext, workspaceContext } from '../contexts.js';
import { chooseLinked } from '../controllers/choose-linked.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import type { SearchHit } from '../controllers/search-index.js';
import type { Workspace } from '../controllers/workspace.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

const LIMIT = 20;

/**
 * A field that names another document (design/ `link`). Editing: type to search the documents of
 * the linked forms in the local replica (words, pinyin initials; names that are or start with what
 * was typed first, each with its city, code and salesperson to tell namesakes apart), choose with
 * the mouse or ↑ ↓ Enter (Esc closes), and the id and the `fill` fields are set through `gx-field-input`. Reading: the
 * linked document's name, which opens it (`gx-open-document`).
 */
@customElement('gx-link-picker')
export class GxLinkPicker extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; position: relative; max-width: 36em; }
    .chosen { display: flex; gap: 8px; align-items: center; margin-bottom: 3px; }
    .open { color: #1a55a0; text-decoration: underline; cursor: pointer; background: none; border: 0; padding: 0; font: inherit; text-align: left; }
    input { width: 100%; }
    ul { list-style: none; margin: 0; padding: 0; border: 1px solid #b4c2d3; background: #fff; max-height: 16em; overflow: auto; }
    li { padding: 3px 8px; cursor: pointer; display: flex; justify-content: space-between; gap: 8px; }
    li[aria-selected=true], li:hover { background: #dbe7f5; }
    .form { color: #5b6b7c; font-size: 12px; }
    .message { font-size: 12px; margin-top: 2px; }
    .error { color: #b3261e; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;
  @property() accessor name = '';
  @property({ attribute: false }) accessor def: FieldDef | undefined;
  @property({ attribute: false }) accessor doc: Doc | undefined;
  @property({ type: Boolean }) accessor editing = false;
  @state() private accessor query = '';
  @state() private accessor active = 0;
  @state() private accessor error = '';

  private get link(): FieldLink | undefined {
    return this.def?.link;
  }

  private get database(): LocalDatabase | undefined {
    return this.link && this.workspace?.database(this.link.db);
  }

  /** The copy of the linked document's title kept here, else its title in the replica, else its id. */
  private linkedTitle(id: string): string {
    const nameField = this.link && linkNameField(this.link, formByName);
    const copy = nameField ? this.doc?.[nameField] : undefined;
    return typeof copy === 'string' && copy !== '' ? copy : this.database?.search.hit(id)?.title ?? id;
  }

  override render() {
    const id = this.doc?.[this.name];
    const linked = typeof id === 'string' && id !== '' ? id : undefined;
    if (!this.editing) return linked ? this.renderOpen(linked) : nothing;
    const t = this.locale.t;
    const db = this.database;
    if (!db) return html`${linked ? this.linkedTitle(linked) : nothing}<div class="message error" role="alert">${t.linkNoDatabase}</div>`;
    const { hits, more } = this.query === '' ? { hits: [], more: false } : db.search.search(this.query, LIMIT, this.link!.forms);
    const listId = 'options';
    return html`
      ${linked ? html`<div class="chosen"><span class="title">${this.linkedTitle(linked)}</span><button class="clear" @click=${this.clear}>${t.linkClear}</button></div>` : nothing}
      <input role="combobox" aria-label=${this.locale.label(this.def!.label)} aria-autocomplete="list" aria-controls=${listId} aria-expanded=${hits.length > 0 ? 'true' : 'false'}
        aria-activedescendant=${hits.length > 0 ? `${listId}-${this.active}` : nothing}
        placeholder=${t.linkSearch(this.locale.label(this.def!.label))} .value=${this.query} @input=${this.onQuery} @keydown=${(e: KeyboardEvent) => this.onKey(e, hits)}>
      ${hits.length > 0 ? html`<ul id=${listId} role="listbox">${hits.map((hit, i) => html`
        <li id=${`${listId}-${i}`} role="option" data-id=${hit.id} aria-selected=${i === this.active ? 'true' : 'false'}
          @mousedown=${(e: Event) => e.preventDefault()} @click=${() => void this.choose(hit)}>
          <span>${hit.title}</span><span class="form">${[...hit.details, this.formLabel(hit.form)].join(' · ')}</span></li>`)}</ul>` : nothing}
      ${this.error ? html`<div class="message error" role="alert">${this.error}</div>`
        : this.query !== '' && hits.length === 0 ? html`<div class="message muted">${t.linkNoMatch(this.query)}</div>`
        : more ? html`<div class="message muted">${t.linkMore(LIMIT)}</div>`
        : this.query !== '' ? html`<div class="message muted">${t.linkTypeToSearch}</div>` : nothing}`;
  }

  private renderOpen(id: string) {
    const title = this.linkedTitle(id);
    return html`<button class="open" title=${this.locale.t.linkOpen(title)} @click=${() => this.open(id)}>${title}</button>`;
  }

  private formLabel(form: string): string {
    const def = formByName(form);
    return def ? this.locale.label(def.label) : form;
  }

  private readonly onQuery = (e: Event) => {
    this.query = (e.target as HTMLInputElement).value;
    this.active = 0;
    this.error = '';
  };

  private onKey(e: KeyboardEvent, hits: readonly SearchHit[]): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length > 0) this.active = (this.active + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = hits[this.active];
      if (hit) void this.choose(hit);
    } else if (e.key === 'Escape' && this.query !== '') {
      e.preventDefault();
      this.query = '';
    }
  }

  private async choose(hit: SearchHit): Promise<void> {
    const db = this.database;
    if (!db || !this.link) return;
    const choice = await chooseLinked(db, this.name, this.link, hit.id);
    if (!choice.ok) {
      this.error = this.locale.t.linkGone;
      return;
    }
    this.query = '';
    this.error = '';
    this.emit(choice.values);
  }

  private readonly clear = () => {
    if (this.link) this.emit(clearedLinkValues(this.name, this.link));
  };

  private open(id: string): void {
    this.dispatchEvent(new CustomEvent('gx-open-document', { detail: { db: this.link!.db, id }, bubbles: true, composed: true }));
  }

  /** One `gx-field-input` per field, as if each had been typed: the document pane keeps its draft from them. */
  private emit(values: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(values)) {
      this.dispatchEvent(new CustomEvent('gx-field-input', { detail: { name, value }, bubbles: true, composed: true }));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-link-picker': GxLinkPicker;
  }
}
