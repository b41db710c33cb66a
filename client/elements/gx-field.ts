import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LIST_TYPES, type Doc, type FieldDef } from '../../design/form.js';
import { choiceByName } from '../../design/reference/choice-by-name.js';
import { viewById } from '../../views/catalog.js';
import { choiceOptions, isSearchedList } from '../choice-options.js';
import type { Workspace } from '../controllers/workspace.js';
import { localeContext, workspaceContext } from '../contexts.js';
import { formatValue } from '../format-value.js';
import type { Locale } from '../i18n/locale.js';
import './gx-link-picker.js';
import './gx-names-picker.js';
import './gx-objects-field.js';
import { paneStyles } from './styles.js';

/** Separators people type between list entries, Chinese punctuation included. */
const LIST_SEPARATOR = /[,，;；、\n]/;

/**
 * One field of a form: its label, then its value as text (read mode) or an input fit for its
 * type (edit mode) with the validation message beside it. Fires `gx-field-input` with the
 * value parsed as the document stores it.
 */
@customElement('gx-field')
export class GxField extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: grid; grid-template-columns: 11em 1fr; gap: 6px; align-items: start; padding: 3px 0; }
    label { color: #35506e; padding-top: 3px; text-align: right; }
    .required { color: #b3261e; margin-left: 2px; }
    .value { white-space: pre-wrap; word-break: break-word; padding-top: 3px; min-height: 1.4em; }
    input:not([type=checkbox]), select, textarea { width: 100%; max-width: 36em; }
    textarea { min-height: 5em; resize: vertical; }
    .error { color: #b3261e; font-size: 12px; margin-top: 2px; }
    .invalid input, .invalid select, .invalid textarea { border-color: #b3261e; background: #fff6f5; }
    .hint { font-size: 11px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property() accessor name = '';
  @property({ attribute: false }) accessor def: FieldDef | undefined;
  @property({ attribute: false }) accessor value: unknown;
  @property({ attribute: false }) accessor doc: Doc | undefined;
  @property({ type: Boolean }) accessor editing = false;
  @property() accessor error: string | undefined;
  /** Errors of an `objects` field's cells, by `<field>.<row>.<column>`. */
  @property({ attribute: false }) accessor cellErrors: ReadonlyMap<string, string> = new Map();
  /** For a list with `suggestFrom`: the values in use, from its view's categories. */
  @state() private accessor inUse: readonly string[] | undefined;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;
  /** What is typed in a list field, for suggestions of its last entry. */
  @state() private accessor typed: string | undefined;

  override render() {
    const def = this.def;
    if (!def) return nothing;
    const id = `field-${this.name}`;
    return html`
      <label for=${id}>${this.locale.label(def.label)}${this.editing && def.required ? html`<span class="required" title=${this.locale.t.required}>*</span>` : nothing}</label>
      <div class=${this.error ? 'invalid' : ''}>
        ${def.link ? html`<gx-link-picker id=${id} name=${this.name} .def=${def} .doc=${this.doc} ?editing=${this.editing}></gx-link-picker>`
          : def.type === 'objects' && def.columns ? this.renderObjects(id)
          : def.type === 'names' && this.editing ? this.renderNames(id)
          : this.editing ? this.renderInput(id, def) : html`<div class="value" id=${id}>${this.readValue(def)}</div>`}
        ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
      </div>`;
  }

  private renderObjects(id: string) {
    return html`<gx-objects-field id=${id} name=${this.name} .def=${this.def} .value=${this.value} ?editing=${this.editing} .cellErrors=${this.cellErrors}
      @gx-objects-change=${(e: CustomEvent<unknown>) => this.emit(e.detail)}></gx-objects-field>`;
  }

  /** People, groups and departments from the directory, offline too. */
  private renderNames(id: string) {
    const value = Array.isArray(this.value) ? this.value.map(String) : typeof this.value === 'string' && this.value !== '' ? [this.value] : [];
    return html`<gx-names-picker id=${id} .value=${value} label=${this.locale.label(this.def!.label)} .max=${this.def!.maxItems}
      @gx-names-change=${(e: CustomEvent<string[]>) => this.emit(e.detail.length === 0 ? undefined : e.detail)}></gx-names-picker>`;
  }

  /** A number the server assigns (a customer's code, a deal's number) shows as pending until it has. */
  private readValue(def: FieldDef) {
    const text = formatValue(this.value, def, this.locale, this.doc, this.name);
    const assigned = (this.name === 'code' && this.doc?.form === 'Customer') || (this.name === 'number' && this.doc?.form === 'Deal');
    return text === '' && assigned ? html`<span class="muted">${this.locale.t.pendingNumber}</span>` : text;
  }

  /** Inputs take the stored value once (the `value` attribute) and then keep what is typed: a list or a number half typed is not rewritten. */
  private renderInput(id: string, def: FieldDef) {
    const value = this.value;
    const text = value === undefined || value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value);
    const required = def.required === true;
    switch (def.type) {
      case 'textarea':
        return html`<textarea id=${id} name=${this.name} ?required=${required} .value=${text} @input=${this.onText}></textarea>`;
      case 'choice':
        if (isSearchedList(def)) {
          // Suggestions by their names in the person's language (a long list is searched by typing, not scrolled);
          // a name in either language is stored as its choice, any other text as typed (and validated).
          const shown = def.choices?.find((c) => c.value === text);
          return html`<input id=${id} name=${this.name} list=${`${id}-choices`} ?required=${required} value=${shown ? this.locale.label(shown.label) : text} @input=${this.onOpenChoice}>
            <datalist id=${`${id}-choices`}>${def.choices?.map((c) => html`<option value=${this.locale.label(c.label)}></option>`)}</datalist>`;
        }
        return html`<select id=${id} name=${this.name} ?required=${required} @change=${this.onText}>
          <option value="" ?selected=${text === ''}></option>
          ${choiceOptions(def.choices, text).map((c) => html`<option value=${c.value} ?selected=${c.value === text}>${this.locale.label(c.label)}</option>`)}
        </select>`;
      case 'boolean':
        return html`<input id=${id} name=${this.name} type="checkbox" .checked=${value === true} @change=${(e: Event) => this.emit((e.target as HTMLInputElement).checked)}>`;
      case 'number':
        return html`<input id=${id} name=${this.name} type="number" step="any" ?required=${required} value=${text} @input=${this.onNumber}>`;
      case 'date':
        return html`<input id=${id} name=${this.name} type="date" ?required=${required} value=${text} @input=${this.onText}>`;
      case 'datetime':
        return html`<input id=${id} name=${this.name} type="datetime-local" ?required=${required} value=${toLocalInput(text)} @input=${this.onDateTime}>`;
      case 'objects':
        return html`<div class="value muted" id=${id}>${formatValue(value, def, this.locale)}</div>`;
      default: {
        const type = def.type === 'email' ? 'email' : def.type === 'phone' ? 'tel' : def.type === 'url' ? 'url' : 'text';
        const list = LIST_TYPES.has(def.type);
        const offered = this.inUse;
        return html`<input id=${id} name=${this.name} type=${list ? 'text' : type} ?required=${required} maxlength=${def.maxLength ?? nothing} value=${text}
          list=${offered ? `${id}-offered` : nothing} @input=${list ? this.onList : this.onText}>${list ? html`<div class="hint muted">${this.locale.t.listHint}</div>` : nothing}
          ${offered ? this.renderOffered(`${id}-offered`, offered, this.typed ?? text) : nothing}`;
      }
    }
  }

  /** The values in use, offered for the entry being typed (the ones before it kept). */
  private renderOffered(id: string, offered: readonly string[], typed: string) {
    const cut = typed.search(/[^,，;；、\n]*$/);
    const before = typed.slice(0, cut);
    const prefix = before === '' ? '' : `${before.trimEnd()} `;
    return html`<datalist id=${id}>${offered.map((name) => html`<option value=${prefix + name}></option>`)}</datalist>`;
  }

  override willUpdate(): void {
    const from = this.def?.suggestFrom;
    const view = from && viewById(from.viewId);
    const db = from && this.workspace?.database(from.db);
    if (this.editing && view && db && this.inUse === undefined) {
      this.inUse = [];
      // The categories as the replica has them: collapsed, so only the category rows come.
      db.viewPage(view, { expandAll: false, limit: 500 }).then((page) => {
        this.inUse = [...new Set(page.rows.flatMap((row) => (row.kind === 'category' && row.level === 0 && typeof row.title === 'string' && row.title !== '' ? [row.title] : [])))];
      }, () => undefined);
    }
  }

  private readonly onText = (e: Event) => {
    const text = (e.target as HTMLInputElement).value;
    this.emit(text === '' ? undefined : text);
  };

  private readonly onOpenChoice = (e: Event) => {
    const text = (e.target as HTMLInputElement).value;
    this.emit(text === '' ? undefined : (this.def?.choices && choiceByName(this.def.choices, text)?.value) ?? text);
  };

  /** A number as a number; what does not read as one is kept as typed, so validation can say so. */
  private readonly onNumber = (e: Event) => {
    const input = e.target as HTMLInputElement;
    if (input.value === '') this.emit(input.validity.badInput ? 'NaN' : undefined);
    else this.emit(Number.isFinite(input.valueAsNumber) ? input.valueAsNumber : input.value);
  };

  private readonly onList = (e: Event) => {
    this.typed = (e.target as HTMLInputElement).value;
    const entries = (e.target as HTMLInputElement).value.split(LIST_SEPARATOR).map((s) => s.trim()).filter((s) => s !== '');
    this.emit(entries.length === 0 ? undefined : entries);
  };

  private readonly onDateTime = (e: Event) => {
    const text = (e.target as HTMLInputElement).value;
    const time = Date.parse(text);
    this.emit(text === '' ? undefined : Number.isNaN(time) ? text : new Date(time).toISOString());
  };

  private emit(value: unknown): void {
    this.dispatchEvent(new CustomEvent('gx-field-input', { detail: { name: this.name, value }, bubbles: true, composed: true }));
  }
}

/** An ISO time as a datetime-local input shows it: local time, to the minute. */
function toLocalInput(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const local = new Date(time - new Date(time).getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-field': GxField;
  }
}
